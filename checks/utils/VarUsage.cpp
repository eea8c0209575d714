//===--- VarUsage.cpp - hotpath -------------------------------------------===//

#include "VarUsage.h"
#include "LoopContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::hotpath::utils {

const VarUse *VarUses::first(unsigned Kinds) const {
  for (const VarUse &U : Uses)
    if (U.Kinds & Kinds)
      return &U;
  return nullptr;
}

bool isGrowthMethod(StringRef Name) {
  static constexpr llvm::StringLiteral Names[] = {
      "push_back",       "emplace_back", "emplace",    "insert",
      "append",          "operator+=",   "push_front", "emplace_front",
      "try_emplace",     "emplace_hint", "resize",     "assign",
      "insert_or_assign"};
  return llvm::is_contained(Names, Name);
}

bool hasConstOverload(const CXXMethodDecl &MD) {
  if (MD.isConst())
    return true;
  const CXXRecordDecl *RD = MD.getParent();
  if (!RD)
    return false;
  for (const NamedDecl *ND : RD->lookup(MD.getDeclName())) {
    // The lookup also yields using-declarations (`using Base::at;`), their
    // shadows and, in templates, unresolved using-declarations: only some
    // of them stand for a function.
    const auto *Other = dyn_cast_or_null<CXXMethodDecl>(
        ND->getUnderlyingDecl()->getAsFunction());
    if (Other && Other != &MD && Other->isConst() &&
        Other->getNumParams() == MD.getNumParams())
      return true;
  }
  return false;
}

// The standard library's emplace family and make_* take their arguments by
// forwarding reference: an lvalue binds as `T&`, but it is only copied into
// the new element (`v.emplace_back(i)` reads `i`).
static bool copiesFromForwardedLvalue(const FunctionDecl &FD) {
  if (!FD.getIdentifier() || !FD.isTemplateInstantiation())
    return false;
  StringRef Name = FD.getName();
  if (!Name.starts_with("emplace") && Name != "try_emplace" &&
      !Name.starts_with("make_"))
    return false;
  const DeclContext *DC = FD.getDeclContext();
  while (DC && !DC->isFileContext())
    DC = DC->getParent(); // out of the class
  while (DC && DC->isInlineNamespace())
    DC = DC->getParent(); // libc++'s std::__1
  return DC && DC->isStdNamespace();
}

const Stmt *enclosingBody(const VarDecl &Var) {
  const DeclContext *DC = Var.getParentFunctionOrMethod();
  if (const auto *FD = dyn_cast_or_null<FunctionDecl>(DC))
    return FD->getBody();
  if (const auto *BD = dyn_cast_or_null<BlockDecl>(DC))
    return BD->getBody();
  return nullptr;
}

namespace {

constexpr unsigned Unknown = UseMutate | UseEscape;

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
      // element it reaches.
      if (Derived && isMutableHandle(MD.getReturnType())) {
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
        if (T->isRValueReferenceType())
          return Derived ? Unknown : UseMove;
        if (T->isLValueReferenceType() || T->isPointerType()) {
          if (!T->getPointeeType().isConstQualified() || PointerValue)
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
      if (const auto *M = dyn_cast<MemberExpr>(P)) {
        const ValueDecl *Member = M->getMemberDecl();
        if (isa<FieldDecl>(Member)) {
          Cur = P;
          continue;
        }
        const auto *MD = dyn_cast<CXXMethodDecl>(Member);
        if (!MD)
          return UseRead; // static data member, enumerator
        const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(Next);
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
            if (Derived)
              return Unknown;
            if (LT->isReferenceType() &&
                !LT->getPointeeType().isConstQualified())
              return UseMutate;
            return UseRead;
          }
        QualType T = Init->getType();
        if (T->isReferenceType())
          return T->getPointeeType().isConstQualified() ? UseRead : Unknown;
        if (Derived && DerivedByValue)
          return Unknown;
        return UseRead;
      }
      if (isa<ReturnStmt>(P))
        return Derived ? Unknown : (UseReturn | UseEscape);
      if (const auto *L = dyn_cast<LambdaExpr>(P)) {
        // A capture by reference: the uses in the body are seen one by one.
        (void)L;
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

struct Index {
  llvm::DenseMap<const VarDecl *, VarUses> &Map;
  llvm::DenseMap<const Stmt *, const Stmt *> &Parents;
  llvm::DenseMap<const VarDecl *, const DeclStmt *> &DeclStmts;
  std::vector<const Stmt *> &Order;
};

void walk(const Stmt *S, llvm::SmallVectorImpl<const Stmt *> &Stack,
          ASTContext &Ctx, const UsageVocabulary &Vocab, Index &Out) {
  if (!S)
    return;
  if (!Stack.empty())
    Out.Parents.try_emplace(S, Stack.back());
  Out.Order.push_back(S);
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        Out.DeclStmts.try_emplace(VD, DS);
  auto &Map = Out.Map;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
      if (VD->isLocalVarDeclOrParm()) {
        VarUse U = classifyUse(*Ref, Stack, Ctx, Vocab);
        VarUses &Entry = Map[VD];
        Entry.All |= U.Kinds;
        Entry.Uses.push_back(U);
      }
    return;
  }
  Stack.push_back(S);
  for (const Stmt *Child : S->children())
    walk(Child, Stack, Ctx, Vocab, Out);
  Stack.pop_back();
}

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

FunctionUsage::FunctionUsage(const Stmt &Body, ASTContext &Ctx,
                             const UsageVocabulary &Vocab) {
  llvm::SmallVector<const Stmt *, 32> Stack;
  Index Out{Map, Parents, DeclStmts, Order};
  walk(&Body, Stack, Ctx, Vocab, Out);
}

llvm::SmallVector<const Stmt *, 4>
FunctionUsage::loopsAround(const Stmt &S) const {
  return enclosingLoops(S, [this](const Stmt *C) { return parentOf(C); });
}

const VarUses &FunctionUsage::uses(const VarDecl *Var) const {
  auto It = Map.find(Var);
  return It == Map.end() ? Empty : It->second;
}

const FunctionUsage &UsageCache::get(const Stmt &Body, ASTContext &Ctx) {
  std::unique_ptr<FunctionUsage> &Slot = Cache[&Body];
  if (!Slot)
    Slot = std::make_unique<FunctionUsage>(Body, Ctx, Vocab);
  return *Slot;
}

} // namespace clang::tidy::hotpath::utils
