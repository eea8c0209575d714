//===--- VarUseClimb.cpp - hotpath ----------------------------------------===//
//
// How one use of a local variable is classified (classifyUse, VarUsage.h):
// climbing from the reference through its parents to what is done with it.
// VarUsage.cpp indexes a whole function with it.
//
//===----------------------------------------------------------------------===//

#include "analyses/Containers.h"
#include "analyses/TripCount.h"
#include "analyses/VarUsage.h"
#include "analyses/VarUseRules.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::hotpath::analyses {

namespace {

constexpr unsigned Unknown = UseMutate | UseEscape;

struct Climb {
  const DeclRefExpr &Ref;
  llvm::ArrayRef<const Stmt *> Up; // innermost last
  ASTContext &Ctx;
  const UsageVocabulary &Vocab;
  VarUse Result;
  // Cur stands for a handle obtained from the variable through a non-const
  // accessor that has a const overload (v[i], v.begin(), m.find(k)).
  bool Derived = false;
  bool DerivedByValue = false; // the accessor returned an iterator by value
  // Cur is the (rvalue) value of a raw pointer variable.
  bool PointerValue = false;

  unsigned byParam(QualType Param, QualType ArgType, const FunctionDecl *FD,
                   bool Fill) {
    if (Param.isNull())
      return Unknown;
    if (Param->isRValueReferenceType())
      return Derived ? Unknown : UseMove;
    if (Param->isLValueReferenceType()) {
      QualType Pointee = Param->getPointeeType();
      if (!Pointee.isConstQualified())
        return Fill ? (UseFill | UseMutate) : (Unknown | UseRefArg);
      if (Derived || PointerValue)
        return PointerValue ? UseEscape : UseRead;
      if (isStoringCall(FD) &&
          Ctx.hasSameUnqualifiedType(Pointee, ArgType.getNonReferenceType()))
        return UseRead | UseCopy;
      return UseRead;
    }
    // By value: a scalar copy here; class copies appear as constructions.
    if (PointerValue || Derived)
      return Unknown;
    return UseRead | UseCopy;
  }

