//===--- TripCount.cpp - hotpath ------------------------------------------===//

#include "analyses/TripCount.h"
#include "analyses/Containers.h"
#include "analyses/VarUsage.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::hotpath::analyses {

namespace {

// Facts gathered from a loop condition or bound.
struct BoundFacts {
  bool CpuCall = false;
  std::string DataCall; // name of the first data-driven call seen
};

bool matchesName(const FunctionDecl &FD, llvm::ArrayRef<std::string> Names) {
  if (!FD.getDeclName().isIdentifier())
    return false;
  StringRef Plain = FD.getName();
  std::string Qualified;
  for (const std::string &N : Names) {
    StringRef Name(N);
    // Cheap reject on the unqualified name before building the qualified one.
    if (!Name.ends_with(Plain) || (Name.size() > Plain.size() &&
                                   Name[Name.size() - Plain.size() - 1] != ':'))
      continue;
    if (!Name.starts_with("::"))
      return true;
    if (Qualified.empty())
      Qualified = "::" + FD.getQualifiedNameAsString();
    if (Qualified == Name)
      return true;
  }
  return false;
}

// Member functions whose use in a loop condition or bound means the loop walks
// a container, drains a queue or reads a stream.
bool isDataMember(StringRef Name) {
  static constexpr llvm::StringLiteral Names[] = {
      "size",      "length",   "empty",       "count",        "end",
      "cend",      "rend",     "crend",       "pop",          "try_pop",
      "pop_front", "pop_back", "try_dequeue", "wait_dequeue", "wait_pop",
      "front",     "top",      "next",        "read",         "getline",
      "receive",   "recv",     "accept"};
  return llvm::is_contained(Names, Name);
}

// Free functions with the same meaning (std::size(c), getline(in, s), ...).
bool isDataFunction(StringRef Name) {
  static constexpr llvm::StringLiteral Names[] = {
      "size",    "ssize",   "distance", "end",    "cend",
      "getline", "fgets",   "fread",    "read",   "recv",
      "accept",  "readdir", "scanf",    "fscanf", "getchar"};
  return llvm::is_contained(Names, Name);
}

void scan(const Stmt *S, const VarDecl *LoopVar, const LoopVocabulary &Vocab,
          BoundFacts &Facts, unsigned Depth) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    if (const FunctionDecl *FD = Call->getDirectCallee()) {
      if (matchesName(*FD, Vocab.CpuCountFunctions))
        Facts.CpuCall = true;
      else if (FD->getDeclName().isIdentifier() && Facts.DataCall.empty()) {
        bool IsMember = isa<CXXMemberCallExpr>(Call);
        if (IsMember ? isDataMember(FD->getName())
                     : isDataFunction(FD->getName()))
          Facts.DataCall = FD->getName().str() + "()";
      }
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call))
        if (Op->getOperator() == OO_GreaterGreater && Facts.DataCall.empty())
          Facts.DataCall = "operator>>";
    }
  } else if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
    // Follow a local whose initializer says where the bound comes from:
    // `const auto n = jobs.size();`, `unsigned n = hardware_concurrency();`.
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    if (VD && VD != LoopVar && !isa<ParmVarDecl>(VD) && VD->hasInit() &&
        VD->isLocalVarDecl() && Depth < 3)
      scan(VD->getInit(), LoopVar, Vocab, Facts, Depth + 1);
  }
  for (const Stmt *Child : S->children())
    scan(Child, LoopVar, Vocab, Facts, Depth);
}

const VarDecl *loopVariable(const ForStmt &F) {
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(F.getInit()))
    if (DS->isSingleDecl())
      return dyn_cast<VarDecl>(DS->getSingleDecl());
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(F.getInit()))
    if (BO->isAssignmentOp())
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
        return dyn_cast<VarDecl>(Ref->getDecl());
  return nullptr;
}

bool isConstantInt(const Expr *E, ASTContext &Ctx) {
  if (!E || E->isValueDependent() || E->isTypeDependent())
    return false;
  Expr::EvalResult R;
  return E->EvaluateAsInt(R, Ctx);
}

bool isConstantTrue(const Expr *E, ASTContext &Ctx) {
  if (!E || E->isValueDependent())
    return false;
  bool Value = false;
  return E->EvaluateAsBooleanCondition(Value, Ctx) && Value;
}

