//===--- ConstantContainerPerCallCheck.cpp - hotpath ----------------------===//

#include "ConstantContainerPerCallCheck.h"
#include "analyses/Containers.h"
#include "analyses/StaticLocal.h"
#include "support/Macros.h"
#include "support/NodeFilters.h"
#include "support/OptionList.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::hotpath {

ConstantContainerPerCallCheck::ConstantContainerPerCallCheck(
    StringRef Name, ClangTidyContext *Context)
    : HotpathCheck(Name, Context, Needs::CPlusPlus11),
      MinStringLength(Config.get("MinStringLength", 16U)),
      ContainerTypes(
          Config.getList("ContainerTypes", analyses::DefaultContainerTypes)) {}

void ConstantContainerPerCallCheck::registerMatchers(MatchFinder *Finder) {
  auto Container = qualType(hasUnqualifiedDesugaredType(
      recordType(hasDeclaration(cxxRecordDecl(hasAnyName(ContainerTypes))))));
  // `std::vector<T>` in a template's pattern: no record type until
  // instantiation.
  auto DependentContainer =
      qualType(hasUnqualifiedDesugaredType(templateSpecializationType(
          hasDeclaration(classTemplateDecl(hasAnyName(ContainerTypes))))));
  Finder->addMatcher(
      varDecl(support::isUserLocalVariable(),
              support::typeIsRecordNamedOneOf(
                  support::lastNameComponents(ContainerTypes)),
              hasType(qualType(anyOf(Container, DependentContainer))),
              hasInitializer(expr()))
          .bind("var"),
      this);
  // Returns are found by walking the bodies of functions that return a
  // container: no parent map is needed to know the function.
  Finder->addMatcher(
      functionDecl(support::isUserFunctionDefinition(),
                   returns(qualType(anyOf(Container, DependentContainer))),
                   unless(isMain()))
          .bind("fn"),
      this);
}

namespace {

bool isListedContainer(const CXXRecordDecl &RD,
                       llvm::ArrayRef<StringRef> Containers) {
  std::string Q = "::" + RD.getQualifiedNameAsString();
  for (StringRef N : Containers)
    if (N == Q || (!N.starts_with("::") && RD.getName() == N))
      return true;
  // libstdc++'s inline namespace (std::__cxx11::basic_string).
  if (RD.isInStdNamespace())
    for (StringRef N : Containers)
      if (N == ("::std::" + RD.getName()).str())
        return true;
  return false;
}

// The allocations of a container \p RD's own storage for \p N elements.
int ownAllocations(const CXXRecordDecl &RD, unsigned N,
                   unsigned MinStringLength) {
  if (analyses::isStringRecord(RD))
    return N < MinStringLength ? 0 : 1;
  int Own = analyses::isNodeContainer(RD) ? N : 1;
  return analyses::isHashContainer(RD) ? Own + 1 : Own;
}

// Allocations made to build \p E when every value in it is a constant, or -1
// when something in it is not a constant.
int allocsOf(const Expr *E, ASTContext &Ctx, unsigned MinStringLength,
             llvm::ArrayRef<StringRef> Containers) {
  E = analyses::peel(E);
  if (!E)
    return -1;
  if (isa<StringLiteral, CXXDefaultArgExpr, ImplicitValueInitExpr,
          CXXNullPtrLiteralExpr>(E))
    return 0;
  if (E->isValueDependent() || E->isTypeDependent())
    return -1;
  auto Sum = [&](auto Range) {
    int Total = 0;
    for (const Expr *Sub : Range) {
      int N = allocsOf(Sub, Ctx, MinStringLength, Containers);
      if (N < 0)
        return -1;
      Total += N;
    }
    return Total;
  };
  if (const auto *IL = dyn_cast<InitListExpr>(E))
    return Sum(IL->inits());
  if (const auto *SIL = dyn_cast<CXXStdInitializerListExpr>(E))
    return allocsOf(SIL->getSubExpr(), Ctx, MinStringLength, Containers);
  if (const auto *C = dyn_cast<CXXConstructExpr>(E)) {
    const CXXRecordDecl *RD = analyses::recordOf(C->getType());
    if (!RD || !isListedContainer(*RD, Containers))
      return Sum(C->arguments());
    if (C->getConstructor()->isDefaultConstructor())
      return 0;
    if (C->getNumArgs() == 0)
      return -1;
    const Expr *First = analyses::peel(C->getArg(0));
    if (const auto *S = dyn_cast<StringLiteral>(First))
      return analyses::isStringRecord(*RD)
                 ? (S->getLength() >= MinStringLength ? 1 : 0)
                 : -1;
    const auto *SIL = dyn_cast<CXXStdInitializerListExpr>(First);
    if (!SIL)
      return -1; // a count, a range, a copy: not a list of constants
    const auto *IL = dyn_cast<InitListExpr>(analyses::peel(SIL->getSubExpr()));
    if (!IL || IL->getNumInits() == 0)
      return IL ? 0 : -1;
    int Inner = Sum(IL->inits());
    if (Inner < 0)
      return -1;
    return ownAllocations(*RD, IL->getNumInits(), MinStringLength) + Inner;
  }
  if (E->isEvaluatable(Ctx))
    return 0;
  return -1;
}

} // namespace

