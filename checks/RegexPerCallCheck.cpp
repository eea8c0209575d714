//===--- RegexPerCallCheck.cpp - hotpath ----------------------------------===//

#include "RegexPerCallCheck.h"
#include "analyses/Containers.h"
#include "analyses/StaticLocal.h"
#include "support/CheckTrace.h"
#include "support/Macros.h"
#include "support/NodeFilters.h"
#include "support/OptionList.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::hotpath {

static constexpr char DefaultRegexTypes[] = "::std::basic_regex";

// Longest pattern text quoted in a message; longer ones end in "...".
static constexpr size_t MaxPatternChars = 48;

RegexPerCallCheck::RegexPerCallCheck(StringRef Name, ClangTidyContext *Context)
    : HotpathCheck(Name, Context, Needs::CPlusPlus11),
      RegexTypes(Config.getList("RegexTypes", DefaultRegexTypes)) {}

void RegexPerCallCheck::onStartOfTranslationUnit() {
  HotpathCheck::onStartOfTranslationUnit();
  Constructions.clear();
  Ctx = nullptr;
}

void RegexPerCallCheck::registerMatchers(MatchFinder *Finder) {
  if (RegexTypes.empty())
    return;
  // A constructor that compiles a pattern: not the default one (an empty
  // regex), not copy or move (they share or take the compiled automaton).
  auto Compiling = cxxConstructorDecl(
      ofClass(cxxRecordDecl(hasAnyName(RegexTypes))),
      unless(isDefaultConstructor()), unless(isCopyConstructor()),
      unless(isMoveConstructor()));
  Finder->addMatcher(
      cxxConstructExpr(support::constructsClassNamedOneOf(
                           support::lastNameComponents(RegexTypes)),
                       support::isInUserCode(), hasDeclaration(Compiling))
          .bind("construct"),
      this);
}

void RegexPerCallCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (const auto *C = Result.Nodes.getNodeAs<CXXConstructExpr>("construct"))
    Constructions.push_back(C);
}

void RegexPerCallCheck::onEndOfTranslationUnit() {
  support::EndOfTranslationUnitTrace Trace(getID());
  if (Ctx)
    for (const CXXConstructExpr *C : Constructions)
      judge(*C);
  Constructions.clear();
  Usage.clear();
}

bool RegexPerCallCheck::isRegexRecord(const CXXRecordDecl &RD) const {
  if (!RD.getIdentifier())
    return false;
  std::string Qualified = "::" + RD.getQualifiedNameAsString();
  for (StringRef N : RegexTypes) {
    if (N == Qualified || (!N.starts_with("::") && N == RD.getName()))
      return true;
    // libstdc++'s inline namespace (std::__cxx11::basic_regex).
    if (RD.isInStdNamespace() && N == ("::std::" + RD.getName()).str())
      return true;
  }
  return false;
}

static bool isStdStringRecord(const CXXRecordDecl *RD) {
  return RD && RD->getIdentifier() && RD->isInStdNamespace() &&
         (RD->getName() == "basic_string" ||
          RD->getName() == "basic_string_view");
}

bool RegexPerCallCheck::isConstantVariable(const VarDecl &VD,
                                           unsigned Depth) const {
  if (isa<ParmVarDecl>(VD))
    return false;
  QualType T = VD.getType();
  // A reference may be bound to anything; a non-const variable may change
  // between the calls.
  if (T->isReferenceType() || T.isVolatileQualified() ||
      (!T.isConstant(*Ctx) && !VD.isConstexpr()))
    return false;
  const Expr *Init = VD.getAnyInitializer();
  return Init && isConstant(Init, Depth + 1);
}

