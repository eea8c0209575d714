//===--- CanonicalLoop.cpp - hotpath --------------------------------------===//

#include "analyses/CanonicalLoop.h"
#include "analyses/TripCount.h" // mentions()
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::hotpath::analyses {

namespace {

const VarDecl *refTo(const Expr *E) {
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E->IgnoreParenImpCasts()))
    return dyn_cast<VarDecl>(Ref->getDecl());
  return nullptr;
}

// Counts the references to \p V under \p S and those that only read its
// value (the operand of an lvalue-to-rvalue conversion). A reference that
// is anything else (assigned, incremented, its address taken, bound to a
// reference) may change the variable.
void countReads(const Stmt *S, const VarDecl *V, unsigned &Refs,
                unsigned &Reads) {
  if (!S)
    return;
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(S))
    if (Cast->getCastKind() == CK_LValueToRValue)
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(Cast->getSubExpr()->IgnoreParens()))
        if (Ref->getDecl() == V) {
          ++Refs;
          ++Reads;
          return;
        }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
    if (Ref->getDecl() == V)
      ++Refs;
    return;
  }
  // In sizeof/alignof the variable is not evaluated.
  if (isa<UnaryExprOrTypeTraitExpr>(S))
    return;
  for (const Stmt *Child : S->children())
    countReads(Child, V, Refs, Reads);
}

// The step of `++v`, `v--`, `v += c`, `v -= c`, `v = v + c`.
std::optional<std::int64_t> stepOf(const Expr *Inc, const VarDecl *V,
                                   ASTContext &Ctx) {
  Inc = Inc->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(Inc)) {
    if (!U->isIncrementDecrementOp() || refTo(U->getSubExpr()) != V)
      return std::nullopt;
    return U->isIncrementOp() ? 1 : -1;
  }
  const auto *B = dyn_cast<BinaryOperator>(Inc);
  if (!B || refTo(B->getLHS()) != V)
    return std::nullopt;
  std::optional<std::int64_t> C;
  bool Negate = false;
  if (B->getOpcode() == BO_AddAssign || B->getOpcode() == BO_SubAssign) {
    C = constantValue(B->getRHS(), Ctx);
    Negate = B->getOpcode() == BO_SubAssign;
  } else if (B->getOpcode() == BO_Assign) {
    const auto *Sum =
        dyn_cast<BinaryOperator>(B->getRHS()->IgnoreParenImpCasts());
    if (!Sum || (Sum->getOpcode() != BO_Add && Sum->getOpcode() != BO_Sub))
      return std::nullopt;
    if (refTo(Sum->getLHS()) == V)
      C = constantValue(Sum->getRHS(), Ctx);
    else if (Sum->getOpcode() == BO_Add && refTo(Sum->getRHS()) == V)
      C = constantValue(Sum->getLHS(), Ctx);
    Negate = Sum->getOpcode() == BO_Sub;
  }
  if (!C || *C == 0 || *C == INT64_MIN)
    return std::nullopt;
  return Negate ? -*C : *C;
}

BinaryOperatorKind reversed(BinaryOperatorKind K) {
  switch (K) {
  case BO_LT:
    return BO_GT;
  case BO_GT:
    return BO_LT;
  case BO_LE:
    return BO_GE;
  case BO_GE:
    return BO_LE;
  default:
    return K;
  }
}

// Iterations of `for (v = S; v Cmp B; v += Step)` with constant S and B.
std::optional<std::uint64_t> countIterations(std::int64_t S, std::int64_t B,
                                             BinaryOperatorKind Cmp,
                                             std::int64_t Step) {
  // S and B have at most 63 significant bits (constantValue): B - S fits.
  std::int64_t Span = B - S;
  std::int64_t St = Step;
  std::int64_t N = 0;
  switch (Cmp) {
  case BO_LT:
    N = Span > 0 ? Span / St + (Span % St != 0) : 0;
    break;
  case BO_LE:
    N = Span >= 0 ? Span / St + 1 : 0;
    break;
  case BO_GT:
    N = Span < 0 ? -Span / -St + (-Span % -St != 0) : 0;
    break;
  case BO_GE:
    N = Span <= 0 ? -Span / -St + 1 : 0;
    break;
  case BO_NE:
    if (Span % St != 0 || Span / St < 0)
      return std::nullopt; // steps over the bound: runs until overflow
    N = Span / St;
    break;
  default:
    return std::nullopt;
  }
  if (N < 0)
    return std::nullopt;
  return static_cast<std::uint64_t>(N);
}

} // namespace