unsigned ConstantContainerPerCallCheck::dependentAllocations(
    const Expr *Init, QualType Type, ASTContext &Ctx) const {
  // The braced list stays unconverted until instantiation: its elements
  // must be constants already, and what each becomes (a long std::string?)
  // depends on T, so only the container's own allocations are counted.
  const auto *IL = dyn_cast_or_null<InitListExpr>(analyses::peel(Init));
  const CXXRecordDecl *RD = analyses::recordOrPatternOf(Type);
  if (!IL || !RD || IL->getNumInits() == 0 ||
      !isListedContainer(*RD, ContainerTypes) ||
      allocsOf(IL, Ctx, MinStringLength, ContainerTypes) < 0)
    return 0;
  return ownAllocations(*RD, IL->getNumInits(), MinStringLength);
}

unsigned
ConstantContainerPerCallCheck::constantAllocations(const Expr *Init,
                                                   ASTContext &Ctx) const {
  const auto *C = dyn_cast_or_null<CXXConstructExpr>(analyses::peel(Init));
  if (!C)
    return 0;
  int N = allocsOf(C, Ctx, MinStringLength, ContainerTypes);
  return N > 0 ? static_cast<unsigned>(N) : 0;
}

void ConstantContainerPerCallCheck::checkReturn(
    const ReturnStmt &Ret, const FunctionDecl &FD,
    const analyses::FunctionUsage &FU, ASTContext &Ctx) {
  // A return inside a lambda belongs to the lambda.
  for (const Stmt *P = FU.parentOf(&Ret); P; P = FU.parentOf(P))
    if (isa<LambdaExpr>(P))
      return;
  const Expr *Value = Ret.getRetValue();
  QualType Type = FD.getReturnType();
  unsigned Allocs = 0;
  if (Type->isDependentType()) {
    Allocs = dependentAllocations(Value, Type, Ctx);
    Type = Type.getNonReferenceType();
  } else {
    const auto *C = dyn_cast_or_null<CXXConstructExpr>(analyses::peel(Value));
    // Only braced lists: `return "literal";` for a string is left alone.
    if (!C || C->getNumArgs() == 0 ||
        !isa<CXXStdInitializerListExpr>(analyses::peel(C->getArg(0))))
      return;
    Allocs = constantAllocations(C, Ctx);
    Type = C->getType();
  }
  if (!Allocs)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = SM.getFileLoc(Value->getBeginLoc());
  report(
      Loc,
      relevance::runOnceAt(Ret, &FD,
                           [&FU](const Stmt *C) { return FU.parentOf(C); }),
      SM,
      [&] { return measureLoopOrFunction(FU.loopsAround(Ret), &FD, Loc, SM); },
      [&](Finding &F) {
        F.diag("returns a constant %0 built from scratch on every call (%1 "
               "heap allocation%s1 and as many frees per call): return a "
               "reference to a function-local 'static const' object, or a "
               "span or string_view over a 'static constexpr std::array'%2")
            << Type.getUnqualifiedType() << Allocs
            << F.hotText({Allocs, "heap allocations"});
      });
}

