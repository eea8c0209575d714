//===--- RunOnce.cpp - hotpath --------------------------------------------===//

#include "relevance/RunOnce.h"
#include "analyses/Containers.h"
#include "analyses/TripCount.h"
#include "relevance/TestCode.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <mutex>

namespace clang::tidy::hotpath::relevance {

llvm::StringRef describe(RunOnce Why) {
  switch (Why) {
  case RunOnce::No:
    return "";
  case RunOnce::UnitTest:
    return "unit tests";
  case RunOnce::Main:
    return "main";
  case RunOnce::Cold:
    return "cold functions";
  case RunOnce::StaticInit:
    return "static initialisation";
  case RunOnce::CatchHandler:
    return "catch handlers";
  case RunOnce::BenchmarkSetup:
    return "benchmark setup";
  case RunOnce::OnlyCalledOnce:
    return "helpers only code that runs once calls";
  case RunOnce::TestProgram:
    return "test programs' helpers and types";
  case RunOnce::ExampleProgram:
    return "example programs";
  }
  return "";
}

namespace {

bool startsWithAny(llvm::StringRef Name,
                   std::initializer_list<llvm::StringRef> Prefixes) {
  for (llvm::StringRef P : Prefixes)
    if (Name.starts_with(P))
      return true;
  return false;
}

bool isTestingTest(const CXXRecordDecl &RD) {
  const auto *NS = dyn_cast<NamespaceDecl>(RD.getDeclContext());
  return RD.getIdentifier() && RD.getName() == "Test" && NS &&
         NS->getIdentifier() && NS->getName() == "testing";
}

// Derived from ::testing::Test, looking through the bases a few levels
// (TEST_F's fixture, TestWithParam). A dependent base (a CRTP base, a
// TYPED_TEST fixture) is followed through its class template; one that
// cannot be resolved is not evidence.
bool isGoogleTestClass(const CXXRecordDecl *RD, unsigned Depth = 0) {
  if (!RD || Depth > 6 || !(RD = RD->getDefinition()))
    return false;
  for (const CXXBaseSpecifier &B : RD->bases()) {
    const CXXRecordDecl *Base = analyses::recordOrPatternOf(B.getType());
    if (Base && (isTestingTest(*Base) || isGoogleTestClass(Base, Depth + 1)))
      return true;
  }
  return false;
}

// What the test frameworks' macros expand to. GoogleTest: a class derived
// from ::testing::Test with a TestBody() (also for TEST_F, TEST_P and the
// dependent bases of TYPED_TEST); Catch2 v2/v3 and doctest: functions and
// classes with reserved-looking generated names; Boost.Test: a struct per
// case with test_method().
bool isTestFunction(const FunctionDecl &FD) {
  if (const auto *MD = dyn_cast<CXXMethodDecl>(&FD)) {
    const CXXRecordDecl *RD = MD->getParent();
    if (MD->getIdentifier() &&
        (MD->getName() == "TestBody" || MD->getName() == "test_method"))
      return true;
    if (isGoogleTestClass(RD))
      return true;
    if (RD->getIdentifier() &&
        startsWithAny(RD->getName(),
                      {"C_A_T_C_H_T_", "CATCH2_INTERNAL_", "DOCTEST_ANON_"}))
      return true;
  }
  return FD.getIdentifier() &&
         startsWithAny(FD.getName(),
                       {"C_A_T_C_H_T_", "CATCH2_INTERNAL_", "DOCTEST_ANON_"});
}

// `static const T x = [] { ... }();` (at namespace scope or a static local):
// the lambda runs once, to initialise x. A lambda only stored in a variable
// (`auto f = [] {...};`) runs whenever it is called. Looked up only for a
// finding about to be reported: a scan of the lambda's context's decls.
bool initialisesStatic(const CXXRecordDecl &Lambda) {
  const DeclContext *DC = Lambda.getDeclContext();
  // In memory only: the lambda's own context is (clangd's preamble is not).
  for (const Decl *D : DC->noload_decls()) {
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD || !VD->hasGlobalStorage() || !VD->getInit())
      continue;
    const auto *Call =
        dyn_cast<CXXOperatorCallExpr>(VD->getInit()->IgnoreImplicit());
    if (!Call || Call->getOperator() != OO_Call || Call->getNumArgs() == 0)
      continue;
    const auto *L = dyn_cast<LambdaExpr>(Call->getArg(0)->IgnoreImplicit());
    if (L && L->getLambdaClass() == &Lambda)
      return true;
  }
  return false;
}

} // namespace

static RunOnce asRunOnce(SideProgram P) {
  switch (P) {
  case SideProgram::None:
    return RunOnce::No;
  case SideProgram::Test:
    return RunOnce::TestProgram;
  case SideProgram::Example:
    return RunOnce::ExampleProgram;
  }
  return RunOnce::No;
}

