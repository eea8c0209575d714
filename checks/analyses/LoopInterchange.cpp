//===--- LoopInterchange.cpp - hotpath ------------------------------------===//

#include "analyses/LoopInterchange.h"
#include "analyses/Containers.h" // isInInstantiation()
#include "analyses/Subscripts.h"
#include "analyses/TripCount.h" // mentions()
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/FoldingSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <algorithm>

namespace clang::tidy::hotpath::analyses {

std::string tokenText(const Stmt *S, const ASTContext &Ctx) {
  if (!S)
    return "";
  return Lexer::getSourceText(
             CharSourceRange::getTokenRange(S->getSourceRange()),
             Ctx.getSourceManager(), Ctx.getLangOpts())
      .str();
}

namespace {

// A loop bound the fix may move to the other header: side-effect free,
// reading the variables and fields it collects. When the bound moves from
// the inner header to the outer one it is evaluated before the other loop
// checks its own condition, so it must not read memory through a subscript
// or a pointer, nor divide (`j < n / k` inside `for (i < k)`), which the
// outer condition may have guarded.
bool isPureBound(const Expr *E, bool Guarded,
                 llvm::SmallPtrSetImpl<const Decl *> &Reads,
                 ContainerPred IsContainer, unsigned Depth = 0) {
  if (!E || Depth > 32)
    return false;
  E = E->IgnoreParenImpCasts();
  auto Sub = [&](const Expr *X) {
    return isPureBound(X, Guarded, Reads, IsContainer, Depth + 1);
  };
  if (isa<IntegerLiteral, CharacterLiteral, CXXBoolLiteralExpr,
          UnaryExprOrTypeTraitExpr, CXXThisExpr, SizeOfPackExpr,
          SubstNonTypeTemplateParmExpr>(E))
    return true;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const ValueDecl *D = Ref->getDecl();
    if (isa<EnumConstantDecl, NonTypeTemplateParmDecl>(D))
      return true;
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD || VD->getType().isVolatileQualified())
      return false;
    Reads.insert(VD);
    return true;
  }
  if (const auto *M = dyn_cast<MemberExpr>(E)) {
    if (!isa<FieldDecl>(M->getMemberDecl()) ||
        (M->isArrow() && !Guarded &&
         !isa<CXXThisExpr>(M->getBase()->IgnoreParenImpCasts())))
      return false;
    Reads.insert(M->getMemberDecl());
    return Sub(M->getBase());
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    return MD && MD->isConst() && MC->getNumArgs() == 0 &&
           MD->getIdentifier() &&
           (MD->getName() == "size" || MD->getName() == "length") &&
           Sub(MC->getImplicitObjectArgument());
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    return Guarded && isSubscript(*Op, IsContainer) && Sub(Op->getArg(0)) &&
           Sub(Op->getArg(1));
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    return Guarded && Sub(AS->getBase()) && Sub(AS->getIdx());
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    return Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
           (Callee->getName() == "min" || Callee->getName() == "max" ||
            Callee->getName() == "size") &&
           llvm::all_of(Call->arguments(), Sub);
  }
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E))
    return Sub(Cast->getSubExpr());
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    switch (U->getOpcode()) {
    case UO_Plus:
    case UO_Minus:
    case UO_Not:
    case UO_LNot:
      return Sub(U->getSubExpr());
    case UO_Deref:
      return Guarded && Sub(U->getSubExpr());
    default:
      return false;
    }
  }
  if (const auto *B = dyn_cast<BinaryOperator>(E)) {
    if (B->isAssignmentOp() || B->isCommaOp() ||
        (!Guarded && (B->getOpcode() == BO_Div || B->getOpcode() == BO_Rem)))
      return false;
    return Sub(B->getLHS()) && Sub(B->getRHS());
  }
  if (const auto *C = dyn_cast<ConditionalOperator>(E))
    return Sub(C->getCond()) && Sub(C->getTrueExpr()) && Sub(C->getFalseExpr());
  return false;
}