std::optional<std::int64_t> constantValue(const Expr *E,
                                          const ASTContext &Ctx) {
  if (!E || E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  Expr::EvalResult R;
  if (!E->EvaluateAsInt(R, Ctx))
    return std::nullopt;
  const llvm::APSInt &V = R.Val.getInt();
  if (V.getSignificantBits() > 63)
    return std::nullopt;
  return V.getExtValue();
}

std::optional<CanonicalFor> canonicalFor(const ForStmt &F, ASTContext &Ctx) {
  if (!F.getInit() || !F.getCond() || !F.getInc() || !F.getBody())
    return std::nullopt;
  CanonicalFor C;
  if (const auto *DS = dyn_cast<DeclStmt>(F.getInit())) {
    if (!DS->isSingleDecl())
      return std::nullopt;
    C.Var = dyn_cast<VarDecl>(DS->getSingleDecl());
    C.Declared = true;
    C.Start = C.Var ? C.Var->getInit() : nullptr;
  } else if (const auto *BO = dyn_cast<BinaryOperator>(F.getInit())) {
    if (BO->getOpcode() != BO_Assign)
      return std::nullopt;
    C.Var = refTo(BO->getLHS());
    C.Start = BO->getRHS();
  }
  if (!C.Var || !C.Start || C.Var->getType().isNull() ||
      C.Var->getType()->isDependentType() ||
      !C.Var->getType()->isIntegerType() ||
      C.Var->getType().isVolatileQualified() ||
      C.Var->getType()->isReferenceType())
    return std::nullopt;
  // The condition: `v Cmp B` or `B Cmp v`.
  const auto *Cond =
      dyn_cast<BinaryOperator>(F.getCond()->IgnoreParenImpCasts());
  if (!Cond || !Cond->isComparisonOp() || Cond->getOpcode() == BO_EQ ||
      Cond->getOpcode() == BO_Cmp)
    return std::nullopt;
  if (refTo(Cond->getLHS()) == C.Var && !mentions(Cond->getRHS(), C.Var)) {
    C.Bound = Cond->getRHS();
    C.Cmp = Cond->getOpcode();
  } else if (refTo(Cond->getRHS()) == C.Var &&
             !mentions(Cond->getLHS(), C.Var)) {
    C.Bound = Cond->getLHS();
    C.Cmp = reversed(Cond->getOpcode());
  } else {
    return std::nullopt;
  }
  std::optional<std::int64_t> Step = stepOf(F.getInc(), C.Var, Ctx);
  if (!Step)
    return std::nullopt;
  C.Step = *Step;
  // The step goes towards the bound.
  if (((C.Cmp == BO_LT || C.Cmp == BO_LE) && C.Step < 0) ||
      ((C.Cmp == BO_GT || C.Cmp == BO_GE) && C.Step > 0))
    return std::nullopt;
  // The body only reads the variable.
  unsigned Refs = 0, Reads = 0;
  countReads(F.getBody(), C.Var, Refs, Reads);
  if (Refs != Reads)
    return std::nullopt;
  std::optional<std::int64_t> S = constantValue(C.Start, Ctx);
  std::optional<std::int64_t> B = constantValue(C.Bound, Ctx);
  if (S && B)
    C.TripCount = countIterations(*S, *B, C.Cmp, C.Step);
  else if (C.Cmp == BO_NE && C.Step != 1 && C.Step != -1)
    return std::nullopt; // may step over a bound it cannot see
  return C;
}

bool isAffineIn(const Expr *E, const VarDecl *Var) {
  if (!E || !Var)
    return false;
  E = E->IgnoreParenImpCasts();
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E))
    return Cast->getType()->isIntegerType() &&
           isAffineIn(Cast->getSubExpr(), Var);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl() == Var;
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    return (U->getOpcode() == UO_Minus || U->getOpcode() == UO_Plus) &&
           isAffineIn(U->getSubExpr(), Var);
  const auto *B = dyn_cast<BinaryOperator>(E);
  if (!B)
    return false;
  const Expr *L = B->getLHS(), *R = B->getRHS();
  switch (B->getOpcode()) {
  case BO_Add:
  case BO_Sub:
    return (isAffineIn(L, Var) && !mentions(R, Var)) ||
           (isAffineIn(R, Var) && !mentions(L, Var));
  case BO_Mul: {
    auto NonZeroConstant = [](const Expr *X) {
      const auto *Lit = dyn_cast<IntegerLiteral>(X->IgnoreParenImpCasts());
      return Lit && Lit->getValue() != 0;
    };
    return (isAffineIn(L, Var) && NonZeroConstant(R)) ||
           (isAffineIn(R, Var) && NonZeroConstant(L));
  }
  default:
    return false;
  }
}

} // namespace clang::tidy::hotpath::analyses
