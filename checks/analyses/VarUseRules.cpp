//===--- VarUseRules.cpp - hotpath ----------------------------------------===//

#include "analyses/VarUseRules.h"
#include "analyses/Containers.h"
#include "analyses/VarUsage.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::hotpath::analyses {

bool isNamed(const FunctionDecl *FD, StringRef QualifiedName) {
  if (!FD || !FD->getDeclName().isIdentifier())
    return false;
  StringRef Plain = QualifiedName.rsplit("::").second;
  if (FD->getName() != Plain)
    return false;
  return ("::" + FD->getQualifiedNameAsString()) == QualifiedName;
}

bool isStdMove(const FunctionDecl *FD) {
  if (!FD || !FD->getDeclName().isIdentifier() || !FD->isInStdNamespace())
    return false;
  StringRef N = FD->getName();
  return N == "move" || N == "forward" || N == "move_if_noexcept" ||
         N == "exchange" || N == "swap";
}

bool isComparison(OverloadedOperatorKind K) {
  switch (K) {
  case OO_EqualEqual:
  case OO_ExclaimEqual:
  case OO_Less:
  case OO_LessEqual:
  case OO_Greater:
  case OO_GreaterEqual:
  case OO_Spaceship:
    return true;
  default:
    return false;
  }
}

bool isMutableHandle(QualType T) {
  if (T->isReferenceType() || T->isPointerType())
    return !T->getPointeeType().isConstQualified();
  return false;
}

// A type of a template's pattern that an instantiation may turn into a
// reference (`T` with T = `int &`, `typename T::type`, `decltype(e)`,
// `decltype(auto)`): `T r = v;` may bind v, and `const T &` may collapse
// into a non-const reference.
bool mayBecomeReference(QualType T) {
  if (T.isNull())
    return true;
  const Type *C = T.getCanonicalType().getTypePtr();
  if (const auto *A = dyn_cast<AutoType>(C))
    return A->isDecltypeAuto();
  if (!C->isDependentType())
    return false;
  return !isa<ReferenceType, PointerType, MemberPointerType, ArrayType,
              FunctionType, RecordType, EnumType, TemplateSpecializationType,
              InjectedClassNameType>(C);
}

// A reference that may be used to write: to non-const, or to a type that
// may become a non-const reference.
bool isWritableReference(QualType T) {
  if (!T->isReferenceType())
    return false;
  QualType Pointee = T->getPointeeType();
  return !Pointee.isConstQualified() || mayBecomeReference(Pointee);
}

// A range-for variable that holds a proxy by value (`auto x` over a
// std::vector<bool>): assigning to it writes into the range.
bool isProxyLoopVariable(const VarDecl &LoopVar) {
  const Expr *Init = LoopVar.getInit()->IgnoreImplicit();
  if (const auto *C = dyn_cast<CXXConstructExpr>(Init))
    if (C->getNumArgs() == 1 && C->getConstructor()->isCopyOrMoveConstructor())
      Init = C->getArg(0)->IgnoreImplicit();
  return Init->isPRValue() && Init->getType()->isRecordType();
}

bool isAssignmentOperator(OverloadedOperatorKind K) {
  switch (K) {
  case OO_Equal:
  case OO_PlusEqual:
  case OO_MinusEqual:
  case OO_StarEqual:
  case OO_SlashEqual:
  case OO_PercentEqual:
  case OO_CaretEqual:
  case OO_AmpEqual:
  case OO_PipeEqual:
  case OO_LessLessEqual:
  case OO_GreaterGreaterEqual:
    return true;
  default:
    return false;
  }
}

// Members that copy the whole argument into the object they are called on.
bool isStoringCall(const FunctionDecl *FD) {
  if (!FD)
    return false;
  if (isa<CXXConstructorDecl>(FD))
    return true;
  if (FD->getOverloadedOperator() == OO_Equal)
    return true;
  if (!FD->getDeclName().isIdentifier())
    return false;
  return isGrowthMethod(FD->getName());
}

bool isImplicitWrapper(const Stmt *S) {
  return isa<ParenExpr, ExprWithCleanups, MaterializeTemporaryExpr,
             CXXBindTemporaryExpr, ConstantExpr>(S);
}

// The index of \p Arg among the arguments of a call, or -1.
int argIndex(const Expr *const *Args, unsigned N, const Stmt *Arg) {
  for (unsigned I = 0; I < N; ++I)
    if (Args[I] == Arg)
      return static_cast<int>(I);
  return -1;
}

} // namespace clang::tidy::hotpath::analyses
