//===--- HeapAllocInLoopCheck.h - hotpath ---------------------------------===//
//
// Finds heap allocations (`new`, `new[]`, `std::make_unique`,
// `std::make_shared`, `malloc`, `calloc`) inside a loop whose result dies in
// the same iteration: a local pointer that never leaves the iteration and is
// freed there, or a temporary used once.
// Documentation: docs/checks/hotpath-heap-alloc-in-loop.md
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_HEAPALLOCINLOOPCHECK_H
#define HOTPATH_CHECKS_HEAPALLOCINLOOPCHECK_H

#include "HotpathCheck.h"
#include "analyses/Effects.h"
#include "analyses/VarUsage.h"
#include <string>
#include <vector>

namespace clang::tidy::hotpath {

class HeapAllocInLoopCheck : public HotpathCheck {
public:
  HeapAllocInLoopCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  const FunctionDecl *allocFunction(const CallExpr &Call) const;
  /// A fresh allocation: `new T`, a call of AllocFunctions.
  bool isAllocation(const Expr *E) const;
  /// "returns a new heap object" for a return statement that hands back a
  /// fresh allocation (directly, or through the local it initialised).
  std::string returnsAllocation(const Stmt &S) const;
  void checkAllocation(const Expr &Alloc, const std::string &Kind,
                       const FunctionDecl &FD,
                       const analyses::FunctionUsage &FU, ASTContext &Ctx,
                       const analyses::EffectChain *Chain = nullptr,
                       const std::optional<support::PendingRecord> &Waits = {});

  std::vector<StringRef> AllocFunctions;
  /// Calls whose function returns a new heap object (depth 1: the
  /// function's own return statement).
  analyses::EffectSummaries Returning;
};

} // namespace clang::tidy::hotpath

#endif // HOTPATH_CHECKS_HEAPALLOCINLOOPCHECK_H
