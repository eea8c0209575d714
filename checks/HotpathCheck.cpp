//===--- HotpathCheck.cpp - hotpath ---------------------------------------===//

#include "HotpathCheck.h"
#include "support/EffectSink.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <utility>

namespace clang::tidy::hotpath {

HotpathCheck::HotpathCheck(StringRef Name, ClangTidyContext *Context,
                           Needs Language)
    : ClangTidyCheck(Name, Context), Config(Options), RunOnceCode(Config),
      Hot(Options, Context),
      MergeVetoes(Options.getLocalOrGlobal(support::MergeVetoesOption, false)),
      RecordEffects(
          Options.getLocalOrGlobal(support::EffectSummariesOption, false)),
      SavedSummaries(
          Options.getLocalOrGlobal(support::SavedSummariesOption, "")),
      Language(Language) {}

namespace {

// A place in another TU's file: the source manager loads the file for the
// note's sake; invalid when it cannot (the note is left out).
SourceLocation locate(const support::ChainStep &At, const SourceManager &SM) {
  auto &Mutable = const_cast<SourceManager &>(SM);
  OptionalFileEntryRef File =
      Mutable.getFileManager().getOptionalFileRef(At.File);
  if (!File)
    return {};
  FileID FID = Mutable.getOrCreateFileID(*File, SrcMgr::C_User);
  std::optional<llvm::MemoryBufferRef> Buffer = SM.getBufferOrNone(FID);
  if (!Buffer || At.Offset > Buffer->getBufferSize())
    return {};
  return SM.getComposedLoc(FID, At.Offset);
}

std::string mainFilePath(const SourceManager &SM) {
  OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
  if (!Main)
    return "";
  llvm::SmallString<256> Path = Main->getName();
  llvm::sys::fs::make_absolute(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

} // namespace

std::optional<support::CompletedChain>
HotpathCheck::completeFromSaved(const support::PendingRecord &P,
                                const SourceManager &SM) {
  if (SavedSummaries.empty())
    return std::nullopt;
  std::string Main = mainFilePath(SM);
  if (!Saved)
    Saved = support::savedSummariesFor(Main, SavedSummaries);
  if (!*Saved)
    return std::nullopt;
  const support::LoadedSummaries &L = **Saved;
  auto Own = L.OriginOf.find(Main);
  return L.Graph.search(getID(), P,
                        Own == L.OriginOf.end()
                            ? std::nullopt
                            : std::optional<unsigned>(Own->second));
}

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
  Saved.reset();
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

std::vector<llvm::GlobPattern>
HotpathCheck::globList(StringRef Option, StringRef Default, bool Qualify) {
  std::vector<llvm::GlobPattern> Globs;
  for (StringRef Text : Config.getList(Option, Default)) {
    // A pattern refers to its text: the option's, or a qualified copy kept
    // as long as the check.
    StringRef Name = Text;
    if (Qualify && !Text.starts_with("::") && !Text.starts_with("*"))
      Name = GlobTexts.emplace_front("::" + Text.str());
    llvm::Expected<llvm::GlobPattern> G = llvm::GlobPattern::create(Name);
    if (G) {
      Globs.push_back(std::move(*G));
      continue;
    }
    configurationDiag("%0.%1: '%2' is not a valid glob (%3); it is ignored")
        << getID() << Option << Text << llvm::toString(G.takeError());
  }
  return Globs;
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
  else if (Completed)
    for (const auto &[At, Text] : Completed->notes()) {
      SourceLocation Loc = locate(At, Ctx.getSourceManager());
      if (Loc.isValid())
        note(Loc, "%0") << Text;
    }
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
