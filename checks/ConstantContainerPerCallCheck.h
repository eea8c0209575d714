//===--- ConstantContainerPerCallCheck.h - hotpath ------------------------===//
//
// Finds heap-owning containers built only from constants on every call: a
// local that is never modified, moved or escapes after construction (fix-it:
// `static const`), and `return {"a", "b"};` for a container return type.
// Documentation: docs/checks/hotpath-constant-container-per-call.md
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_CONSTANTCONTAINERPERCALLCHECK_H
#define HOTPATH_CHECKS_CONSTANTCONTAINERPERCALLCHECK_H

#include "HotpathCheck.h"
#include "analyses/VarUsage.h"
#include <vector>

namespace clang::tidy::hotpath {

class ConstantContainerPerCallCheck : public HotpathCheck {
public:
  ConstantContainerPerCallCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  /// Allocations that building \p Init costs, or 0 when it is not a
  /// container built only from constants.
  unsigned constantAllocations(const Expr *Init, ASTContext &Ctx) const;
  /// The same for \p Init building a dependent container \p Type in a
  /// template's pattern (`std::vector<T> v = {1, 2};`, `return {1, 2};`):
  /// the container's own allocations, or 0 when it is not a braced list of
  /// constants.
  unsigned dependentAllocations(const Expr *Init, QualType Type,
                                ASTContext &Ctx) const;
  void checkReturn(const ReturnStmt &Ret, const FunctionDecl &FD,
                   const analyses::FunctionUsage &FU, ASTContext &Ctx);

  const unsigned MinStringLength;
  std::vector<StringRef> ContainerTypes;
};

} // namespace clang::tidy::hotpath

#endif // HOTPATH_CHECKS_CONSTANTCONTAINERPERCALLCHECK_H
