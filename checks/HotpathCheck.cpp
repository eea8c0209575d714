//===--- HotpathCheck.cpp - hotpath ---------------------------------------===//

#include "HotpathCheck.h"
#include "support/EffectSink.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include <utility>

namespace clang::tidy::hotpath {

HotpathCheck::HotpathCheck(StringRef Name, ClangTidyContext *Context,
                           Needs Language)
    : ClangTidyCheck(Name, Context), Config(Options), RunOnceCode(Config),
      Hot(Options, Context),
      MergeVetoes(Options.getLocalOrGlobal(support::MergeVetoesOption, false)),
      RecordEffects(
          Options.getLocalOrGlobal(support::EffectSummariesOption, false)),
      Language(Language) {}

void HotpathCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Config.store(Opts);
}

bool HotpathCheck::isLanguageVersionSupported(
    const LangOptions &LangOpts) const {
  switch (Language) {
  case Needs::AnyLanguage:
    return true;
  case Needs::CPlusPlus:
    return LangOpts.CPlusPlus;
  case Needs::CPlusPlus11:
    return LangOpts.CPlusPlus11;
  }
  llvm_unreachable("unknown language requirement");
}

void HotpathCheck::registerPPCallbacks(const SourceManager &SM,
                                       Preprocessor *PP, Preprocessor *) {
  RunOnceCode.watch(SM, PP);
}

void HotpathCheck::onStartOfTranslationUnit() {
  Reported.clear();
  Bodies.clear();
  Usage.clear();
  for (const std::function<void()> &Reset : Resets)
    Reset();
}

void HotpathCheck::summariseEffects(ast_matchers::MatchFinder *Finder,
                                    analyses::EffectSummaries &E) {
  if (!RecordEffects)
    return;
  if (Summarised.empty())
    Finder->addMatcher(ast_matchers::translationUnitDecl(), &Unit);
  Summarised.push_back(&E);
}

void HotpathCheck::onEndOfTranslationUnit() {
  ASTContext *Ctx = Unit.Ctx;
  support::UnitSummaries *Sink = support::currentEffectSink();
  if (!Ctx || Summarised.empty() || !Sink)
    return;
  std::vector<support::FunctionRecord> Records;
  for (analyses::EffectSummaries *E : Summarised)
    for (support::FunctionRecord &R : E->records(*Ctx))
      Records.push_back(std::move(R));
  Unit.Ctx = nullptr;
  if (!Records.empty())
    Sink->emplace_back(getID().str(), std::move(Records));
}

bool HotpathCheck::admit(SourceLocation Loc, relevance::RunOnce Why,
                         const SourceManager &SM) {
  return !RunOnceCode.holdBack(Why, getID(), Loc, SM) && Reported.first(Loc);
}

std::optional<relevance::Hot>
HotpathCheck::measureLoopOrFunction(llvm::ArrayRef<const Stmt *> Loops,
                                    const FunctionDecl *FD, SourceLocation Loc,
                                    const SourceManager &SM) const {
  if (!Loops.empty())
    return Hot.ofLoop(Loops.front(), Loc, SM);
  if (FD)
    return Hot.ofFunction(FD, SM);
  return std::nullopt;
}

DiagnosticBuilder HotpathCheck::Finding::diag(StringRef Message) {
  return Check.diag(Loc, Message);
}

DiagnosticBuilder HotpathCheck::Finding::note(SourceLocation At,
                                              StringRef Message) {
  ++Notes;
  return Check.diag(At, Message, DiagnosticIDs::Note);
}

void HotpathCheck::Finding::noteChain(const analyses::EffectChain &C,
                                      const ASTContext &Ctx) {
  for (const auto &[At, Text] : analyses::chainNotes(C, Ctx))
    note(At, "%0") << Text;
}

void HotpathCheck::Finding::noteChain(const analyses::EffectChain *C,
                                      const ASTContext &Ctx) {
  if (C)
    noteChain(*C, Ctx);
  else if (Data.Pending)
    Data.Pending->NotesAt = Notes;
}

std::string
HotpathCheck::Finding::hotText(relevance::PerExecution PerExec) const {
  Per = PerExec;
  return Check.Hot.text(H, PerExec);
}

void HotpathCheck::Finding::finish() {
  if (LoopAt)
    Check.diag(LoopAt->getBeginLoc(), "the loop is here", DiagnosticIDs::Note);
  Check.Hot.describe(H, Per, Data);
  // Only a front-end that merges reads these (support/FixScope.h).
  if (!Check.MergeVetoes)
    Data.FixNotVisible = Data.VetoOnly = false;
  if (!Data.empty())
    Check.diag(Loc, "%0", DiagnosticIDs::Note) << support::dataNote(Data);
}

} // namespace clang::tidy::hotpath