bool RegexPerCallCheck::isConstant(const Expr *E, unsigned Depth) const {
  if (!E || Depth > 8)
    return false;
  E = analyses::peel(E);
  if (!E)
    return false;
  if (isa<StringLiteral, CXXDefaultArgExpr>(E))
    return true;
  if (E->isValueDependent() || E->isTypeDependent())
    return false;
  auto AllConstant = [&](auto Range) {
    return llvm::all_of(
        Range, [&](const Expr *A) { return isConstant(A, Depth + 1); });
  };
  if (const auto *SIL = dyn_cast<CXXStdInitializerListExpr>(E))
    return isConstant(SIL->getSubExpr(), Depth + 1);
  if (const auto *IL = dyn_cast<InitListExpr>(E))
    return AllConstant(IL->inits());
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
      return isConstantVariable(*VD, Depth);
  if (const auto *C = dyn_cast<CXXConstructExpr>(E)) {
    // An object built from constants by a constructor that cannot depend on
    // anything else: a constexpr one, std::string's, or an options class of
    // the regex type itself (RE2::Options from RE2::Quiet).
    const CXXConstructorDecl *Ctor = C->getConstructor();
    const CXXRecordDecl *RD = Ctor ? Ctor->getParent() : nullptr;
    const auto *Outer =
        RD ? dyn_cast<CXXRecordDecl>(RD->getDeclContext()) : nullptr;
    if (!Ctor || !(Ctor->isConstexpr() || isStdStringRecord(RD) ||
                   (Outer && isRegexRecord(*Outer))))
      return false;
    return AllConstant(C->arguments());
  }
  // "prefix" + std::string(kSuffix): a string of constants.
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    if (Op->getOperator() == OO_Plus && Op->getNumArgs() == 2 &&
        isStdStringRecord(Op->getType()->getAsCXXRecordDecl()))
      return AllConstant(Op->arguments());
  // A pointer or array is a constant address even when the characters it
  // points to are written at run time (a global buffer): only literals and
  // const variables, above, count.
  QualType T = E->getType();
  if (T->isPointerType() || T->isArrayType())
    return false;
  return E->isEvaluatable(*Ctx);
}

std::string RegexPerCallCheck::patternText(const CXXConstructExpr &C) const {
  const SourceManager &SM = Ctx->getSourceManager();
  const Expr *Arg = C.getArg(0);
  CharSourceRange Range = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(Arg->getSourceRange()), SM,
      Ctx->getLangOpts());
  // Written in a macro's body: the text where the macro spells it.
  if (Range.isInvalid())
    Range =
        CharSourceRange::getTokenRange(SM.getSpellingLoc(Arg->getBeginLoc()),
                                       SM.getSpellingLoc(Arg->getEndLoc()));
  if (Range.isInvalid() ||
      SM.getFileID(Range.getBegin()) != SM.getFileID(Range.getEnd()))
    return "a constant pattern";
  StringRef Written = Lexer::getSourceText(Range, SM, Ctx->getLangOpts());
  std::string Text;
  for (char Ch : Written) {
    bool Space = Ch == ' ' || Ch == '\t' || Ch == '\n' || Ch == '\r';
    if (Space && (Text.empty() || Text.back() == ' '))
      continue;
    Text += Space ? ' ' : Ch;
  }
  while (!Text.empty() && Text.back() == ' ')
    Text.pop_back();
  if (Text.empty())
    return "a constant pattern";
  if (Text.size() > MaxPatternChars)
    Text = Text.substr(0, MaxPatternChars - 3) + "...";
  if (!isa<StringLiteral>(analyses::peel(Arg)))
    Text = "'" + Text + "'";
  return "the constant pattern " + Text;
}

bool RegexPerCallCheck::holds(SourceRange R, SourceLocation L) const {
  const SourceManager &SM = Ctx->getSourceManager();
  if (R.isInvalid())
    return false;
  SourceLocation B = SM.getExpansionLoc(R.getBegin());
  SourceLocation E = SM.getExpansionRange(R.getEnd()).getEnd();
  return !SM.isBeforeInTranslationUnit(L, B) &&
         !SM.isBeforeInTranslationUnit(E, L);
}

RegexPerCallCheck::Site RegexPerCallCheck::inBody(const FunctionDecl *FD,
                                                  const Stmt &Body,
                                                  const CXXConstructExpr &C) {
  const analyses::FunctionUsage &FU = Usage.get(Body, *Ctx);
  if (!FU.parentOf(&C))
    return {};
  // Code in a lambda runs when the lambda is called: the innermost lambda
  // whose body holds the construction is the function.
  for (const Stmt *P = FU.parentOf(&C); P; P = FU.parentOf(P))
    if (const auto *L = dyn_cast<LambdaExpr>(P))
      if (const Stmt *LambdaBody = L->getBody()) {
        const analyses::FunctionUsage &LU = Usage.get(*LambdaBody, *Ctx);
        if (LU.parentOf(&C))
          return {L->getCallOperator(), &LU};
      }
  return {FD, &FU};
}

