//===--- StructPaddingCheck.h - hotpath -----------------------------------===//
//
// Finds records whose fields, reordered, make the record smaller: the current
// size and padding from clang's record layout, the smallest size any order
// reaches (respecting alignas, bases, [[no_unique_address]], arrays and tail
// padding), the order that reaches it, and the cache lines saved. Offers a
// fix-it that reorders the field declarations, with their comments, when
// that cannot change the program's meaning.
// Documentation: docs/checks/hotpath-struct-padding.md
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_STRUCTPADDINGCHECK_H
#define HOTPATH_CHECKS_STRUCTPADDINGCHECK_H

#include "HotpathCheck.h"
#include "analyses/LayoutDependence.h"
#include "relevance/InstanceCount.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <cstdint>
#include <string>
#include <vector>

namespace clang::tidy::hotpath {

class StructPaddingCheck : public HotpathCheck {
public:
  StructPaddingCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// A record that a reordering makes smaller, reported at the end of the
  /// translation unit when all its uses have been seen.
  struct Candidate {
    const RecordDecl *Record;  ///< The analysed record (or instantiation).
    const RecordDecl *Pattern; ///< Where its fields are written.
    SourceLocation Loc;        ///< The record's name.
    std::string Name;          ///< As printed, with template arguments.
    std::uint64_t Size, Padding, BestSize;
    std::vector<unsigned> Order; ///< Field indices, best order.
    bool FieldTypesDependent;    ///< The pattern's field types are dependent.
  };

  void analyse(const RecordDecl &RD, ASTContext &Ctx);
  /// Why the fields of \p C cannot be rewritten safely; empty if they can.
  /// On success \p Fixes receives the replacements: the fields, and the
  /// member initialisers of constructors that list them in the old order.
  /// \p NotVisible: the reason is code this translation unit cannot see.
  std::string whyNoFix(const Candidate &C, std::vector<FixItHint> &Fixes,
                       bool &NotVisible) const;

  const std::uint64_t MinSavingBytes;
  const std::uint64_t CacheLineBytes;
  /// A saved cache line counts for objects of at most this many lines: a
  /// use of a larger object touches only some of its lines anyway.
  const std::uint64_t SmallObjectLines;
  /// A record paid many times is reported when the saving is at least this
  /// share of its size, in percent.
  const std::uint64_t MinSavingPercent;
  std::vector<StringRef> IgnoredRecords;

  ASTContext *Ctx = nullptr;
  std::vector<Candidate> Candidates;
  llvm::DenseSet<const RecordDecl *> Analysed;
  /// Records initialised by a braced list or a parenthesised aggregate
  /// initialisation, or bound by a structured binding: the field order is
  /// part of the meaning.
  llvm::DenseMap<const RecordDecl *, std::string> OrderDependentUse;
  /// Records a function with C linkage takes or returns: their layout is
  /// an interface, not reported.
  llvm::DenseSet<const RecordDecl *> CInterface;
  relevance::ManyInstances Many;
  const bool ReportSingleObjects;

  analyses::LayoutDependence LayoutUse;
};

} // namespace clang::tidy::hotpath

#endif // HOTPATH_CHECKS_STRUCTPADDINGCHECK_H
