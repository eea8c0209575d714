//===--- Loops.cpp - hotpath ----------------------------------------------===//

#include "analyses/Loops.h"
#include "support/NodeFilters.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::hotpath::analyses {

const Stmt *loopBody(const Stmt &Loop) {
  if (const auto *F = dyn_cast<ForStmt>(&Loop))
    return F->getBody();
  if (const auto *R = dyn_cast<CXXForRangeStmt>(&Loop))
    return R->getBody();
  if (const auto *W = dyn_cast<WhileStmt>(&Loop))
    return W->getBody();
  if (const auto *D = dyn_cast<DoStmt>(&Loop))
    return D->getBody();
  return nullptr;
}

// The increment of a `for` runs once per iteration too.
static bool isBodyOf(const Stmt &Loop, const Stmt *Child) {
  if (const auto *F = dyn_cast<ForStmt>(&Loop))
    if (F->getInc() == Child)
      return true;
  return Child && loopBody(Loop) == Child;
}

llvm::SmallVector<const Stmt *, 4>
enclosingLoops(const Stmt &S,
               llvm::function_ref<const Stmt *(const Stmt *)> ParentOf) {
  llvm::SmallVector<const Stmt *, 4> Loops;
  const Stmt *Prev = &S;
  for (const Stmt *P = ParentOf(&S); P; P = ParentOf(P)) {
    if (isa<LambdaExpr, BlockExpr>(P))
      break;
    if (isBodyOf(*P, Prev))
      Loops.push_back(P);
    Prev = P;
  }
  return Loops;
}

bool mentions(const Stmt *S, const ValueDecl *D) {
  if (!S || !D)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    return Ref->getDecl() == D;
  for (const Stmt *Child : S->children())
    if (mentions(Child, D))
      return true;
  return false;
}

bool spanContains(const Stmt &S, SourceLocation Loc, const SourceManager &SM) {
  SourceLocation B = SM.getExpansionLoc(S.getBeginLoc());
  SourceLocation E = SM.getExpansionLoc(S.getEndLoc());
  Loc = SM.getExpansionLoc(Loc);
  return !SM.isBeforeInTranslationUnit(Loc, B) &&
         !SM.isBeforeInTranslationUnit(E, Loc);
}

void addLoopMatchers(ast_matchers::MatchFinder &Finder,
                     ast_matchers::MatchFinder::MatchCallback &Callback,
                     llvm::StringRef Id) {
  using namespace ast_matchers;
  Finder.addMatcher(forStmt(support::isInUserCode()).bind(Id), &Callback);
  Finder.addMatcher(cxxForRangeStmt(support::isInUserCode()).bind(Id),
                    &Callback);
  Finder.addMatcher(whileStmt(support::isInUserCode()).bind(Id), &Callback);
  Finder.addMatcher(doStmt(support::isInUserCode()).bind(Id), &Callback);
}

} // namespace clang::tidy::hotpath::analyses
