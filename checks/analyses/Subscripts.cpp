//===--- Subscripts.cpp - hotpath -----------------------------------------===//

#include "analyses/Subscripts.h"
#include "analyses/TripCount.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include <algorithm>

namespace clang::tidy::hotpath::analyses {

QualType SubscriptChain::element() const {
  return Access ? Access->getType().getNonReferenceType() : QualType();
}

namespace {

// One subscript step: the indexed expression and the index.
struct Step {
  const Expr *Object = nullptr;
  const Expr *Index = nullptr;
};

std::optional<Step> stepOf(const Expr &E, ContainerFilter IsContainer) {
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(&E))
    return Step{AS->getBase(), AS->getIdx()};
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(&E);
  if (!Op || Op->getOperator() != OO_Subscript || Op->getNumArgs() != 2)
    return std::nullopt;
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Op->getCalleeDecl());
  if (!MD || !MD->getReturnType()->isLValueReferenceType() ||
      !IsContainer(*MD->getParent()))
    return std::nullopt;
  return Step{Op->getArg(0), Op->getArg(1)};
}

} // namespace

bool isSubscript(const Expr &E, ContainerFilter IsContainer) {
  return stepOf(E, IsContainer).has_value();
}

std::optional<SubscriptChain> subscriptChain(const Expr &E,
                                             ContainerFilter IsContainer) {
  SubscriptChain C;
  C.Access = &E;
  const Expr *Cur = &E;
  // The walk starts at the last dimension: indices and types are reversed
  // at the end; Nodes stay outermost first.
  while (std::optional<Step> S = stepOf(*Cur, IsContainer)) {
    C.Nodes.push_back(Cur);
    C.Indices.push_back(S->Index);
    const Expr *Object = S->Object->IgnoreParenImpCasts();
    C.Types.push_back(Object->getType().getNonReferenceType());
    Cur = Object;
  }
  if (C.Nodes.empty())
    return std::nullopt;
  C.Base = Cur;
  std::reverse(C.Indices.begin(), C.Indices.end());
  std::reverse(C.Types.begin(), C.Types.end());
  return C;
}

bool isStdArray(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.isNull() ? nullptr : T->getAsCXXRecordDecl());
  return Spec && Spec->isInStdNamespace() && Spec->getIdentifier() &&
         Spec->getName() == "array";
}

std::optional<std::uint64_t> fixedExtent(QualType T) {
  if (T.isNull())
    return std::nullopt;
  if (const auto *CAT = dyn_cast<ConstantArrayType>(T.getCanonicalType()))
    return CAT->getSize().getZExtValue();
  if (!isStdArray(T))
    return std::nullopt;
  const auto *Spec =
      cast<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args.size() != 2 || Args[1].getKind() != TemplateArgument::Integral)
    return std::nullopt;
  return Args[1].getAsIntegral().getZExtValue();
}

namespace {

// The terms of a sum: `a + b - c` gives a, b, c (c subtracted).
void additiveTerms(const Expr *E, llvm::SmallVectorImpl<const Expr *> &Terms,
                   llvm::SmallVectorImpl<bool> &Subtracted, bool Negated,
                   unsigned Depth) {
  E = E->IgnoreParenImpCasts();
  if (const auto *B = dyn_cast<BinaryOperator>(E);
      B && Depth < 8 &&
      (B->getOpcode() == BO_Add || B->getOpcode() == BO_Sub)) {
    additiveTerms(B->getLHS(), Terms, Subtracted, Negated, Depth + 1);
    additiveTerms(B->getRHS(), Terms, Subtracted,
                  B->getOpcode() == BO_Sub ? !Negated : Negated, Depth + 1);
    return;
  }
  Terms.push_back(E);
  Subtracted.push_back(Negated);
}

} // namespace

std::optional<RowMajorIndex> splitRowMajorIndex(const Expr *Index,
                                                const ValueDecl *RowVar) {
  if (!Index || !RowVar)
    return std::nullopt;
  llvm::SmallVector<const Expr *, 4> Terms;
  llvm::SmallVector<bool, 4> Subtracted;
  additiveTerms(Index, Terms, Subtracted, false, 0);
  if (Terms.size() < 2)
    return std::nullopt; // `i * n` alone has no column
  RowMajorIndex R;
  for (unsigned K = 0; K < Terms.size(); ++K) {
    const Expr *T = Terms[K];
    if (!mentions(T, RowVar)) {
      R.Col.push_back(T);
      continue;
    }
    const auto *Mul = dyn_cast<BinaryOperator>(T);
    if (R.Row || Subtracted[K] || !Mul || Mul->getOpcode() != BO_Mul)
      return std::nullopt;
    const Expr *L = Mul->getLHS(), *Rhs = Mul->getRHS();
    if (mentions(L, RowVar) && !mentions(Rhs, RowVar)) {
      R.Row = L;
      R.Length = Rhs;
    } else if (mentions(Rhs, RowVar) && !mentions(L, RowVar)) {
      R.Row = Rhs;
      R.Length = L;
    } else {
      return std::nullopt;
    }
  }
  if (!R.Row)
    return std::nullopt;
  return R;
}

} // namespace clang::tidy::hotpath::analyses
