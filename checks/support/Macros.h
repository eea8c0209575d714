//===--- Macros.h - hotpath -------------------------------------*- C++ -*-===//
//
// Variables that a macro declares from its arguments. A test library's
// assertion macro (`CHECK_EQ(expected, actual)` expanding to
// `auto want = expected; ...`) declares a local in every expansion; in one
// expansion the argument is a constant, in the next it is not. The constant
// belongs to one call site and no fix applies to the macro's body.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_SUPPORT_MACROS_H
#define HOTPATH_CHECKS_SUPPORT_MACROS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::hotpath::support {

namespace detail {
inline bool hasMacroArgument(const Stmt *S, const SourceManager &SM,
                             unsigned Depth) {
  if (!S || Depth > 16)
    return false;
  if (S->getBeginLoc().isMacroID() && SM.isMacroArgExpansion(S->getBeginLoc()))
    return true;
  for (const Stmt *Child : S->children())
    if (hasMacroArgument(Child, SM, Depth + 1))
      return true;
  return false;
}
} // namespace detail

/// True when \p Var is declared in a macro's body (its name is not an
/// argument) and part of its initialiser comes from a macro argument.
inline bool declaredByMacroFromArgument(const VarDecl &Var,
                                        const SourceManager &SM) {
  SourceLocation Name = Var.getLocation();
  if (!Name.isMacroID() || SM.isMacroArgExpansion(Name) || !Var.getInit())
    return false;
  return detail::hasMacroArgument(Var.getInit(), SM, 0);
}

} // namespace clang::tidy::hotpath::support

#endif