RegexPerCallCheck::Site RegexPerCallCheck::search(const DeclContext &DC,
                                                  const CXXConstructExpr &C,
                                                  SourceLocation L,
                                                  unsigned Depth) {
  const SourceManager &SM = Ctx->getSourceManager();
  if (Depth > 32)
    return {};
  // In memory only: in clangd, decls() of the translation unit would
  // deserialise the preamble; the construction's own file is in memory.
  for (const Decl *D : DC.noload_decls()) {
    if (D->isImplicit() ||
        SM.isInSystemHeader(SM.getExpansionLoc(D->getBeginLoc())) ||
        !holds(D->getSourceRange(), L))
      continue;
    if (const auto *Friend = dyn_cast<FriendDecl>(D))
      D = Friend->getFriendDecl();
    else if (const auto *Template = dyn_cast<TemplateDecl>(D))
      D = Template->getTemplatedDecl();
    if (!D)
      continue;
    // Instantiations share their pattern's source range: a template is
    // judged once, at its pattern.
    if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
      if (FD->isTemplateInstantiation())
        continue;
      // A method of a local class first, then the body itself.
      Site S = search(*FD, C, L, Depth + 1);
      if (!S.Function && FD->doesThisDeclarationHaveABody() &&
          holds(FD->getBody()->getSourceRange(), L))
        S = inBody(FD, *FD->getBody(), C);
      if (S.Function)
        return S;
      continue;
    }
    if (const auto *RD = dyn_cast<CXXRecordDecl>(D))
      if (isTemplateInstantiation(RD->getTemplateSpecializationKind()))
        continue;
    // A lambda in the initialiser of a global, a static member or a
    // member's default: its body is the function.
    const Expr *Init = nullptr;
    if (const auto *VD = dyn_cast<VarDecl>(D))
      Init = VD->isLocalVarDeclOrParm() ? nullptr : VD->getInit();
    else if (const auto *Field = dyn_cast<FieldDecl>(D))
      Init = Field->getInClassInitializer();
    if (isa<VarDecl, FieldDecl>(D)) {
      Site S = Init ? inBody(nullptr, *Init, C) : Site();
      if (S.Function)
        return S;
      continue;
    }
    if (const auto *Inner = dyn_cast<DeclContext>(D)) {
      Site S = search(*Inner, C, L, Depth + 1);
      if (S.Function)
        return S;
    }
  }
  return {};
}

RegexPerCallCheck::Site RegexPerCallCheck::siteOf(const CXXConstructExpr &C) {
  SourceLocation L = Ctx->getSourceManager().getExpansionLoc(C.getBeginLoc());
  return search(*Ctx->getTranslationUnitDecl(), C, L, 0);
}

void RegexPerCallCheck::judge(const CXXConstructExpr &C) {
  if (C.getNumArgs() == 0 || C.getType()->isDependentType())
    return;
  for (const Expr *Arg : C.arguments())
    if (!isConstant(Arg, 0))
      return;
  Site S = siteOf(C);
  // Outside a function body: a global, a member's initialiser, a default
  // argument. Built once per object, not per call.
  if (!S.Function || analyses::isWrittenConstexpr(*S.Function, *Ctx))
    return;
  const analyses::FunctionUsage &FU = *S.Usage;
  // Up through the nodes that only wrap the new object: casts, the
  // temporary's bookkeeping, C++14's elidable move into a variable.
  const Stmt *Top = &C;
  const Stmt *P = FU.parentOf(Top);
  while (P) {
    bool Wraps =
        isa<ImplicitCastExpr, ParenExpr, CXXFunctionalCastExpr,
            CXXBindTemporaryExpr, MaterializeTemporaryExpr, ExprWithCleanups>(
            P);
    if (const auto *Move = dyn_cast<CXXConstructExpr>(P))
      Wraps = Move->getNumArgs() >= 1 && Move->getArg(0) == Top &&
              Move->getConstructor()->isCopyOrMoveConstructor() &&
              isRegexRecord(*Move->getConstructor()->getParent());
    if (!Wraps)
      break;
    Top = P;
    P = FU.parentOf(P);
  }
  if (!P)
    return;
  if (const auto *DS = dyn_cast<DeclStmt>(P)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (VD->getInit() == Top)
          reportVariable(C, *VD, *DS, S);
    return;
  }
  // Only a temporary the call reads and drops: one bound to a const
  // reference parameter (`std::regex_match(s, std::regex("a+"))`). A regex
  // assigned (`re_ = std::regex(...)`), passed by value or by rvalue
  // reference (`v.push_back(std::regex(...))`), stored in an aggregate,
  // captured or returned is kept by whoever receives it.
  const FunctionDecl *Callee = nullptr;
  llvm::ArrayRef<const Expr *> Args;
  if (const auto *Call = dyn_cast<CallExpr>(P)) {
    if (isa<CXXOperatorCallExpr>(Call))
      return;
    Callee = Call->getDirectCallee();
    Args = llvm::ArrayRef(Call->getArgs(), Call->getNumArgs());
  } else if (const auto *Outer = dyn_cast<CXXConstructExpr>(P)) {
    Callee = Outer->getConstructor();
    Args = llvm::ArrayRef(Outer->getArgs(), Outer->getNumArgs());
  }
  if (!Callee)
    return;
  const auto *It = llvm::find(Args, Top);
  size_t Index = It - Args.begin();
  if (It == Args.end() || Index >= Callee->getNumParams())
    return;
  QualType Param = Callee->getParamDecl(Index)->getType();
  if (Param->isLValueReferenceType() &&
      Param->getPointeeType().isConstQualified())
    reportTemporary(C, S);
}

