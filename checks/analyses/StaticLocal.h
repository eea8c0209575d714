//===--- StaticLocal.h - hotpath --------------------------------*- C++ -*-===//
//
// When a local variable can be made `static const` by inserting those words
// before its declaration: the declaration stands alone in a block, and the
// function may hold a static local. Shared by the checks whose fix-it builds
// a constant object once instead of on every call.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_ANALYSES_STATICLOCAL_H
#define HOTPATH_CHECKS_ANALYSES_STATICLOCAL_H

#include "analyses/VarUsage.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::hotpath::analyses {

/// The DeclStmt declaring \p Var alone, as a statement of a block, or
/// nullptr (several declarators, an `if`/`for` initialiser, ...).
inline const DeclStmt *soleDeclInBlock(const VarDecl &Var,
                                       const FunctionUsage &FU) {
  const DeclStmt *DS = FU.declStmtOf(&Var);
  if (!DS || !DS->isSingleDecl())
    return nullptr;
  return isa_and_nonnull<CompoundStmt>(FU.parentOf(DS)) ? DS : nullptr;
}

/// True when \p FD is written `constexpr` or `consteval`: `static` is not
/// allowed in a constexpr function before C++23. A lambda's call operator is
/// marked constexpr implicitly when it qualifies; only a written `constexpr`
/// counts there.
inline bool isWrittenConstexpr(const FunctionDecl &FD, ASTContext &Ctx) {
  if (!FD.isConstexpr())
    return false;
  const auto *MD = dyn_cast<CXXMethodDecl>(&FD);
  if (!MD || !MD->getParent()->isLambda() || !FD.getBody())
    return true;
  StringRef Text =
      Lexer::getSourceText(CharSourceRange::getCharRange(
                               FD.getBeginLoc(), FD.getBody()->getBeginLoc()),
                           Ctx.getSourceManager(), Ctx.getLangOpts());
  return Text.contains("constexpr") || Text.contains("consteval");
}

/// What to insert before \p Var's declaration: "static const ", or only
/// "static " when the object (or what a reference binds) is already const.
inline const char *staticConstInsertion(const VarDecl &Var) {
  return Var.getType().getNonReferenceType().isConstQualified()
             ? "static "
             : "static const ";
}

} // namespace clang::tidy::hotpath::analyses

#endif // HOTPATH_CHECKS_ANALYSES_STATICLOCAL_H