RunOnce runOnceFunction(const Decl *D) {
  for (unsigned Depth = 0; D && Depth < 8; ++Depth) {
    if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
      if (FD->isMain())
        return RunOnce::Main;
      if (FD->hasAttr<ColdAttr>())
        return RunOnce::Cold;
      if (isTestFunction(*FD) || definedByTestMacro(*FD))
        return RunOnce::UnitTest;
    }
    // Out through lambdas and local classes to the enclosing function; a
    // lambda that initialises a static runs once.
    const DeclContext *DC = D->getDeclContext();
    if (const auto *RD = dyn_cast_or_null<CXXRecordDecl>(DC))
      if (RD->isLambda() && initialisesStatic(*RD))
        return RunOnce::StaticInit;
    const DeclContext *Outer = DC ? DC->getParent() : nullptr;
    while (Outer && !Outer->isFunctionOrMethod() && !Outer->isFileContext())
      Outer = Outer->getParent();
    if (!Outer || Outer->isFileContext()) {
      SideProgram P = programFile(*D);
      return asRunOnce(P != SideProgram::None ? P : instantiatedFor(*D));
    }
    D = cast<Decl>(Outer);
  }
  return RunOnce::No;
}

RunOnce runOnceRecord(const RecordDecl &RD) {
  // The first rule that places it, the cheaper ones first.
  SideProgram P = programFile(RD);
  if (P == SideProgram::None)
    P = instantiatedFor(RD);
  if (P == SideProgram::None)
    P = firstNeededBy(RD);
  return asRunOnce(P);
}

// `benchmark::State &` parameter of a Google Benchmark function.
static const ParmVarDecl *benchmarkState(const Decl *D) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(D);
  if (!FD)
    return nullptr;
  for (const ParmVarDecl *P : FD->parameters()) {
    const auto *RD = P->getType().getNonReferenceType()->getAsCXXRecordDecl();
    if (RD && RD->getIdentifier() && RD->getName() == "State" &&
        RD->getDeclContext()->isNamespace() &&
        cast<NamespaceDecl>(RD->getDeclContext())->getName() == "benchmark")
      return P;
  }
  return nullptr;
}

namespace {
// Where the main file refers to one function: the outermost function around
// each reference (null: a global's initialiser, which runs once).
class References : public RecursiveASTVisitor<References> {
public:
  References(const FunctionDecl &Target, const SourceManager &SM)
      : Target(Target.getCanonicalDecl()), SM(SM) {}

  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    if (!isa<TranslationUnitDecl>(D) &&
        !SM.isInMainFile(SM.getExpansionLoc(D->getLocation())))
      return true; // headers do not call a main file's internal helpers
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD || Current)
      return RecursiveASTVisitor::TraverseDecl(D);
    Current = FD;
    bool R = RecursiveASTVisitor::TraverseDecl(D);
    Current = nullptr;
    return R;
  }
  // A call in a loop repeats, even in main or a test: such a helper is
  // not run-once (a server's `while (running) handle();` is in main).
  bool TraverseForStmt(ForStmt *S) {
    return inLoop([&] { return RecursiveASTVisitor::TraverseForStmt(S); });
  }
  bool TraverseWhileStmt(WhileStmt *S) {
    return inLoop([&] { return RecursiveASTVisitor::TraverseWhileStmt(S); });
  }
  bool TraverseDoStmt(DoStmt *S) {
    return inLoop([&] { return RecursiveASTVisitor::TraverseDoStmt(S); });
  }
  bool TraverseCXXForRangeStmt(CXXForRangeStmt *S) {
    return inLoop(
        [&] { return RecursiveASTVisitor::TraverseCXXForRangeStmt(S); });
  }

  // Calls are visited before their callee expression.
  bool VisitCallExpr(CallExpr *C) {
    const FunctionDecl *Callee = C->getDirectCallee();
    if (Callee && Callee->getCanonicalDecl() == Target) {
      Users.push_back(Current);
      Callees.insert(C->getCallee()->IgnoreParenImpCasts());
      CalledInLoop |= LoopDepth > 0;
    }
    return true;
  }
  // Any other reference hands the function out (a framework's registry, a
  // callback): it may be called from anywhere, as often as anything.
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (E->getDecl()->getCanonicalDecl() == Target && !Callees.count(E))
      HandedOut = true;
    return true;
  }

  std::vector<const FunctionDecl *> Users;
  bool HandedOut = false, CalledInLoop = false;