// `i < N`, `N > i`, `i != N`: the side that does not mention the loop variable.
const Expr *boundOf(const Expr *Cond, const VarDecl *LoopVar) {
  Cond = Cond->IgnoreParenImpCasts();
  const Expr *L = nullptr, *R = nullptr;
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    if (!BO->isComparisonOp())
      return nullptr;
    L = BO->getLHS();
    R = BO->getRHS();
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Cond)) {
    if (Op->getNumArgs() != 2 || !Op->isComparisonOp())
      return nullptr;
    L = Op->getArg(0);
    R = Op->getArg(1);
  } else {
    return nullptr;
  }
  if (mentions(L, LoopVar) && !mentions(R, LoopVar))
    return R;
  if (mentions(R, LoopVar) && !mentions(L, LoopVar))
    return L;
  return nullptr;
}

bool isFixedSizeRange(const Expr *Range) {
  QualType T = Range->getType().getNonReferenceType();
  if (T->isConstantArrayType())
    return true;
  if (isa<InitListExpr>(Range->IgnoreImplicit()))
    return true;
  if (const auto *RD = T->getAsCXXRecordDecl()) {
    if (!RD->getDeclName().isIdentifier())
      return false;
    StringRef Name = RD->getName();
    if ((Name == "array" || Name == "initializer_list") &&
        RD->isInStdNamespace())
      return true;
  }
  return false;
}

TripCount fromFacts(const BoundFacts &Facts) {
  if (Facts.CpuCall)
    return {TripKind::CpuSized, "bounded by the CPU count"};
  if (!Facts.DataCall.empty())
    return {TripKind::Data, "its bound comes from '" + Facts.DataCall + "'"};
  return {TripKind::Unknown, ""};
}

} // namespace

TripCount classifyTripCount(const Stmt &Loop, ASTContext &Ctx,
                            const LoopVocabulary &Vocab) {
  BoundFacts Facts;
  if (const auto *F = dyn_cast<ForStmt>(&Loop)) {
    const Expr *Cond = F->getCond();
    if (!Cond || isConstantTrue(Cond, Ctx))
      return {TripKind::Unbounded, "it has no exit condition"};
    const VarDecl *Var = loopVariable(*F);
    scan(Cond, Var, Vocab, Facts, 0);
    TripCount TC = fromFacts(Facts);
    if (TC.Kind != TripKind::Unknown)
      return TC;
    if (isConstantInt(boundOf(Cond, Var), Ctx))
      return {TripKind::Constant, "constant bound"};
    return TC;
  }
  if (const auto *R = dyn_cast<CXXForRangeStmt>(&Loop)) {
    const Expr *Range = R->getRangeInit();
    if (!Range)
      return {};
    if (isFixedSizeRange(Range))
      return {TripKind::Constant, "fixed-size range"};
    scan(Range, nullptr, Vocab, Facts, 0);
    if (Facts.CpuCall)
      return {TripKind::CpuSized, "bounded by the CPU count"};
    return {TripKind::Data, "range-for over a container"};
  }
  const Expr *Cond = nullptr;
  if (const auto *W = dyn_cast<WhileStmt>(&Loop))
    Cond = W->getCond();
  else if (const auto *D = dyn_cast<DoStmt>(&Loop))
    Cond = D->getCond();
  else
    return {};
  if (isConstantTrue(Cond, Ctx))
    return {TripKind::Unbounded, "it runs until an exit inside the body"};
  scan(Cond, nullptr, Vocab, Facts, 0);
  TripCount TC = fromFacts(Facts);
  if (TC.Kind == TripKind::Data)
    TC.Why = "its condition calls '" + Facts.DataCall + "'";
  return TC;
}

// ------------------------------------------------------- exact trip counts

