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
  void checkAllocation(const Expr &Alloc, const std::string &Kind,
                       const FunctionDecl &FD,
                       const analyses::FunctionUsage &FU, ASTContext &Ctx);

  std::vector<StringRef> AllocFunctions;
};

} // namespace clang::tidy::hotpath

#endif // HOTPATH_CHECKS_HEAPALLOCINLOOPCHECK_H