// What the body of the inner loop does, for the interchange's legality.
struct BodyFacts {
  std::string Blocker; // the first reason the fix cannot be offered
  struct Write {
    const Expr *Target;
    BinaryOperatorKind Op; // BO_Assign, a compound assignment; ++ is +=
    bool Integer;          // computed in an integer type
  };
  llvm::SmallVector<Write, 4> Writes;
  llvm::SmallVector<const DeclRefExpr *, 16> Refs;
  bool Derefs = false; // reads memory through `*p` or `p->x`
};

std::string calleeName(const CallExpr &Call) {
  if (const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getCalleeDecl()))
    return FD->getQualifiedNameAsString();
  return "a function pointer";
}

// Calls the body may make: operator[] of the chain's containers, const
// size queries, std::min/max/abs, functions declared const or pure, and
// trivial copies.
bool harmlessCall(const CallExpr &Call, ContainerPred IsContainer) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call))
    return isSubscript(*Op, IsContainer);
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    return MD && MD->isConst() && MD->getIdentifier() &&
           (MD->getName() == "size" || MD->getName() == "length" ||
            MD->getName() == "empty");
  }
  const FunctionDecl *FD = Call.getDirectCallee();
  if (!FD)
    return false;
  if (FD->hasAttr<ConstAttr>() || FD->hasAttr<PureAttr>())
    return true;
  return FD->isInStdNamespace() && FD->getIdentifier() &&
         (FD->getName() == "min" || FD->getName() == "max" ||
          FD->getName() == "abs");
}

void scanBody(const Stmt *S, BodyFacts &F, ContainerPred IsContainer,
              bool InSwitch, unsigned Depth) {
  if (!S || !F.Blocker.empty())
    return;
  if (Depth > 200) {
    F.Blocker = "the loop body is too deeply nested to analyse";
    return;
  }
  auto Block = [&](std::string Why) { F.Blocker = std::move(Why); };
  if (isa<ReturnStmt>(S))
    return Block("the body returns from the function");
  if (isa<GotoStmt, IndirectGotoStmt>(S))
    return Block("the body uses 'goto'");
  if (isa<CXXThrowExpr>(S))
    return Block("the body may throw");
  if (isa<CoreturnStmt, CoroutineSuspendExpr>(S))
    return Block("the body suspends or returns from a coroutine");
  if (isa<ContinueStmt>(S))
    return Block("the body uses 'continue'");
  if (isa<BreakStmt>(S) && !InSwitch)
    return Block("the body uses 'break'");
  if (isa<AsmStmt>(S))
    return Block("the body has inline assembly");
  if (isa<LambdaExpr, BlockExpr>(S))
    return Block("the body defines a lambda");
  if (isa<UnaryExprOrTypeTraitExpr>(S))
    return; // not evaluated
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (!VD->hasLocalStorage())
          return Block("the body declares a static variable");
  } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
    const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
    const auto *MD =
        Op ? dyn_cast_or_null<CXXMethodDecl>(Op->getCalleeDecl()) : nullptr;
    if (Op && MD && Op->getOperator() == OO_Equal && MD->isTrivial()) {
      F.Writes.push_back({Op->getArg(0), BO_Assign, false}); // trivial copy
    } else if (!harmlessCall(*Call, IsContainer)) {
      return Block("the body calls '" + calleeName(*Call) +
                   "', which may have side effects");
    }
  } else if (const auto *C = dyn_cast<CXXConstructExpr>(S)) {
    if (!C->getConstructor()->isTrivial())
      return Block("the body constructs a '" + C->getType().getAsString() +
                   "'");
  } else if (isa<CXXNewExpr, CXXDeleteExpr>(S)) {
    return Block("the body allocates or frees memory");
  } else if (isa<CXXBindTemporaryExpr>(S)) {
    return Block("the body destroys a temporary");
  } else if (const auto *B = dyn_cast<BinaryOperator>(S)) {
    if (const auto *CA = dyn_cast<CompoundAssignOperator>(B))
      // `int s; s += 0.5f` computes in float and truncates every step.
      F.Writes.push_back({CA->getLHS(), CA->getOpcode(),
                          !CA->getComputationResultType().isNull() &&
                              CA->getComputationResultType()->isIntegerType() &&
                              CA->getLHS()->getType()->isIntegerType()});
    else if (B->isAssignmentOp())
      F.Writes.push_back({B->getLHS(), B->getOpcode(),
                          B->getLHS()->getType()->isIntegerType()});
  } else if (const auto *U = dyn_cast<UnaryOperator>(S)) {
    if (U->isIncrementDecrementOp())
      F.Writes.push_back({U->getSubExpr(),
                          U->isIncrementOp() ? BO_AddAssign : BO_SubAssign,
                          U->getSubExpr()->getType()->isIntegerType()});
    else if (U->getOpcode() == UO_Deref)
      F.Derefs = true;
  } else if (const auto *M = dyn_cast<MemberExpr>(S)) {
    if (M->isArrow() && !isa<CXXThisExpr>(M->getBase()->IgnoreParenImpCasts()))
      F.Derefs = true;
  } else if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
    F.Refs.push_back(Ref);
  }
  bool Switch = InSwitch || isa<SwitchStmt>(S);
  for (const Stmt *Child : S->children())
    scanBody(Child, F, IsContainer, Switch, Depth + 1);
}