namespace {

// Side-effect-free count expressions; collects the variables they read.
bool isPure(const Expr *E, const VarDecl &Grown,
            llvm::SmallPtrSetImpl<const VarDecl *> &Vars) {
  E = E->IgnoreParenImpCasts();
  if (isa<IntegerLiteral, CharacterLiteral, UnaryExprOrTypeTraitExpr,
          CXXThisExpr>(E))
    return true;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (isa<EnumConstantDecl>(Ref->getDecl()))
      return true;
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    if (!VD || VD == &Grown || VD->getType().isVolatileQualified())
      return false;
    Vars.insert(VD);
    return true;
  }
  if (const auto *M = dyn_cast<MemberExpr>(E))
    return isa<FieldDecl>(M->getMemberDecl()) &&
           isPure(M->getBase(), Grown, Vars);
  // `src.count()`, `img.width()`: a const member function of an object
  // the loop does not change (checked by the caller), with pure arguments.
  // The loop calls it on every iteration; reserve() calls it once more.
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    return MD && MD->isConst() && !MD->getReturnType()->isVoidType() &&
           isPure(MC->getImplicitObjectArgument(), Grown, Vars) &&
           llvm::all_of(MC->arguments(), [&](const Expr *Arg) {
             return isPure(Arg, Grown, Vars);
           });
  }
  // `in.size()` on a dependent object in a template pattern.
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (const auto *M = dyn_cast<CXXDependentScopeMemberExpr>(
            Call->getCallee()->IgnoreParens()))
      return Call->getNumArgs() == 0 && !M->isImplicitAccess() &&
             M->getMember().isIdentifier() &&
             (M->getMember().getAsString() == "size" ||
              M->getMember().getAsString() == "length") &&
             isPure(M->getBase(), Grown, Vars);
  // `static_cast<std::size_t>(n)`: as pure as what it converts.
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E))
    return isPure(Cast->getSubExpr(), Grown, Vars);
  // std::min / std::max of pure operands (the capped form of a count).
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *FD = Call->getDirectCallee())
      if (FD->isInStdNamespace() && FD->getIdentifier() &&
          (FD->getName() == "min" || FD->getName() == "max"))
        return llvm::all_of(Call->arguments(), [&](const Expr *Arg) {
          return isPure(Arg, Grown, Vars);
        });
  if (const auto *B = dyn_cast<BinaryOperator>(E))
    return B->isAdditiveOp() || B->isMultiplicativeOp()
               ? isPure(B->getLHS(), Grown, Vars) &&
                     isPure(B->getRHS(), Grown, Vars)
               : false;
  return false;
}

std::string sourceText(const Expr &E, ASTContext &Ctx) {
  if (E.getBeginLoc().isMacroID() || E.getEndLoc().isMacroID())
    return "";
  return Lexer::getSourceText(
             CharSourceRange::getTokenRange(E.getSourceRange()),
             Ctx.getSourceManager(), Ctx.getLangOpts())
      .str();
}

bool hasSizeMember(QualType T, ASTContext &Ctx) {
  const CXXRecordDecl *RD = recordOrPatternOf(T.getNonReferenceType());
  if (!RD || !RD->hasDefinition())
    return false;
  return !RD->lookup(&Ctx.Idents.get("size")).empty();
}

const VarDecl *refVar(const Expr *E) {
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E->IgnoreParenImpCasts()))
    return dyn_cast<VarDecl>(Ref->getDecl());
  return nullptr;
}

bool isSizeCall(const Expr *E) {
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = MC->getMethodDecl();
    return M && M->getIdentifier() &&
           (M->getName() == "size" || M->getName() == "length");
  }
  // `in.size()` on a dependent object in a template pattern.
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (const auto *M = dyn_cast<CXXDependentScopeMemberExpr>(
            Call->getCallee()->IgnoreParens()))
      return M->getMember().isIdentifier() &&
             (M->getMember().getAsString() == "size" ||
              M->getMember().getAsString() == "length");
  return false;
}