void ConstantContainerPerCallCheck::check(
    const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const SourceManager &SM = Ctx.getSourceManager();
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn")) {
    if (FD->isTemplateInstantiation() || analyses::isInInstantiation(*FD) ||
        !FD->getBody())
      return;
    const analyses::FunctionUsage &FU = Usage.get(*FD->getBody(), Ctx);
    for (const Stmt *S : FU.statements())
      if (const auto *Ret = dyn_cast<ReturnStmt>(S))
        checkReturn(*Ret, *FD, FU, Ctx);
    return;
  }
  const auto *Var = Result.Nodes.getNodeAs<VarDecl>("var");
  // An init-capture (`[v = std::vector<int>{1, 2}] {...}`) is built once,
  // when the closure is made, not per call of it.
  if (!Var || !Var->isLocalVarDecl() || Var->isStaticLocal() ||
      Var->isInitCapture() || Var->getType().isVolatileQualified() ||
      analyses::isInInstantiation(*Var))
    return;
  const auto *FD =
      dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod());
  if (!FD || analyses::isWrittenConstexpr(*FD, Ctx))
    return;
  // A template is judged at its pattern, once for all its instantiations
  // (and for none, in a header no file instantiates), by the same analysis
  // as other code: utils/VarUsage knows what the standard containers'
  // members do before overload resolution. Asking every instantiation
  // instead would answer differently in each translation unit.
  unsigned Allocs =
      Var->getType()->isDependentType()
          ? dependentAllocations(Var->getInit(), Var->getType(), Ctx)
          : constantAllocations(Var->getInit(), Ctx);
  if (!Allocs || support::declaredByMacroFromArgument(*Var, SM))
    return;
  const Stmt *Body = analyses::enclosingBody(*Var);
  if (!Body)
    return;
  const analyses::FunctionUsage &FU = Usage.get(*Body, Ctx);
  const analyses::VarUses &Uses = FU.uses(Var);
  // `return v;` reads as a return (and an implicit move): judge the other
  // uses.
  unsigned NotReturned = 0;
  bool Returned = false;
  for (const analyses::VarUse &U : Uses.Uses) {
    if (U.Kinds & analyses::UseReturn)
      Returned = true;
    else
      NotReturned |= U.Kinds;
  }
  if ((NotReturned &
       (analyses::UseMutate | analyses::UseMove | analyses::UseEscape |
        analyses::UseFill | analyses::UseDelete)) ||
      (Returned && FD->getReturnType()->isReferenceType()))
    return;
  SourceLocation Loc = SM.getFileLoc(Var->getLocation());
  const DeclStmt *DS = FU.declStmtOf(Var);
  relevance::RunOnce Why =
      DS ? relevance::runOnceAt(*DS, FD,
                                [&FU](const Stmt *C) { return FU.parentOf(C); })
         : relevance::RunOnce::No;
  // Built from constants and returned by value (the guide's first example):
  // the caller gets a fresh copy every call. Changing the return type is
  // the caller's business too: no fix-it.
  auto Measure = [&]() -> std::optional<relevance::Hot> {
    if (!DS)
      return std::nullopt;
    return measureLoopOrFunction(FU.loopsAround(*DS), FD, Loc, SM);
  };
  report(Loc, Why, SM, Measure, [&](Finding &F) {
    std::string HotText = F.hotText({Allocs, "heap allocations"});
    if (Returned) {
      F.diag("%0 is a constant %1 built on every call and returned by value "
             "(%2 heap allocation%s2 and as many frees per call): return a "
             "reference to a function-local 'static const' object, or a "
             "span or string_view over a 'static constexpr std::array'%3")
          << Var << Var->getType().getUnqualifiedType() << Allocs << HotText;
      return;
    }
    auto D = F.diag("%0 is a constant %1 rebuilt on every call (%2 heap "
                    "allocation%s2 and as many frees per call); it is never "
                    "modified: make it 'static const' to build it once%3")
             << Var << Var->getType().getUnqualifiedType() << Allocs << HotText;
    SourceLocation Begin = Var->getBeginLoc();
    if (Begin.isMacroID() || Var->getLocation().isMacroID() ||
        !analyses::soleDeclInBlock(*Var, FU))
      return;
    D << FixItHint::CreateInsertion(Begin,
                                    analyses::staticConstInsertion(*Var));
  });
}

} // namespace clang::tidy::hotpath