// The operations whose order a reduction may change: integer +, *, |, &, ^
// (LLVM's loop interchange pass accepts the same integer reductions and no
// floating-point ones without reassociation: llvm/test/Transforms/
// LoopInterchange/reductions-*.ll).
int reductionClass(BinaryOperatorKind Op) {
  switch (Op) {
  case BO_AddAssign:
  case BO_SubAssign:
    return 1;
  case BO_MulAssign:
    return 2;
  case BO_OrAssign:
    return 3;
  case BO_AndAssign:
    return 4;
  case BO_XorAssign:
    return 5;
  default:
    return 0;
  }
}

// True when \p V, a local of the function with body \p S, has its address
// taken or is bound to a reference anywhere: something else may then read
// or write it.
bool escapes(const Stmt *S, const Stmt *Parent, const VarDecl *V) {
  if (!S)
    return false;
  if (const auto *L = dyn_cast<LambdaExpr>(S)) {
    for (const LambdaCapture &C : L->captures())
      if (C.capturesVariable() && C.getCapturedVar() == V &&
          C.getCaptureKind() == LCK_ByRef)
        return true;
    return false;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == V) {
    if (const auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(Parent))
      return Cast->getCastKind() != CK_LValueToRValue;
    if (const auto *B = dyn_cast_or_null<BinaryOperator>(Parent))
      return !(B->isAssignmentOp() && B->getLHS() == Ref);
    if (const auto *U = dyn_cast_or_null<UnaryOperator>(Parent))
      return !U->isIncrementDecrementOp();
    return !isa_and_nonnull<UnaryExprOrTypeTraitExpr>(Parent);
  }
  // Parentheses and C++23's xvalue of `return s;` change nothing.
  const auto *Cast = dyn_cast<ImplicitCastExpr>(S);
  bool Transparent =
      isa<ParenExpr>(S) || (Cast && Cast->getCastKind() == CK_NoOp);
  for (const Stmt *Child : S->children())
    if (escapes(Child, Transparent ? Parent : S, V))
      return true;
  return false;
}

// The declaration a chain's base names: a variable or a field.
const Decl *rootOf(const SubscriptChain &C) {
  const Expr *B = C.Base->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(B))
    return Ref->getDecl();
  if (const auto *M = dyn_cast<MemberExpr>(B))
    return M->getMemberDecl();
  return nullptr;
}

// A local array or container object, held by value.
bool isOwnedLocal(const Decl *D) {
  const auto *VD = dyn_cast_or_null<VarDecl>(D);
  if (!VD || isa<ParmVarDecl>(VD) || !VD->hasLocalStorage())
    return false;
  QualType T = VD->getType();
  return !T->isReferenceType() && !T->isPointerType() &&
         (T->isConstantArrayType() || T->isRecordType());
}