  unsigned call(const CallExpr &Call, const Stmt *Arg) {
    const FunctionDecl *FD = Call.getDirectCallee();
    if (!FD)
      return Unknown;
    if (isStdMove(FD))
      return FD->getName() == "swap" || FD->getName() == "exchange" ? Unknown
                                                                    : UseMove;
    if (PointerValue && FD->getDeclName().isIdentifier() &&
        (FD->getName() == "free") && FD->isExternC())
      return UseDelete;
    if (PointerValue &&
        llvm::any_of(Vocab.NonRetainingFunctions,
                     [&](const std::string &N) { return isNamed(FD, N); }))
      return UseRead;
    int I = argIndex(Call.getArgs(), Call.getNumArgs(), Arg);
    if (I < 0)
      return Unknown;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call)) {
      if (isComparison(Op->getOperator()))
        return PointerValue ? UseRead : UseRead;
      if (isa<CXXMethodDecl>(FD)) {
        if (I == 0)
          return Unknown; // handled by the caller
        --I;
      }
    }
    bool Fill = llvm::any_of(Vocab.FillFunctions, [&](const std::string &N) {
      return isNamed(FD, N);
    });
    if (static_cast<unsigned>(I) >= FD->getNumParams())
      return Unknown; // variadic
    if (!Derived && !PointerValue && copiesFromForwardedLvalue(*FD))
      return UseRead | UseCopy;
    return byParam(FD->getParamDecl(I)->getType(), cast<Expr>(Arg)->getType(),
                   FD, Fill);
  }

  // A member function called on Cur: \p MD with result \p CallE.
  // Returns 0 to keep climbing from the call (an accessor).
  unsigned method(const CXXMethodDecl &MD, const Expr &CallE) {
    if (MD.isConst() || MD.isStatic()) {
      // `*it`, `it->second` on a handle: follow what is done with the
      // element it reaches; `it + 1` is another handle.
      QualType RT = MD.getReturnType();
      if (Derived &&
          (isMutableHandle(RT) || (DerivedByValue && RT->isRecordType()))) {
        DerivedByValue = !MD.getReturnType()->isReferenceType();
        return 0;
      }
      return UseRead;
    }
    StringRef Name = MD.getDeclName().isIdentifier() ? MD.getName() : "";
    if (MD.getOverloadedOperator() == OO_PlusEqual)
      Name = "operator+=";
    if (!Derived && isGrowthMethod(Name)) {
      Result.Call = &CallE;
      return UseFill | UseMutate;
    }
    if (Name == "release" || Name == "swap")
      return Unknown;
    if (hasConstOverload(MD)) {
      Derived = true;
      DerivedByValue = !MD.getReturnType()->isReferenceType();
      return 0;
    }
    return UseMutate;
  }

  // A member of a standard container called by name on \p Object before
  // overload resolution (a template's pattern): what the standard says the
  // member does. Returns 0 to keep climbing from the call (an accessor).
  unsigned byName(const Stmt *Object, StringRef Name) {
    if (Derived)
      return Unknown;
    const CXXRecordDecl *RD = recordOrPatternOf(cast<Expr>(Object)->getType());
    switch (RD ? standardMemberEffect(*RD, Name) : MemberEffect::Unknown) {
    case MemberEffect::Read:
      return UseRead;
    case MemberEffect::ElementRef:
      Derived = true;
      DerivedByValue = mayBeBitVector(cast<Expr>(Object)->getType());
      return 0;
    case MemberEffect::Handle:
      Derived = true;
      DerivedByValue = true;
      return 0;
    case MemberEffect::Unknown:
      break;
    }
    return Unknown;
  }

  // An operator chosen at instantiation (an operand is type-dependent), with
  // Cur as its first operand or not. Returns 0 to keep climbing from the
  // operator, whose result then stands for an element.
  unsigned dependentOperator(const Stmt *Object, OverloadedOperatorKind K,
                             bool First, bool Unary) {
    if (!Derived) {
      // The container itself: its comparisons take const references, `v[k]`
      // is its operator[]; any other operator found at instantiation may
      // take it by non-const reference.
      if (isComparison(K))
        return UseRead;
      if (K == OO_Subscript && First)
        return byName(Object, "operator[]");
      return Unknown;
    }
    // An element of the container, or a handle into it.
    if (isAssignmentOperator(K))
      return First ? UseMutate : UseRead;
    if (DerivedByValue && !Unary && (K == OO_Plus || K == OO_Minus))
      return 0; // `it + k`: still a handle
    switch (K) {
    case OO_Star:
      if (!Unary)
        return UseRead;
      DerivedByValue = false; // `*it`: the element
      return 0;
    case OO_Amp:
      return Unary ? Unknown : UseRead;
    case OO_LessLess: // `out << v[k]`
    case OO_Subscript:
      return First ? Unknown : UseRead;
    case OO_Comma:
      return First ? UseRead : 0;
    case OO_Plus:
    case OO_Minus:
    case OO_Slash:
    case OO_Percent:
    case OO_Caret:
    case OO_Pipe:
    case OO_Tilde:
    case OO_Exclaim:
    case OO_AmpAmp:
    case OO_PipePipe:
      return UseRead;
    default:
      return isComparison(K) ? UseRead : Unknown; // ++, >>, (), ->* ...
    }
  }

  // The function that a return statement at Up[I] returns from.
  const FunctionDecl *returningFunction(size_t I) const {
    for (size_t J = I; J-- > 0;) {
      if (const auto *L = dyn_cast<LambdaExpr>(Up[J]))
        return L->getCallOperator();
      if (isa<BlockExpr>(Up[J]))
        return nullptr;
    }
    return dyn_cast_or_null<FunctionDecl>(
        Ref.getDecl()->getParentFunctionOrMethod());
  }

  unsigned run() {
    const Stmt *Cur = &Ref;
    for (size_t I = Up.size(); I-- > 0;) {
      const Stmt *P = Up[I];
      Result.Context = P;
      const Stmt *Next = I > 0 ? Up[I - 1] : nullptr;
      if (isImplicitWrapper(P)) {
        Cur = P;
        continue;
      }
      if (const auto *Cast = dyn_cast<ImplicitCastExpr>(P)) {
        switch (Cast->getCastKind()) {
        case CK_LValueToRValue:
          if (!Derived && Cast->getType()->isPointerType()) {
            PointerValue = true;
            Cur = P;
            continue;
          }
          return UseRead;
        case CK_NoOp:
        case CK_DerivedToBase:
        case CK_UncheckedDerivedToBase:
        case CK_BitCast:
          Cur = P;
          continue;
        case CK_ArrayToPointerDecay:
          return Unknown;
        default:
          return UseRead; // arithmetic conversions, pointer-to-bool, ...
        }
      }
      if (const auto *Cast = dyn_cast<ExplicitCastExpr>(P)) {
        if (isa<CXXConstCastExpr>(Cast))
          return Unknown;
        QualType T = Cast->getTypeAsWritten();
        if (mayBecomeReference(T))
          return Unknown;
        if (T->isRValueReferenceType())
          return Derived ? Unknown : UseMove;
        if (T->isLValueReferenceType() || T->isPointerType()) {
          if (!T->getPointeeType().isConstQualified() ||
              mayBecomeReference(T->getPointeeType()) || PointerValue)
            return Unknown;
          Cur = P;
          continue;
        }
        if (isa<CXXFunctionalCastExpr>(Cast) || T->isRecordType()) {
          Cur = P; // the copy inside is a construction
          continue;
        }
        return UseRead;
      }
      if (PointerValue) {
        if (const auto *U = dyn_cast<UnaryOperator>(P))
          return U->getOpcode() == UO_Deref || U->getOpcode() == UO_LNot
                     ? UseRead
                     : Unknown;
        if (const auto *M = dyn_cast<MemberExpr>(P))
          return M->isArrow() ? UseRead : Unknown;
        if (isa<CXXDeleteExpr>(P))
          return UseDelete;
        if (const auto *B = dyn_cast<BinaryOperator>(P))
          return B->isComparisonOp() || B->isLogicalOp() ? UseRead : Unknown;
        if (const auto *A = dyn_cast<ArraySubscriptExpr>(P))
          return A->getBase() == Cur ? UseRead : Unknown;
        if (const auto *C = dyn_cast<CallExpr>(P))
          return C->getCallee() == Cur ? UseRead : call(*C, Cur);
        if (isa<ReturnStmt>(P))
          return UseReturn | UseEscape;
        if (isa<IfStmt, WhileStmt, DoStmt, ForStmt, ConditionalOperator>(P))
          return UseRead;
        return Unknown;
      }
      // A member named in a template's pattern, resolved at instantiation.
      if (isa<CXXDependentScopeMemberExpr, UnresolvedMemberExpr>(P)) {
        const Expr *Base = nullptr;
        bool Arrow;
        DeclarationName Name;
        if (const auto *DM = dyn_cast<CXXDependentScopeMemberExpr>(P)) {
          Base = DM->isImplicitAccess() ? nullptr : DM->getBase();
          Arrow = DM->isArrow();
          Name = DM->getMember();
        } else {
          const auto *UM = cast<UnresolvedMemberExpr>(P);
          Base = UM->isImplicitAccess() ? nullptr : UM->getBase();
          Arrow = UM->isArrow();
          Name = UM->getMemberName();
        }
        const auto *Call = dyn_cast_or_null<CallExpr>(Next);
        bool Called = Call && Call->getCallee() == P;
        if (Base != Cur)
          return Unknown;
        if (Derived) {
          // A field of an element (`it->second`, `v[k].x`) is followed; a
          // member function of the element may change it.
          if (Called)
            return Unknown;
          if (Arrow)
            DerivedByValue = false;
          Cur = P;
          continue;
        }
        if (!Called || Arrow || !Name.isIdentifier())
          return Unknown;
        unsigned K = byName(Cur, Name.getAsIdentifierInfo()->getName());
        if (K)
          return K;
        Cur = Call;
        --I; // continue above the call
        continue;
      }
      if (const auto *A = dyn_cast<ArraySubscriptExpr>(P)) {
        // In a pattern `v[k]` is not yet an operator call (and getBase()
        // guesses from the index's type): the object is written first.
        if (A->isTypeDependent()) {
          unsigned K =
              dependentOperator(Cur, OO_Subscript, A->getLHS() == Cur, false);
          if (K)
            return K;
          Cur = P;
          continue;
        }
        // `v.data()[i]`: the element.
        if (Derived && A->getBase() == Cur) {
          DerivedByValue = false;
          Cur = P;
          continue;
        }
        return Unknown;
      }
      if (const auto *M = dyn_cast<MemberExpr>(P)) {
        const ValueDecl *Member = M->getMemberDecl();
        // `it->second`, `it->size()`: the element, not the handle.
        if (Derived && M->isArrow())
          DerivedByValue = false;
        if (isa<FieldDecl>(Member)) {
          Cur = P;
          continue;
        }
        const auto *MD = dyn_cast<CXXMethodDecl>(Member);
        if (!MD)
          return UseRead; // static data member, enumerator
        // A plain CallExpr when an argument is type-dependent but the
        // member has one candidate (`m.count(k)` in a pattern).
        const auto *MC = dyn_cast_or_null<CallExpr>(Next);
        if (!MC || MC->getCallee() != P)
          return Unknown; // a bound member function used otherwise
        unsigned K = method(*MD, *MC);
        if (K)
          return K;
        Cur = MC;
        --I; // continue above the call
        continue;
      }
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P)) {
        const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee());
        if (MD && Op->getNumArgs() > 0 && Op->getArg(0) == Cur) {
          if (Op->getOperator() == OO_Equal)
            return UseMutate;
          if (isComparison(Op->getOperator()))
            return UseRead;
          unsigned K = method(*MD, *Op);
          if (K)
            return K;
          Cur = P;
          continue;
        }
        if (Op->getNumArgs() > 0 && Op->getArg(0) == Cur &&
            Op->getOperator() == OO_PlusEqual && !Derived) {
          Result.Call = Op;
          return UseFill | UseMutate;
        }
        if (Op->isTypeDependent() && !Op->getDirectCallee()) {
          unsigned K =
              dependentOperator(Cur, Op->getOperator(),
                                Op->getNumArgs() > 0 && Op->getArg(0) == Cur,
                                Op->getNumArgs() == 1);
          if (K)
            return K;
          Cur = P;
          continue;
        }
        return call(*Op, Cur);
      }
      if (const auto *C = dyn_cast<CallExpr>(P)) {
        if (C->getCallee() == Cur)
          return Unknown; // calling a function object variable
        return call(*C, Cur);
      }
      if (const auto *C = dyn_cast<CXXConstructExpr>(P)) {
        const CXXConstructorDecl *Ctor = C->getConstructor();
        unsigned K;
        if (Derived)
          K = DerivedByValue ? Unknown : UseRead;
        else if (Ctor->isCopyConstructor())
          K = UseRead | UseCopy;
        else if (Ctor->isMoveConstructor())
          K = UseMove;
        else {
          int Idx = argIndex(C->getArgs(), C->getNumArgs(), Cur);
          K = Idx >= 0 && static_cast<unsigned>(Idx) < Ctor->getNumParams()
                  ? byParam(Ctor->getParamDecl(Idx)->getType(),
                            cast<Expr>(Cur)->getType(), Ctor, false)
                  : Unknown;
        }
        // `return v;` (the implicit move) is a return.
        for (size_t J = I; J-- > 0;) {
          if (isImplicitWrapper(Up[J]) || isa<ImplicitCastExpr>(Up[J]))
            continue;
          if (isa<ReturnStmt>(Up[J]))
            K |= UseReturn;
          break;
        }
        return K;
      }
      if (const auto *U = dyn_cast<UnaryOperator>(P)) {
        if (U->isTypeDependent()) {
          unsigned K = dependentOperator(
              Cur, UnaryOperator::getOverloadedOperator(U->getOpcode()), true,
              true);
          if (K)
            return K;
          Cur = P;
          continue;
        }
        // `*v.data()`: the element.
        if (Derived && U->getOpcode() == UO_Deref) {
          DerivedByValue = false;
          Cur = P;
          continue;
        }
        switch (U->getOpcode()) {
        case UO_AddrOf:
        case UO_PreInc:
        case UO_PreDec:
        case UO_PostInc:
        case UO_PostDec:
          return Unknown;
        default:
          return UseRead;
        }
      }
      if (const auto *B = dyn_cast<BinaryOperator>(P)) {
        if (B->isTypeDependent()) {
          unsigned K = dependentOperator(
              Cur, BinaryOperator::getOverloadedOperator(B->getOpcode()),
              B->getLHS() == Cur, false);
          if (K)
            return K;
          Cur = P;
          continue;
        }
        // `v.data() + 1`: still a handle.
        if (Derived && DerivedByValue && B->getType()->isPointerType()) {
          Cur = P;
          continue;
        }
        if (B->getLHS() == Cur && B->isAssignmentOp())
          return UseMutate;
        if (B->getOpcode() == BO_Comma && B->getRHS() == Cur) {
          Cur = P;
          continue;
        }
        return UseRead;
      }
      if (const auto *CO = dyn_cast<AbstractConditionalOperator>(P)) {
        if (CO->getCond() == Cur)
          return UseRead;
        Cur = P;
        continue;
      }
      if (const auto *DS = dyn_cast<DeclStmt>(P)) {
        const VarDecl *Init = nullptr;
        for (const Decl *D : DS->decls())
          if (const auto *VD = dyn_cast<VarDecl>(D))
            if (VD->getInit() == Cur)
              Init = VD;
        if (!Init)
          return Unknown;
        // The hidden `auto &&__range = c;` of a range-for: what the loop
        // variable can do to the elements.
        if (const auto *For = dyn_cast_or_null<CXXForRangeStmt>(Next))
          if (For->getRangeStmt() == DS) {
            const VarDecl *LoopVar = For->getLoopVariable();
            QualType LT = LoopVar ? LoopVar->getType() : QualType();
            if (LT.isNull())
              return Unknown;
            if (Derived ||
                (LoopVar->getInit()
                     ? isProxyLoopVariable(*LoopVar)
                     : LT->getContainedAutoType() &&
                           mayBeBitVector(cast<Expr>(Cur)->getType())))
              return Unknown;
            if (LT->isReferenceType()) {
              if (!LT->getPointeeType().isConstQualified())
                return UseMutate;
              LT = LT->getPointeeType();
            }
            // In a pattern `for (T x : c)` binds references when T is one,
            // unless T is c's own element type (`std::vector<T> c`).
            if (mayBecomeReference(LT) &&
                !isElementTypeOf(LT, cast<Expr>(Cur)->getType()))
              return Unknown;
            return UseRead;
          }
        // An iterator copied out of it (`auto it = v.begin();`, or bound to
        // a const reference) can write through: not followed.
        QualType T = Init->getType();
        if (isWritableReference(T) || mayBecomeReference(T) ||
            (Derived && DerivedByValue))
          return Unknown;
        return UseRead;
      }
      if (isa<ReturnStmt>(P)) {
        if (!Derived)
          return UseReturn | UseEscape;
        // An element returned as a number is a copy (in a pattern
        // `return v[k];` is not yet converted).
        const FunctionDecl *F = returningFunction(I);
        QualType RT = F ? F->getReturnType() : QualType();
        return !RT.isNull() && !RT->isDependentType() &&
                       (RT->isArithmeticType() || RT->isEnumeralType())
                   ? UseRead
                   : Unknown;
      }
      if (const auto *L = dyn_cast<LambdaExpr>(P)) {
        // A capture by reference: the uses in the body are seen one by one.
        // Not those of an init-capture's own reference (`[&r = v]`).
        for (auto [C, Init] : llvm::zip(L->captures(), L->capture_inits())) {
          const auto *V = C.capturesVariable()
                              ? dyn_cast<VarDecl>(C.getCapturedVar())
                              : nullptr;
          if (Init == Cur && V && V->isInitCapture() &&
              (isWritableReference(V->getType()) ||
               mayBecomeReference(V->getType())))
            return Unknown;
        }
        return Derived ? Unknown : UseRead;
      }
      if (isa<UnaryExprOrTypeTraitExpr, CXXTypeidExpr, CXXNoexceptExpr,
              CompoundStmt, IfStmt, WhileStmt, DoStmt, ForStmt, SwitchStmt>(P))
        return UseRead;
      if (isa<CXXDeleteExpr>(P))
        return UseDelete;
      return Unknown; // dependent code, initializer lists of references, ...
    }
    return UseRead;
  }
};

} // namespace

VarUse classifyUse(const DeclRefExpr &Ref,
                   llvm::ArrayRef<const Stmt *> Ancestors, ASTContext &Ctx,
                   const UsageVocabulary &Vocab) {
  Climb C{Ref, Ancestors, Ctx, Vocab, {}};
  C.Result.Ref = &Ref;
  unsigned K = C.run();
  C.Result.Kinds = K ? K : Unknown;
  return C.Result;
}

} // namespace clang::tidy::hotpath::analyses