void RegexPerCallCheck::reportVariable(const CXXConstructExpr &C,
                                       const VarDecl &Var, const DeclStmt &DS,
                                       const Site &S) {
  const SourceManager &SM = Ctx->getSourceManager();
  if (!Var.isLocalVarDecl() || !Var.hasLocalStorage() ||
      Var.getType().isVolatileQualified() || Var.getType()->isDependentType() ||
      support::declaredByMacroFromArgument(Var, SM))
    return;
  const analyses::FunctionUsage &FU = *S.Usage;
  // Changed, moved from, returned or handed out by non-const reference: the
  // object is not the same constant on every call.
  if (FU.uses(&Var).has(analyses::UseMutate | analyses::UseMove |
                        analyses::UseEscape | analyses::UseReturn |
                        analyses::UseFill | analyses::UseDelete))
    return;
  SourceLocation Loc = SM.getFileLoc(Var.getLocation());
  auto ParentOf = [&FU](const Stmt *Child) { return FU.parentOf(Child); };
  auto Loops = FU.loopsAround(DS);
  report(
      Loc, relevance::runOnceAt(DS, S.Function, ParentOf), SM,
      [&] { return measureLoopOrFunction(Loops, S.Function, Loc, SM); },
      [&](Finding &F) {
        bool PerIteration = !Loops.empty();
        auto D =
            F.diag("%0 compiles %1 on every %select{call|iteration of the "
                   "loop}2 (%3 construction allocates and builds an "
                   "automaton: microseconds per %select{call|iteration}2); "
                   "make it 'static const' to compile it once%4")
            << &Var << patternText(C) << PerIteration
            << C.getType().getUnqualifiedType().getAsString(
                   Ctx->getPrintingPolicy())
            << F.hotText({1, "pattern compilations"});
        SourceLocation Begin = Var.getBeginLoc();
        if (!Begin.isMacroID() && !Var.getLocation().isMacroID() &&
            analyses::soleDeclInBlock(Var, FU))
          D << FixItHint::CreateInsertion(Begin,
                                          analyses::staticConstInsertion(Var));
        if (PerIteration)
          F.noteLoop(Loops.front());
      });
}

void RegexPerCallCheck::reportTemporary(const CXXConstructExpr &C,
                                        const Site &S) {
  const SourceManager &SM = Ctx->getSourceManager();
  const analyses::FunctionUsage &FU = *S.Usage;
  SourceLocation Loc = SM.getFileLoc(C.getBeginLoc());
  auto ParentOf = [&FU](const Stmt *Child) { return FU.parentOf(Child); };
  auto Loops = FU.loopsAround(C);
  report(
      Loc, relevance::runOnceAt(C, S.Function, ParentOf), SM,
      [&] { return measureLoopOrFunction(Loops, S.Function, Loc, SM); },
      [&](Finding &F) {
        bool PerIteration = !Loops.empty();
        std::string Type = C.getType().getUnqualifiedType().getAsString(
            Ctx->getPrintingPolicy());
        F.diag("a temporary %0 compiles %1 on every %select{call|iteration "
               "of the loop}2 (%0 construction allocates and builds an "
               "automaton: microseconds per %select{call|iteration}2); "
               "declare it once as a function-local 'static const %0' and "
               "pass that%3")
            << Type << patternText(C) << PerIteration
            << F.hotText({1, "pattern compilations"});
        if (PerIteration)
          F.noteLoop(Loops.front());
      });
}

} // namespace clang::tidy::hotpath