// Memory that cannot be an owned local's: a parameter's (bound before the
// local existed), or another array or container held by value (a variable
// or a field), reached without following a pointer. A local reference or
// pointer, or a pointer stored in a field or a global, may have been set to
// point into the local before the loop.
bool cannotAliasOwnedLocal(const SubscriptChain &C) {
  const Decl *D = rootOf(C);
  if (!D)
    return false;
  if (isa<ParmVarDecl>(D))
    return true;
  QualType T;
  if (const auto *VD = dyn_cast<VarDecl>(D))
    T = VD->getType();
  else if (const auto *FD = dyn_cast<FieldDecl>(D))
    T = FD->getType();
  else
    return false;
  if (T->isReferenceType() || T->isPointerType())
    return false;
  for (unsigned K = 1; K < C.Types.size(); ++K)
    if (C.Types[K]->isPointerType())
      return false;
  return T->isConstantArrayType() || T->isRecordType();
}

// True when \p Column, the column part of a flat index, is \p Col's
// variable and the loop keeps it in [0, Length): `x` under
// `for (int x = 0; x < width; ++x)` in `img[y * width + x]`.
bool columnStaysInRow(const CanonicalFor &Col, const Expr *Column,
                      const Expr *Length, const ASTContext &Ctx) {
  const auto *Ref = dyn_cast<DeclRefExpr>(Column->IgnoreParenImpCasts());
  if (!Ref || Ref->getDecl() != Col.Var || Col.Step <= 0)
    return false;
  std::optional<std::int64_t> Start = constantValue(Col.Start, Ctx);
  if (!Start || *Start < 0)
    return false;
  std::optional<std::int64_t> L = constantValue(Length, Ctx);
  std::optional<std::int64_t> B = constantValue(Col.Bound, Ctx);
  if (L && B)
    return (Col.Cmp == BO_LT && *B <= *L) || (Col.Cmp == BO_LE && *B < *L);
  if (Col.Cmp != BO_LT)
    return false;
  llvm::FoldingSetNodeID BoundID, LengthID;
  Col.Bound->IgnoreParenImpCasts()->Profile(BoundID, Ctx, /*Canonical=*/true);
  Length->IgnoreParenImpCasts()->Profile(LengthID, Ctx, /*Canonical=*/true);
  return BoundID == LengthID;
}

} // namespace

