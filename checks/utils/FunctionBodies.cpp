//===--- FunctionBodies.cpp - hotpath -------------------------------------===//

#include "FunctionBodies.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::hotpath::utils {

std::vector<const FunctionDecl *>
FunctionBodies::around(const Stmt &S, const SourceManager &SM) const {
  SourceLocation L = SM.getExpansionLoc(S.getBeginLoc());
  std::vector<const FunctionDecl *> Out;
  for (const FunctionDecl *FD : Functions) {
    SourceRange R = FD->getBody()->getSourceRange();
    SourceLocation B = SM.getExpansionLoc(R.getBegin());
    SourceLocation E = SM.getExpansionLoc(R.getEnd());
    if (!SM.isBeforeInTranslationUnit(L, B) &&
        !SM.isBeforeInTranslationUnit(E, L))
      Out.push_back(FD);
  }
  llvm::sort(Out, [&](const FunctionDecl *A, const FunctionDecl *B) {
    return SM.isBeforeInTranslationUnit(
        SM.getExpansionLoc(B->getBody()->getBeginLoc()),
        SM.getExpansionLoc(A->getBody()->getBeginLoc()));
  });
  return Out;
}

} // namespace clang::tidy::hotpath::utils