// Where an integer count comes from: empty when bounded by memory the
// program already holds, else what it is. A count from a parameter, a field
// or a call can come from input (a length field of a file or a packet): a
// reserve() of it turns a malformed 10-byte input into a multi-gigabyte
// allocation before the loop has looked at a single element.
std::string unboundedOrigin(const Expr *E, const FunctionUsage &FU,
                            ASTContext &Ctx, unsigned Depth = 0) {
  E = E->IgnoreParenCasts();
  Expr::EvalResult R;
  if (!E->isValueDependent() && E->EvaluateAsInt(R, Ctx))
    return "";
  if (isa<UnaryExprOrTypeTraitExpr>(E) || isSizeCall(E))
    return "";
  if (const auto *B = dyn_cast<BinaryOperator>(E)) {
    std::string L = unboundedOrigin(B->getLHS(), FU, Ctx, Depth);
    return L.empty() ? unboundedOrigin(B->getRHS(), FU, Ctx, Depth) : L;
  }
  if (const auto *C = dyn_cast<ConditionalOperator>(E)) {
    std::string T = unboundedOrigin(C->getTrueExpr(), FU, Ctx, Depth);
    return T.empty() ? unboundedOrigin(C->getFalseExpr(), FU, Ctx, Depth) : T;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    // std::min(n, limit) is bounded by its bounded argument: the capped form.
    const FunctionDecl *FD = Call->getDirectCallee();
    if (FD && FD->isInStdNamespace() && FD->getIdentifier() &&
        FD->getName() == "min")
      for (const Expr *Arg : Call->arguments())
        if (unboundedOrigin(Arg, FU, Ctx, Depth).empty())
          return "";
    return "the result of a call";
  }
  if (isa<MemberExpr>(E))
    return "a field";
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!VD)
    return "an expression hotpath cannot follow";
  if (isa<ParmVarDecl>(VD))
    return "a parameter";
  if (!VD->isLocalVarDecl() || VD->isStaticLocal())
    return "a variable outside the function";
  // A local follows its initialiser when nothing changes it afterwards.
  if (!VD->getInit() || Depth > 4 ||
      FU.uses(VD).has(~(UseRead | UseCopy) & ~0u))
    return "a local variable set from elsewhere";
  return unboundedOrigin(VD->getInit(), FU, Ctx, Depth + 1);
}

} // namespace