std::string interchangeBlocker(const ForStmt &Outer, const CanonicalFor &O,
                               const ForStmt &Inner, const CanonicalFor &I,
                               const NestShape &Info, const FunctionDecl &FD,
                               ASTContext &Ctx, ContainerPred IsContainer) {
  const std::string OName = "'" + O.Var->getName().str() + "'";
  const std::string IName = "'" + I.Var->getName().str() + "'";
  if (Info.HasParentLoop)
    return "other loops lie between the loops over " + OName + " and " + IName;
  if (mentions(I.Start, O.Var) || mentions(I.Bound, O.Var))
    return "the bounds of the loop over " + IName + " depend on " + OName +
           "; interchanging needs new bounds";
  const Stmt *OuterBody = Outer.getBody();
  if (const auto *CS = dyn_cast<CompoundStmt>(OuterBody))
    OuterBody = CS->size() == 1 ? CS->body_front() : nullptr;
  if (OuterBody != &Inner)
    return "statements lie between the two loop headers";
  if (!O.Declared || !I.Declared)
    return "a loop does not declare its own variable, whose final value "
           "would change";
  if (Info.HasNestedLoop)
    return "the inner loop contains another loop";
  for (SourceLocation L : {Outer.getForLoc(), Outer.getRParenLoc(),
                           Inner.getForLoc(), Inner.getRParenLoc()})
    if (L.isInvalid() || L.isMacroID())
      return "a loop header is spelled in a macro";
  // The outer header moves inside (evaluated in fewer situations, more
  // often), the inner one outside (evaluated before the other condition).
  llvm::SmallPtrSet<const Decl *, 8> BoundReads;
  if (!isPureBound(O.Start, true, BoundReads, IsContainer) ||
      !isPureBound(O.Bound, true, BoundReads, IsContainer) ||
      !isPureBound(I.Start, false, BoundReads, IsContainer) ||
      !isPureBound(I.Bound, false, BoundReads, IsContainer))
    return "a loop bound calls a function, reads memory or divides, and "
           "would be evaluated where it was not before";
  BodyFacts F;
  scanBody(Inner.getBody(), F, IsContainer, false, 0);
  if (!F.Blocker.empty())
    return F.Blocker;
  // Every write must keep its meaning in the other order.
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::SmallVector<SubscriptChain, 4> Chains;
  for (const Expr *A : Info.Accesses)
    if (std::optional<SubscriptChain> C = subscriptChain(*A, IsContainer))
      Chains.push_back(std::move(*C));
  // Updates of one place (a variable, or one element) from every iteration.
  struct Reduction {
    const Decl *Target;
    bool Scalar; // a variable, not an element of the array Target
    std::string Name;
    int Class;
    bool Integer; // the operation is on integers
    unsigned Writes;
  };
  llvm::SmallVector<Reduction, 2> Reductions;
  llvm::SmallPtrSet<const Decl *, 4> WrittenRoots;
  auto AddReduction = [&](const Decl *Target, bool Scalar,
                          const BodyFacts::Write &W,
                          const std::string &Name) -> std::string {
    if (W.Target->getType()->isDependentType())
      return "the type of " + Name + " depends on a template parameter";
    int Class = reductionClass(W.Op);
    if (!Class)
      return "the body assigns " + Name +
             " in every iteration and the last assignment would change";
    for (Reduction &R : Reductions)
      if (R.Target == Target && R.Scalar == Scalar) {
        if (R.Class != Class)
          return "the body updates " + Name + " with different operations";
        R.Integer &= W.Integer;
        ++R.Writes;
        return "";
      }
    Reductions.push_back({Target, Scalar, Name, Class, W.Integer, 1});
    return "";
  };
  for (const BodyFacts::Write &W : F.Writes) {
    const Expr *T = W.Target->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(T)) {
      const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
      if (!VD)
        return "the body writes '" + tokenText(T, Ctx) + "'";
      // A variable of the iteration: each iteration has its own.
      if (VD->hasLocalStorage() &&
          spanContains(*Inner.getBody(), VD->getLocation(), SM))
        continue;
      const std::string Name = "'" + VD->getName().str() + "'";
      if (!VD->hasLocalStorage() || VD->getType()->isReferenceType())
        return "the body writes " + Name + ", which is not a local variable";
      if (std::string Why = AddReduction(VD, true, W, Name); !Why.empty())
        return Why;
      continue;
    }
    // An element (or a field of one) of an array the loops index.
    while (const auto *M = dyn_cast<MemberExpr>(T)) {
      if (M->isArrow())
        break;
      T = M->getBase()->IgnoreParenImpCasts();
    }
    std::optional<SubscriptChain> C = isSubscript(*T, IsContainer)
                                          ? subscriptChain(*T, IsContainer)
                                          : std::nullopt;
    const Decl *Root = C ? rootOf(*C) : nullptr;
    if (!Root)
      return "the body writes through '" + tokenText(W.Target, Ctx) + "'";
    WrittenRoots.insert(Root);
    // Reduced into one element: `hist[0] += ...` is a reduction too.
    bool UsesI = false, UsesO = false;
    for (const Expr *Index : C->Indices) {
      UsesI |= mentions(Index, I.Var);
      UsesO |= mentions(Index, O.Var);
    }
    if (!UsesI && !UsesO)
      if (std::string Why = AddReduction(Root, false, W,
                                         "'" + tokenText(C->Access, Ctx) + "'");
          !Why.empty())
        return Why;
  }
  if (!WrittenRoots.empty() && F.Derefs)
    return "the body reads through a pointer that may point into the "
           "array it writes";
  // A written array: one element per iteration, always the same expression,
  // each index walked by one of the loops (or by none): then two iterations
  // that touch the same element keep their order after the interchange.
  for (const Decl *Root : WrittenRoots) {
    const SubscriptChain *First = nullptr;
    llvm::FoldingSetNodeID FirstID;
    unsigned Accesses = 0;
    bool OnlyThisArray = true;
    for (const SubscriptChain &C : Chains) {
      if (rootOf(C) != Root) {
        OnlyThisArray = false;
        continue;
      }
      ++Accesses;
      llvm::FoldingSetNodeID ID;
      C.Access->Profile(ID, Ctx, /*Canonical=*/true);
      if (!First) {
        First = &C;
        FirstID = ID;
      } else if (ID != FirstID) {
        return "the body reads and writes different elements of '" +
               tokenText(C.Base, Ctx) + "' ('" + tokenText(First->Access, Ctx) +
               "' and '" + tokenText(C.Access, Ctx) + "')";
      }
    }
    if (!First)
      return "the body writes an array it does not index directly";
    if (BoundReads.count(Root))
      return "a loop bound reads '" + tokenText(First->Base, Ctx) +
             "', which the body writes";
    if (!OnlyThisArray && (!isOwnedLocal(Root) ||
                           !llvm::all_of(Chains, [&](const SubscriptChain &C) {
                             return rootOf(C) == Root ||
                                    cannotAliasOwnedLocal(C);
                           })))
      return "the body writes '" + tokenText(First->Base, Ctx) +
             "' and reads other arrays that may overlap it";
    for (const Expr *Index : First->Indices) {
      bool UsesI = mentions(Index, I.Var);
      bool UsesO = mentions(Index, O.Var);
      bool Ok = (!UsesI && !UsesO) ||
                (UsesI && !UsesO && isAffineIn(Index, I.Var)) ||
                (UsesO && !UsesI && isAffineIn(Index, O.Var));
      // A flat row-major index names each (row, column) pair once only if
      // the column stays inside a row: the column loop's variable itself,
      // counting up from 0 or more to at most the row length.
      if (!Ok && UsesI && UsesO)
        for (const CanonicalFor *Col : {&O, &I}) {
          const VarDecl *ColVar = Col->Var;
          const VarDecl *RowVar = Col == &O ? I.Var : O.Var;
          std::optional<RowMajorIndex> R = splitRowMajorIndex(Index, RowVar);
          if (R && isAffineIn(R->Row, RowVar) && !mentions(R->Row, ColVar) &&
              !mentions(R->Length, ColVar) && R->Col.size() == 1 &&
              columnStaysInRow(*Col, R->Col.front(), R->Length, Ctx))
            Ok = true;
        }
      if (!Ok)
        return "several iterations may write the same element of '" +
               tokenText(First->Base, Ctx) + "' ('" +
               tokenText(First->Access, Ctx) + "')";
    }
    for (const Reduction &R : Reductions)
      if (R.Target == Root && !R.Scalar && R.Writes != Accesses)
        return "the body reads '" + tokenText(First->Access, Ctx) +
               "', which every iteration updates";
  }
  // A reduction into one place: integers only (the operations commute);
  // nothing else may read it in the loop, or see it while the loop runs.
  for (const Reduction &R : Reductions) {
    if (!R.Integer)
      return "interchanging reorders the floating-point operations on " +
             R.Name + " and changes its rounding";
    const auto *VD = R.Scalar ? dyn_cast<VarDecl>(R.Target) : nullptr;
    if (!VD)
      continue;
    unsigned Refs = llvm::count_if(
        F.Refs, [&](const DeclRefExpr *Ref) { return Ref->getDecl() == VD; });
    if (Refs != R.Writes)
      return "the body reads " + R.Name + ", which every iteration updates";
    if (BoundReads.count(VD))
      return "a loop bound reads " + R.Name + ", which the body changes";
    if (escapes(FD.getBody(), nullptr, VD))
      return "the address of " + R.Name + " is taken";
  }
  // Last, so that a reason that holds for this instantiation comes first.
  // The pattern is analysed first; an instantiation reports only what the
  // pattern could not tell (dependent types), and a fix for one instantiation
  // rewrites them all.
  if (FD.isTemplateInstantiation() || isInInstantiation(FD))
    return "the loops are in a template instantiation, and the fix would "
           "change every instantiation";
  return "";
}

} // namespace clang::tidy::hotpath::analyses
