//===--- HotpathCheck.cpp - hotpath ---------------------------------------===//

#include "HotpathCheck.h"

namespace clang::tidy::hotpath {

HotpathCheck::HotpathCheck(StringRef Name, ClangTidyContext *Context,
                           Needs Language)
    : ClangTidyCheck(Name, Context), Config(Options), RunOnceCode(Config),
      Hot(Options, Context),
      MergeVetoes(Options.getLocalOrGlobal(support::MergeVetoesOption, false)),
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
  return Check.diag(At, Message, DiagnosticIDs::Note);
}

void HotpathCheck::Finding::noteChain(const analyses::EffectChain &C,
                                      const ASTContext &Ctx) {
  for (const auto &[At, Text] : analyses::chainNotes(C, Ctx))
    note(At, "%0") << Text;
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