std::optional<ExactTripCount> exactTripCount(const Stmt &Loop,
                                             const VarDecl &Grown,
                                             const FunctionUsage &FU,
                                             ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::SmallPtrSet<const VarDecl *, 4> Vars;
  const Stmt *LoopBody = &Loop;
  if (const auto *F = dyn_cast<ForStmt>(&Loop))
    LoopBody = F->getBody();
  else if (const auto *R = dyn_cast<CXXForRangeStmt>(&Loop))
    LoopBody = R->getBody();
  // What the count reads must exist before the loop and not change in it.
  auto Stable = [&](const VarDecl *LoopVar) {
    for (const VarDecl *V : Vars) {
      if (V == LoopVar || spanContains(Loop, V->getLocation(), SM))
        return false;
      // Const (or a reference to const): nothing in the body changes it,
      // whatever dependent code the walk could not resolve (`in[i]`).
      if (V->getType().getNonReferenceType().isConstQualified())
        continue;
      // The bound itself is side-effect free; what matters is the body.
      for (const VarUse &U : FU.uses(V).Uses)
        if (spanContains(*LoopBody, U.Ref->getBeginLoc(), SM) &&
            (U.Kinds & ~(UseRead | UseCopy)))
          return false;
    }
    return true;
  };
  if (const auto *R = dyn_cast<CXXForRangeStmt>(&Loop)) {
    const Expr *Init = R->getRangeInit();
    // A dependent range is counted when it names a container template
    // (`const std::vector<T> &in` in a function template's pattern).
    if (!Init || (Init->isTypeDependent() &&
                  !(isa<DeclRefExpr, MemberExpr>(Init->IgnoreParenImpCasts()) &&
                    hasSizeMember(Init->getType(), Ctx))))
      return std::nullopt;
    QualType T = Init->getType().getNonReferenceType();
    if (const auto *CAT = Ctx.getAsConstantArrayType(T))
      return ExactTripCount{std::to_string(CAT->getSize().getZExtValue()), "",
                            CAT->getSize().getZExtValue()};
    if (const auto *IL = dyn_cast<InitListExpr>(Init->IgnoreImplicit()))
      return ExactTripCount{std::to_string(IL->getNumInits()), "",
                            IL->getNumInits()};
    if (!hasSizeMember(T, Ctx))
      return std::nullopt; // an input range: the count is not known
    if (!isPure(Init, Grown, Vars))
      return ExactTripCount{
          "",
          "the range is computed by an expression that would be "
          "evaluated twice",
          std::nullopt, true};
    if (!Stable(nullptr))
      return std::nullopt;
    std::string Text = sourceText(*Init, Ctx);
    if (Text.empty())
      return ExactTripCount{"", "the range is spelled in a macro", std::nullopt,
                            true};
    if (!isa<DeclRefExpr, MemberExpr>(Init->IgnoreParenImpCasts()))
      Text = "(" + Text + ")";
    return ExactTripCount{Text + ".size()", "", std::nullopt, true};
  }
  const auto *F = dyn_cast<ForStmt>(&Loop);
  if (!F || !F->getCond() || !F->getInc())
    return std::nullopt;
  const auto *DS = dyn_cast_or_null<DeclStmt>(F->getInit());
  const VarDecl *V = DS && DS->isSingleDecl()
                         ? dyn_cast<VarDecl>(DS->getSingleDecl())
                         : nullptr;
  if (!V || !V->getInit())
    return std::nullopt;
  // Step by one.
  const Expr *Inc = F->getInc()->IgnoreParenImpCasts();
  bool StepOne = false;
  if (const auto *U = dyn_cast<UnaryOperator>(Inc))
    StepOne = U->isIncrementOp() && refVar(U->getSubExpr()) == V;
  else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Inc))
    StepOne = Op->getOperator() == OO_PlusPlus && refVar(Op->getArg(0)) == V;
  else if (const auto *CA = dyn_cast<CompoundAssignOperator>(Inc)) {
    Expr::EvalResult One;
    StepOne = CA->getOpcode() == BO_AddAssign && refVar(CA->getLHS()) == V &&
              CA->getRHS()->EvaluateAsInt(One, Ctx) && One.Val.getInt() == 1;
  }
  if (!StepOne)
    return std::nullopt;
  // The loop variable changes only in the increment. An index into a
  // dependent range (`in[i]` in a template's pattern) is unresolved, not a
  // change: a subscript takes its index by value.
  auto IsDependentIndex = [&](const DeclRefExpr *Ref) {
    const Stmt *P = FU.parentOf(Ref);
    while (isa_and_nonnull<ImplicitCastExpr, ParenExpr>(P))
      P = FU.parentOf(P);
    if (const auto *AS = dyn_cast_or_null<ArraySubscriptExpr>(P))
      return AS->isTypeDependent() &&
             AS->getIdx()->IgnoreParenImpCasts() == Ref;
    return false;
  };
  for (const VarUse &U : FU.uses(V).Uses)
    if (spanContains(*F->getBody(), U.Ref->getBeginLoc(), SM) &&
        (U.Kinds & ~(UseRead | UseCopy)) && !IsDependentIndex(U.Ref))
      return std::nullopt;
  // `v < B`, `v != B`, `B > v`.
  const Expr *Cond = F->getCond()->IgnoreParenImpCasts();
  const Expr *L = nullptr, *Rhs = nullptr;
  BinaryOperatorKind Kind;
  if (const auto *RW = dyn_cast<CXXRewrittenBinaryOperator>(Cond)) {
    // C++20: `it != end` rewritten to `!(it == end)`.
    CXXRewrittenBinaryOperator::DecomposedForm Form = RW->getDecomposedForm();
    L = Form.LHS;
    Rhs = Form.RHS;
    Kind = Form.Opcode;
  } else if (const auto *B = dyn_cast<BinaryOperator>(Cond)) {
    L = B->getLHS();
    Rhs = B->getRHS();
    Kind = B->getOpcode();
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Cond)) {
    if (Op->getNumArgs() != 2)
      return std::nullopt;
    L = Op->getArg(0);
    Rhs = Op->getArg(1);
    if (Op->getOperator() == OO_ExclaimEqual)
      Kind = BO_NE;
    else if (Op->getOperator() == OO_Less)
      Kind = BO_LT;
    else
      return std::nullopt;
  } else {
    return std::nullopt;
  }
  const Expr *Bound = nullptr;
  if (refVar(L) == V && (Kind == BO_LT || Kind == BO_NE))
    Bound = Rhs;
  else if (refVar(Rhs) == V && (Kind == BO_GT || Kind == BO_NE))
    Bound = L;
  if (!Bound)
    return std::nullopt;
  const Expr *Start = V->getInit()->IgnoreImplicit();
  if (V->getType()->isIntegerType()) {
    if (!isPure(Bound, Grown, Vars) || !Stable(V))
      return std::nullopt;
    Expr::EvalResult StartValue;
    if (!Start->EvaluateAsInt(StartValue, Ctx) || StartValue.Val.getInt() != 0)
      return ExactTripCount{"", "the loop does not count from 0"};
    Expr::EvalResult BoundValue;
    bool ConstantBound = Bound->EvaluateAsInt(BoundValue, Ctx);
    if (ConstantBound && BoundValue.Val.getInt().isNegative())
      return std::nullopt;
    if (!ConstantBound) {
      std::string Origin = unboundedOrigin(Bound, FU, Ctx);
      if (!Origin.empty()) {
        ExactTripCount C;
        C.Text = sourceText(*Bound->IgnoreParenImpCasts(), Ctx);
        C.Unbounded = std::move(Origin);
        return C;
      }
    }
    bool Signed =
        !ConstantBound &&
        Bound->IgnoreParenImpCasts()->getType()->isSignedIntegerType();
    std::string Text = sourceText(*Bound->IgnoreParenImpCasts(), Ctx);
    if (Text.empty())
      return ExactTripCount{"", "the bound is spelled in a macro"};
    if (ConstantBound)
      return ExactTripCount{Text, "", BoundValue.Val.getInt().getZExtValue()};
    const auto *SizeCall = dyn_cast<CXXMemberCallExpr>(peel(Bound));
    const CXXMethodDecl *M = SizeCall ? SizeCall->getMethodDecl() : nullptr;
    bool Sized = M && M->getIdentifier() &&
                 (M->getName() == "size" || M->getName() == "length");
    ExactTripCount C{Text, "", std::nullopt, Sized};
    C.Signed = Signed;
    return C;
  }
  // Iterators: `for (auto it = c.begin(); it != c.end(); ++it)`.
  const auto *Begin = dyn_cast<CXXMemberCallExpr>(peel(Start));
  const auto *End = dyn_cast<CXXMemberCallExpr>(peel(Bound));
  if (!Begin || !End || !Begin->getMethodDecl() || !End->getMethodDecl())
    return std::nullopt;
  StringRef BN = Begin->getMethodDecl()->getName();
  StringRef EN = End->getMethodDecl()->getName();
  if (!((BN == "begin" && EN == "end") || (BN == "cbegin" && EN == "cend")))
    return std::nullopt;
  const Expr *BeginObj = Begin->getImplicitObjectArgument();
  const Expr *EndObj = End->getImplicitObjectArgument();
  if (!BeginObj || !EndObj)
    return std::nullopt;
  // A member container (`for (auto it = m_.begin(); it != m_.end(); ++it)`):
  // the same field of `this` (or of one variable) on both sides. Its size
  // cannot change in the loop without invalidating the iterator.
  const auto *BM = dyn_cast<MemberExpr>(BeginObj->IgnoreParenImpCasts());
  const auto *EM = dyn_cast<MemberExpr>(EndObj->IgnoreParenImpCasts());
  if (BM && EM) {
    const Expr *BB = BM->getBase()->IgnoreParenImpCasts();
    const Expr *EB = EM->getBase()->IgnoreParenImpCasts();
    bool SameBase = (isa<CXXThisExpr>(BB) && isa<CXXThisExpr>(EB)) ||
                    (refVar(BB) && refVar(BB) == refVar(EB));
    if (!SameBase || BM->getMemberDecl() != EM->getMemberDecl() ||
        !isa<FieldDecl>(BM->getMemberDecl()) ||
        !hasSizeMember(BM->getType(), Ctx))
      return std::nullopt;
    std::string Text = sourceText(*BM, Ctx);
    if (Text.empty())
      return ExactTripCount{"", "the range is spelled in a macro", std::nullopt,
                            true};
    return ExactTripCount{Text + ".size()", "", std::nullopt, true};
  }
  const VarDecl *Range = refVar(BeginObj);
  if (!Range || Range != refVar(EndObj) || Range == &Grown ||
      !hasSizeMember(Range->getType(), Ctx))
    return std::nullopt;
  Vars.insert(Range);
  if (!Stable(V))
    return std::nullopt;
  return ExactTripCount{Range->getName().str() + ".size()", "", std::nullopt,
                        true};
}

} // namespace clang::tidy::hotpath::analyses
