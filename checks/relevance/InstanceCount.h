//===--- InstanceCount.h - hotpath ------------------------------*- C++ -*-===//
//
// Where a record's layout is paid many times in a translation unit: it is
// the element type of an array, a standard container or a new[]; it is
// allocated (new, make_unique, make_shared) inside a loop, once per item; or
// it is held by value in a record that is. A byte saved there is saved per
// element; a byte saved in a singleton or a per-connection object is not
// worth a finding by default (hotpath-struct-padding's ReportSingleObjects).
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_RELEVANCE_INSTANCECOUNT_H
#define HOTPATH_CHECKS_RELEVANCE_INSTANCECOUNT_H

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseMap.h"
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::hotpath::relevance {

class ManyInstances {
public:
  /// Arrays, new[], single allocations and loops outside system headers.
  void registerMatchers(ast_matchers::MatchFinder &Finder,
                        ast_matchers::MatchFinder::MatchCallback &Callback);
  /// Takes the nodes the matchers above bound; false for anything else.
  bool handle(const ast_matchers::MatchFinder::MatchResult &Result);
  /// Completes the picture at the end of the translation unit: container
  /// specialisations, allocations inside loops, records held by value.
  void finish(ASTContext &Ctx);
  /// Why \p RD exists many times ("it is the element type of ..."), or
  /// empty. Valid after finish().
  std::string why(const RecordDecl &RD) const;
  void clear();

private:
  void note(QualType T, std::string What);

  /// Record -> how it is multiplied.
  llvm::DenseMap<const RecordDecl *, std::string> Many;
  /// Single allocations (type, where) and loop bodies, matched in the TU.
  std::vector<std::pair<QualType, SourceLocation>> Allocations;
  std::vector<SourceRange> LoopBodies;
};

} // namespace clang::tidy::hotpath::relevance

#endif
