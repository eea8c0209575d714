//===--- ContainerInLoopCheck.cpp - hotpath -------------------------------===//

#include "ContainerInLoopCheck.h"
#include "utils/Containers.h"
#include "utils/NodeFilters.h"
#include "utils/OptionList.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::hotpath {

static utils::UsageVocabulary fillVocabulary(StringRef Raw) {
  utils::UsageVocabulary V;
  V.FillFunctions.clear();
  for (StringRef N : utils::splitOptionList(Raw))
    V.FillFunctions.push_back(N.str());
  return V;
}

ContainerInLoopCheck::ContainerInLoopCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      RawContainerTypes(
          Options.get("ContainerTypes", utils::KeepsCapacityContainerTypes)),
      RawFillFunctions(Options.get("FillFunctions", "::std::getline")),
      ContainerTypes(utils::splitOptionList(RawContainerTypes)),
      Usage(fillVocabulary(RawFillFunctions)), RunOnceCode(Options),
      Hot(Options, Context) {}

void ContainerInLoopCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  RunOnceCode.store(Options, Opts);
  Options.store(Opts, "ContainerTypes", RawContainerTypes);
  Options.store(Opts, "FillFunctions", RawFillFunctions);
}

void ContainerInLoopCheck::onStartOfTranslationUnit() {
  Reported.clear();
  Usage.clear();
}

void ContainerInLoopCheck::registerMatchers(MatchFinder *Finder) {
  auto Container = qualType(hasUnqualifiedDesugaredType(
      recordType(hasDeclaration(cxxRecordDecl(hasAnyName(ContainerTypes))))));
  Finder->addMatcher(varDecl(utils::isUserLocalVariable(),
                             utils::typeIsRecordNamedOneOf(
                                 utils::lastNameComponents(ContainerTypes)),
                             hasType(Container))
                         .bind("var"),
                     this);
}

void ContainerInLoopCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const auto *Var = Result.Nodes.getNodeAs<VarDecl>("var");
  if (!Var || !Var->isLocalVarDecl() || Var->isStaticLocal() ||
      Var->getType()->isDependentType() || utils::isInInstantiation(*Var) ||
      !utils::isEmptyConstruction(Var->getInit()))
    return;
  const Stmt *Body = utils::enclosingBody(*Var);
  if (!Body)
    return;
  const utils::FunctionUsage &FU = Usage.get(*Body, Ctx);
  const DeclStmt *DS = FU.declStmtOf(Var);
  if (!DS)
    return;
  auto Loops = FU.loopsAround(*DS);
  if (Loops.empty())
    return;
  // A loop that runs once (`do { ... } while (false)`) is no loop.
  if (const auto *Do = dyn_cast<DoStmt>(Loops.front())) {
    bool Value = true;
    if (Do->getCond()->EvaluateAsBooleanCondition(Value, Ctx) && !Value)
      return;
  }
  const utils::VarUses &Uses = FU.uses(Var);
  // Filled by a growth call, or handed to a function by non-const
  // reference to be filled (`fill(tmp)`): the callee grows the buffer that
  // dies at the end of the iteration. An escape other than such a call (an
  // address taken, a reference stored) may keep it alive: not reported.
  bool Filled = Uses.has(utils::UseFill | utils::UseRefArg);
  bool OtherEscape = llvm::any_of(Uses.Uses, [](const utils::VarUse &U) {
    return (U.Kinds & utils::UseEscape) && !(U.Kinds & utils::UseRefArg);
  });
  if (!Filled || OtherEscape ||
      Uses.has(utils::UseMove | utils::UseReturn | utils::UseCopy))
    return;
  SourceLocation Loc = Ctx.getSourceManager().getFileLoc(Var->getLocation());
  if (RunOnceCode.holdBack(
          utils::runOnceAt(*DS, cast<Decl>(Var->getParentFunctionOrMethod()),
                           [&FU](const Stmt *C) { return FU.parentOf(C); }),
          getID(), Loc, Ctx.getSourceManager()) ||
      !Reported.first(Loc))
    return;
  std::optional<utils::Hot> H =
      Hot.ofLoop(Loops.front(), Loc, Ctx.getSourceManager());
  diag(Loc, "%0 is created empty on every iteration of the loop, filled, and "
            "destroyed at its end: its buffer is allocated again (and grown "
            "again) each time; declare it before the loop and clear() it at "
            "the start of each iteration to keep its capacity%1")
      << Var << Hot.text(H);
  diag(Loops.front()->getBeginLoc(), "the loop is here", DiagnosticIDs::Note);
  Hot.note(*this, Loc, H);
}

} // namespace clang::tidy::hotpath
