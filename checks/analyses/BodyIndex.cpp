//===--- BodyIndex.cpp - hotpath ------------------------------------------===//

#include "analyses/BodyIndex.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::hotpath::analyses {

void BodyIndex::build(Visitor Visit) {
  llvm::SmallVector<const Stmt *, 32> Stack;
  walk(Body, Stack, Visit);
}

// Recursive, as deep as the body's nesting. A statement met a second time
// (a node two parents share) keeps its first parent and is not walked again.
void BodyIndex::walk(const Stmt *S, llvm::SmallVectorImpl<const Stmt *> &Stack,
                     Visitor Visit) {
  if (!S ||
      !Parents.try_emplace(S, Stack.empty() ? nullptr : Stack.back()).second)
    return;
  Order.push_back(S);
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        DeclStmts.try_emplace(VD, DS);
  if (Visit)
    Visit(*S, Stack);
  if (isa<DeclRefExpr>(S))
    return;
  Stack.push_back(S);
  for (const Stmt *Child : S->children())
    walk(Child, Stack, Visit);
  Stack.pop_back();
}

const Stmt *bodyOf(const Decl *D) {
  if (!D)
    return nullptr;
  if (const auto *FD = dyn_cast<FunctionDecl>(D))
    return FD->getBody();
  if (const auto *BD = dyn_cast<BlockDecl>(D))
    return BD->getBody();
  return nullptr;
}

const BodyIndex &BodyIndexCache::get(const Stmt &Body) {
  std::unique_ptr<BodyIndex> &Slot = Cache[&Body];
  if (!Slot)
    Slot = std::make_unique<BodyIndex>(Body);
  return *Slot;
}

std::optional<BodyIndexCache::Owner>
BodyIndexCache::owning(const Stmt &S, const SourceManager &SM) {
  SourceLocation L = SM.getExpansionLoc(S.getBeginLoc());
  std::vector<const FunctionDecl *> Around;
  for (const FunctionDecl *FD : Functions) {
    SourceRange R = FD->getBody()->getSourceRange();
    if (!SM.isBeforeInTranslationUnit(L, SM.getExpansionLoc(R.getBegin())) &&
        !SM.isBeforeInTranslationUnit(SM.getExpansionLoc(R.getEnd()), L))
      Around.push_back(FD);
  }
  // Innermost first: a lambda's call operator before the function around it.
  llvm::sort(Around, [&](const FunctionDecl *A, const FunctionDecl *B) {
    return SM.isBeforeInTranslationUnit(
        SM.getExpansionLoc(B->getBody()->getBeginLoc()),
        SM.getExpansionLoc(A->getBody()->getBeginLoc()));
  });
  for (const FunctionDecl *FD : Around) {
    const BodyIndex &Index = get(*FD->getBody());
    if (Index.contains(&S))
      return Owner{FD, &Index};
  }
  return std::nullopt;
}

} // namespace clang::tidy::hotpath::analyses
