//===--- MissingReserveCheck.cpp - hotpath --------------------------------===//

#include "MissingReserveCheck.h"
#include "utils/Containers.h"
#include "utils/LoopContext.h"
#include "utils/OptionList.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::hotpath {

static constexpr char DefaultReservable[] =
    "::std::vector;::std::basic_string;::std::unordered_map;"
    "::std::unordered_set;::std::unordered_multimap;::std::unordered_multiset";

MissingReserveCheck::MissingReserveCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      RawContainerTypes(Options.get("ContainerTypes", DefaultReservable)),
      ContainerTypes(utils::splitOptionList(RawContainerTypes)) {}

void MissingReserveCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ContainerTypes", RawContainerTypes);
}

void MissingReserveCheck::onStartOfTranslationUnit() {
  Reported.clear();
  Usage.clear();
}

void MissingReserveCheck::registerMatchers(MatchFinder *Finder) {
  auto Reservable = cxxRecordDecl(hasAnyName(ContainerTypes));
  auto LocalVar = declRefExpr(
      to(varDecl(hasLocalStorage(), unless(parmVarDecl())).bind("var")));
  // Instantiations are skipped in check() (the pattern is reported), which
  // needs no parent map, unlike isInTemplateInstantiation().
  auto NotHere = isExpansionInSystemHeader();
  Finder->addMatcher(
      cxxMemberCallExpr(callee(cxxMethodDecl(
                            hasAnyName("push_back", "emplace_back", "emplace",
                                       "insert", "try_emplace", "emplace_hint"),
                            ofClass(Reservable))),
                        on(ignoringParenImpCasts(LocalVar)), unless(NotHere))
          .bind("call"),
      this);
  Finder->addMatcher(
      cxxOperatorCallExpr(hasOverloadedOperatorName("+="),
                          hasArgument(0, ignoringParenImpCasts(LocalVar)),
                          callee(cxxMethodDecl(ofClass(Reservable))),
                          unless(NotHere))
          .bind("call"),
      this);
}

namespace {

// True when one call adds exactly one element.
bool addsOneElement(const Expr &Call, const CXXRecordDecl &RD) {
  bool Hash = utils::isHashContainer(RD);
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call))
    return Op->getNumArgs() == 2 &&
           Op->getArg(1)->IgnoreImpCasts()->getType()->isCharType();
  const auto *MC = cast<CXXMemberCallExpr>(&Call);
  StringRef Name = MC->getMethodDecl()->getName();
  if (Name == "push_back" || Name == "emplace_back")
    return true;
  if (!Hash)
    return false; // vector::insert(pos, ...) and emplace(pos, ...)
  if (Name == "insert") {
    if (MC->getNumArgs() != 1)
      return false;
    const CXXRecordDecl *Arg = MC->getArg(0)->getType()->getAsCXXRecordDecl();
    return !Arg || !Arg->getDeclName().isIdentifier() ||
           Arg->getName() != "initializer_list";
  }
  return true; // emplace, try_emplace, emplace_hint
}

bool contains(const Stmt &S, SourceLocation Loc, const SourceManager &SM) {
  SourceLocation B = SM.getExpansionLoc(S.getBeginLoc());
  SourceLocation E = SM.getExpansionLoc(S.getEndLoc());
  Loc = SM.getExpansionLoc(Loc);
  return !SM.isBeforeInTranslationUnit(Loc, B) &&
         !SM.isBeforeInTranslationUnit(E, Loc);
}

// The growth runs on every iteration: nothing but blocks between the call
// and the loop.
bool unconditional(const Expr &Call, const Stmt &Loop,
                   const utils::FunctionUsage &FU) {
  for (const Stmt *S = FU.parentOf(&Call); S; S = FU.parentOf(S)) {
    if (S == &Loop)
      return true;
    if (!isa<ExprWithCleanups, CompoundStmt, ParenExpr, AttributedStmt,
             LabelStmt>(S))
      return false;
  }
  return false;
}

// `break`, `continue` or `goto` that can skip the growth in some iterations.
bool hasEarlyExit(const Stmt *S, bool InNestedLoop, bool InSwitch) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (isa<GotoStmt, IndirectGotoStmt>(S))
    return true;
  if (isa<ContinueStmt>(S) && !InNestedLoop)
    return true;
  if (isa<BreakStmt>(S) && !InNestedLoop && !InSwitch)
    return true;
  bool Loop = isa<ForStmt, CXXForRangeStmt, WhileStmt, DoStmt>(S);
  bool Switch = isa<SwitchStmt>(S);
  for (const Stmt *Child : S->children())
    if (hasEarlyExit(Child, InNestedLoop || Loop, InSwitch || Switch))
      return true;
  return false;
}

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
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    return MD && MD->isConst() && MC->getNumArgs() == 0 &&
           MD->getDeclName().isIdentifier() &&
           (MD->getName() == "size" || MD->getName() == "length") &&
           isPure(MC->getImplicitObjectArgument(), Grown, Vars);
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
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  return !RD->lookup(&Ctx.Idents.get("size")).empty();
}