private:
  template <class F> bool inLoop(F Traverse) {
    ++LoopDepth;
    bool R = Traverse();
    --LoopDepth;
    return R;
  }

  const Decl *Target;
  const SourceManager &SM;
  unsigned LoopDepth = 0;
  const FunctionDecl *Current = nullptr;
  llvm::SmallPtrSet<const Expr *, 4> Callees;
};

// A function of the main file that nothing outside it can call, called only
// by code that runs once, and not in a loop there. One walk of the main file,
// only for a finding about to be reported in such a function.
bool onlyUsedByRunOnceCode(const FunctionDecl &FD) {
  const FunctionDecl *Def = FD.getDefinition();
  if (!Def || Def->isExternallyVisible() || Def->isTemplateInstantiation() ||
      Def->getDescribedFunctionTemplate() || isa<CXXMethodDecl>(Def))
    return false;
  ASTContext &Ctx = Def->getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  if (!SM.isInMainFile(SM.getExpansionLoc(Def->getLocation())))
    return false;
  References Refs(*Def, SM);
  // The declarations in memory: in clangd, decls() would deserialise the
  // whole preamble, which cannot name a function of the main file anyway.
  for (Decl *D : Ctx.getTranslationUnitDecl()->noload_decls())
    Refs.TraverseDecl(D);
  if (Refs.HandedOut || Refs.CalledInLoop)
    return false;
  bool Any = false;
  for (const FunctionDecl *User : Refs.Users) {
    if (User && User->getCanonicalDecl() == Def->getCanonicalDecl())
      continue; // recursion
    if (User && runOnceFunction(User) == RunOnce::No)
      return false;
    Any = true;
  }
  return Any;
}
} // namespace

RunOnce runOnceAt(const Stmt &S, const Decl *FD,
                  llvm::function_ref<const Stmt *(const Stmt *)> ParentOf) {
  RunOnce Why = runOnceFunction(FD);
  const ParmVarDecl *State = benchmarkState(FD);
  // A benchmark's timing loop is hot even in a file that includes a test
  // framework, or in an example.
  if (Why != RunOnce::No &&
      !((Why == RunOnce::TestProgram || Why == RunOnce::ExampleProgram) &&
        State))
    return Why;
  bool InTimingLoop = false;
  const Stmt *Prev = &S;
  for (const Stmt *P = ParentOf(&S); P; Prev = P, P = ParentOf(P)) {
    if (isa<LambdaExpr>(P))
      break; // the lambda runs when it is called
    if (isa<CXXCatchStmt>(P))
      return RunOnce::CatchHandler;
    if (!State)
      continue;
    // `for (auto _ : state)` / `while (state.KeepRunning())`.
    if (const auto *R = dyn_cast<CXXForRangeStmt>(P))
      InTimingLoop |=
          R->getBody() == Prev && analyses::mentions(R->getRangeInit(), State);
    if (const auto *W = dyn_cast<WhileStmt>(P))
      InTimingLoop |=
          W->getBody() == Prev && analyses::mentions(W->getCond(), State);
  }
  if (State)
    return InTimingLoop ? RunOnce::No : RunOnce::BenchmarkSetup;
  if (const auto *F = dyn_cast_or_null<FunctionDecl>(FD))
    if (onlyUsedByRunOnceCode(*F))
      return RunOnce::OnlyCalledOnce;
  return RunOnce::No;
}

namespace {
std::mutex HeldBackMu;
std::vector<HeldBackFinding> &heldBack() {
  static std::vector<HeldBackFinding> Findings;
  return Findings;
}
} // namespace

std::vector<HeldBackFinding> takeHeldBackFindings() {
  std::lock_guard<std::mutex> Lock(HeldBackMu);
  std::vector<HeldBackFinding> Out;
  Out.swap(heldBack());
  return Out;
}

void RunOnceFilter::watch(const SourceManager &SM, Preprocessor *PP) const {
  // Without the test-file rule the include graph is not needed, but the
  // example directories are (the index holds both).
  if (!Report && (TestFiles || !ExampleDirNames.empty()))
    watchTestCode(SM, PP, ExampleDirNames, TestFiles);
}

bool RunOnceFilter::holdBack(RunOnce Why, llvm::StringRef Check,
                             SourceLocation Loc,
                             const SourceManager &SM) const {
  if (Why == RunOnce::No || Report)
    return false;
  Loc = SM.getFileLoc(Loc);
  std::pair<FileID, unsigned> Pos = SM.getDecomposedLoc(Loc);
  OptionalFileEntryRef File = SM.getFileEntryRefForID(Pos.first);
  std::lock_guard<std::mutex> Lock(HeldBackMu);
  heldBack().push_back(
      {Check.str(), File ? File->getName().str() : "", Pos.second, Why});
  return true;
}

} // namespace clang::tidy::hotpath::relevance
