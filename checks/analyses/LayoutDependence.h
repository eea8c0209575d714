//===--- LayoutDependence.h - code that depends on a record's layout -*- C++
//-*-===//
//
// Moving a record's fields or aligning one changes its size and offsets.
// Code that takes them with sizeof, alignof or offsetof may depend on the
// old values (a static_assert, manual padding, serialisation): onetbb's
// static_assert(sizeof(task_group_context) == 128), its padded<T> template
// and tbbmalloc's Padding<64 - sizeof(GlobalBlockFields)> all break when
// they change. The layout checks offer no fix-it for such records.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_ANALYSES_LAYOUTDEPENDENCE_H
#define HOTPATH_CHECKS_ANALYSES_LAYOUTDEPENDENCE_H

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseMap.h"
#include <string>

namespace clang::tidy::hotpath::analyses {

class LayoutDependence {
public:
  /// Matches sizeof, alignof and offsetof outside system headers.
  void registerMatchers(ast_matchers::MatchFinder &Finder,
                        ast_matchers::MatchFinder::MatchCallback &Callback);
  /// Takes the nodes the matchers above bound; false for anything else.
  bool handle(const ast_matchers::MatchFinder::MatchResult &Result);
  /// Why code in this translation unit depends on \p RD's layout; empty if
  /// nothing visible does. Valid once the translation unit is matched.
  std::string reason(const RecordDecl &RD) const;
  void clear();

private:
  /// Records whose layout is taken, and how.
  llvm::DenseMap<const RecordDecl *, std::string> Taken;
};

} // namespace clang::tidy::hotpath::analyses

#endif // HOTPATH_CHECKS_ANALYSES_LAYOUTDEPENDENCE_H