const VarDecl *refVar(const Expr *E) {
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E->IgnoreParenImpCasts()))
    return dyn_cast<VarDecl>(Ref->getDecl());
  return nullptr;
}

} // namespace

std::optional<MissingReserveCheck::Count>
MissingReserveCheck::tripCount(const Stmt &Loop, const VarDecl &Grown,
                               const utils::FunctionUsage &FU,
                               ASTContext &Ctx) const {
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
      if (V == LoopVar || contains(Loop, V->getLocation(), SM))
        return false;
      // The bound itself is side-effect free; what matters is the body.
      for (const utils::VarUse &U : FU.uses(V).Uses)
        if (contains(*LoopBody, U.Ref->getBeginLoc(), SM) &&
            (U.Kinds & ~(utils::UseRead | utils::UseCopy)))
          return false;
    }
    return true;
  };
  if (const auto *R = dyn_cast<CXXForRangeStmt>(&Loop)) {
    const Expr *Init = R->getRangeInit();
    if (!Init || Init->isTypeDependent())
      return std::nullopt;
    QualType T = Init->getType().getNonReferenceType();
    if (const auto *CAT = Ctx.getAsConstantArrayType(T))
      return Count{std::to_string(CAT->getSize().getZExtValue()), "",
                   CAT->getSize().getZExtValue()};
    if (const auto *IL = dyn_cast<InitListExpr>(Init->IgnoreImplicit()))
      return Count{std::to_string(IL->getNumInits()), "", IL->getNumInits()};
    if (!hasSizeMember(T, Ctx))
      return std::nullopt; // an input range: the count is not known
    if (!isPure(Init, Grown, Vars))
      return Count{"",
                   "the range is computed by an expression that would be "
                   "evaluated twice",
                   std::nullopt, true};
    if (!Stable(nullptr))
      return std::nullopt;
    std::string Text = sourceText(*Init, Ctx);
    if (Text.empty())
      return Count{"", "the range is spelled in a macro", std::nullopt, true};
    if (!isa<DeclRefExpr, MemberExpr>(Init->IgnoreParenImpCasts()))
      Text = "(" + Text + ")";
    return Count{Text + ".size()", "", std::nullopt, true};
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
  // The loop variable changes only in the increment.
  for (const utils::VarUse &U : FU.uses(V).Uses)
    if (contains(*F->getBody(), U.Ref->getBeginLoc(), SM) &&
        (U.Kinds & ~(utils::UseRead | utils::UseCopy)))
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
      return Count{"", "the loop does not count from 0"};
    Expr::EvalResult BoundValue;
    bool ConstantBound = Bound->EvaluateAsInt(BoundValue, Ctx);
    if (ConstantBound && BoundValue.Val.getInt().isNegative())
      return std::nullopt;
    if (!ConstantBound &&
        Bound->IgnoreParenImpCasts()->getType()->isSignedIntegerType())
      return Count{"", "the bound is signed and reserve() of a negative "
                       "count throws"};
    std::string Text = sourceText(*Bound->IgnoreParenImpCasts(), Ctx);
    if (Text.empty())
      return Count{"", "the bound is spelled in a macro"};
    if (ConstantBound)
      return Count{Text, "", BoundValue.Val.getInt().getZExtValue()};
    const auto *SizeCall = dyn_cast<CXXMemberCallExpr>(utils::peel(Bound));
    const CXXMethodDecl *M = SizeCall ? SizeCall->getMethodDecl() : nullptr;
    bool Sized = M && M->getIdentifier() &&
                 (M->getName() == "size" || M->getName() == "length");
    return Count{Text, "", std::nullopt, Sized};
  }
  // Iterators: `for (auto it = c.begin(); it != c.end(); ++it)`.
  const auto *Begin = dyn_cast<CXXMemberCallExpr>(utils::peel(Start));
  const auto *End = dyn_cast<CXXMemberCallExpr>(utils::peel(Bound));
  if (!Begin || !End || !Begin->getMethodDecl() || !End->getMethodDecl())
    return std::nullopt;
  StringRef BN = Begin->getMethodDecl()->getName();
  StringRef EN = End->getMethodDecl()->getName();
  if (!((BN == "begin" && EN == "end") || (BN == "cbegin" && EN == "cend")))
    return std::nullopt;
  const VarDecl *Range = refVar(Begin->getImplicitObjectArgument());
  if (!Range || Range != refVar(End->getImplicitObjectArgument()) ||
      Range == &Grown || !hasSizeMember(Range->getType(), Ctx))
    return std::nullopt;
  Vars.insert(Range);
  if (!Stable(V))
    return std::nullopt;
  return Count{Range->getName().str() + ".size()", "", std::nullopt, true};
}

// A string keeps short contents in its own small buffer: appending up to that
// many characters allocates nothing, so reserve() buys nothing. libstdc++'s
// buffer (16 bytes) is the smallest of the common libraries (libc++: 23).
// A count from an integer variable says nothing about its size (yaml-cpp
// appends 2, 4 or 8 escape digits under `i < codeLength`), so for strings
// only counts from data (a container's size) or constants beyond the buffer
// are reported.
bool MissingReserveCheck::growsInsideSmallBuffer(const CXXRecordDecl &RD,
                                                 const Count &C) const {
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(&RD);
  if (!Spec || Spec->getName() != "basic_string" ||
      Spec->getTemplateArgs().size() == 0)
    return false;
  if (C.Sized)
    return false;
  if (!C.Known)
    return true;
  QualType CharT = Spec->getTemplateArgs()[0].getAsType();
  std::uint64_t CharBytes =
      CharT.isNull() || CharT->isDependentType()
          ? 1
          : RD.getASTContext().getTypeSizeInChars(CharT).getQuantity();
  std::uint64_t Inline = CharBytes ? 16 / CharBytes - 1 : 0;
  return *C.Known <= Inline;
}

void MissingReserveCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const SourceManager &SM = Ctx.getSourceManager();
  const auto *Call = Result.Nodes.getNodeAs<Expr>("call");
  const auto *Var = Result.Nodes.getNodeAs<VarDecl>("var");
  if (!Call || !Var || !Var->isLocalVarDecl() || Var->isStaticLocal() ||
      Var->getType()->isDependentType() || Var->getType()->isReferenceType() ||
      utils::isInInstantiation(*Var) ||
      !utils::isEmptyConstruction(Var->getInit()))
    return;
  const CXXRecordDecl *RD = utils::recordOf(Var->getType());
  if (!RD || !addsOneElement(*Call, *RD))
    return;
  const Stmt *Body = utils::enclosingBody(*Var);
  if (!Body)
    return;
  const utils::FunctionUsage &FU = Usage.get(*Body, Ctx);
  auto Loops = FU.loopsAround(*Call);
  if (Loops.empty())
    return;
  const Stmt *Loop = Loops.front();
  // Declared before this loop, and no other loop in between: then the
  // container is empty when the loop starts (checked below) and grows once
  // per iteration of this loop only.
  if (contains(*Loop, Var->getLocation(), SM) ||
      (Loops.size() > 1 && !contains(*Loops[1], Var->getLocation(), SM)))
    return;
  const Stmt *LoopBody = nullptr;
  if (const auto *F = dyn_cast<ForStmt>(Loop))
    LoopBody = F->getBody();
  else if (const auto *R = dyn_cast<CXXForRangeStmt>(Loop))
    LoopBody = R->getBody();
  if (!LoopBody || !unconditional(*Call, *Loop, FU) ||
      hasEarlyExit(LoopBody, false, false))
    return;
  SourceLocation LoopBegin = SM.getExpansionLoc(Loop->getBeginLoc());
  for (const utils::VarUse &U : FU.uses(Var).Uses) {
    SourceLocation L = SM.getExpansionLoc(U.Ref->getBeginLoc());
    if (SM.isBeforeInTranslationUnit(L, LoopBegin))
      return; // used (reserved, filled, passed) before the loop
    if (contains(*Loop, L, SM) && U.Call != Call &&
        (U.Kinds & ~(utils::UseRead | utils::UseCopy)))
      return; // another change inside the loop
  }
  std::optional<Count> C = tripCount(*Loop, *Var, FU, Ctx);
  if (!C || growsInsideSmallBuffer(*RD, *C))
    return;
  SourceLocation Loc = SM.getFileLoc(Call->getExprLoc());
  if (!Reported.first(Loc))
    return;
  if (C->Text.empty()) {
    diag(Loc, "%0 grows by one element per iteration of a loop whose trip "
              "count is known before it starts, without reserve(): it "
              "reallocates and moves its elements about log2(n) times; call "
              "reserve() with the trip count before the loop (no fix-it: %1)")
        << Var << C->WhyNoFix;
    return;
  }
  std::string Reserve = (Var->getName() + ".reserve(" + C->Text + ");").str();
  auto D = diag(Loc, "%0 grows by one element per iteration of a loop whose "
                     "trip count is known before it starts, without "
                     "reserve(): it reallocates and moves its elements about "
                     "log2(n) times; call '%1' before the loop")
           << Var << Reserve;
  // Insert on its own line before the loop, with the loop's indentation.
  if (Loop->getBeginLoc().isMacroID())
    return;
  if (!isa_and_nonnull<CompoundStmt>(FU.parentOf(Loop)))
    return;
  std::pair<FileID, unsigned> Pos = SM.getDecomposedLoc(Loop->getBeginLoc());
  StringRef Buffer = SM.getBufferData(Pos.first);
  unsigned LineStart = Pos.second;
  while (LineStart > 0 && Buffer[LineStart - 1] != '\n')
    --LineStart;
  StringRef Indent = Buffer.slice(LineStart, Pos.second);
  if (Indent.find_first_not_of(" \t") != StringRef::npos)
    Indent = "";
  D << FixItHint::CreateInsertion(
      Loop->getBeginLoc(),
      Reserve + (Indent.empty() && LineStart != Pos.second ? " " : "\n") +
          Indent.str());
}

} // namespace clang::tidy::hotpath
