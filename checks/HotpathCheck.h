//===--- HotpathCheck.h - hotpath -------------------------------*- C++ -*-===//
//
// The base of every hotpath check: the chassis each check would otherwise
// wire by hand (the run-once filter and its options, report-once per source
// location, the hotness service, a cache of function-body walks, the
// start-of-translation-unit reset) and the one path a finding takes to the
// user, in a fixed order:
//
//   hold back (run-once code) -> report once -> measure -> the diagnostic
//   -> the check's own notes -> "the loop is here" -> the finding's data
//   for the front-ends (support/FindingData.h).
//
// A check overrides registerMatchers and check (registerPPCallbacks too
// where it needs it, calling this class's first), registers its
// per-translation-unit state with clearEachTU, reads its options with
// Config.get (stored back without a storeOptions of its own), names the
// language it needs in the constructor and reports with report().
// The contributing guide says how a check is built: docs/contributing.md.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_HOTPATHCHECK_H
#define HOTPATH_CHECKS_HOTPATHCHECK_H

#include "analyses/Effects.h"
#include "analyses/VarUsage.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "relevance/Hotness.h"
#include "relevance/RunOnce.h"
#include "support/DeclaredOptions.h"
#include "support/EffectSink.h"
#include "support/ReportOnce.h"
#include "support/SavedSummaries.h"
#include <forward_list>
#include <functional>
#include <optional>
#include <string>

namespace clang::tidy::hotpath {

class HotpathCheck : public ClangTidyCheck {
public:
  /// What a check's matchers need of the language.
  enum class Needs { AnyLanguage, CPlusPlus, CPlusPlus11 };

  HotpathCheck(StringRef Name, ClangTidyContext *Context,
               Needs Language = Needs::CPlusPlus);

  /// Every option read through Config (the run-once filter's included).
  void storeOptions(ClangTidyOptions::OptionMap &Opts) final;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const final;
  /// Test and example programs are known by their includes (utils/TestCode).
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  /// Forgets the last translation unit: reported locations, walks, and
  /// the state a check registered with clearEachTU().
  void onStartOfTranslationUnit() override;
  /// Under HotpathEffectSummaries, hands the summaries registered with
  /// summariseEffects() to the thread's sink (support/EffectSink.h); a
  /// check that overrides it calls it before clearing its state.
  void onEndOfTranslationUnit() override;

protected:
  /// One finding being reported: what report() hands the check's emitter.
  class Finding {
  public:
    Finding(const Finding &) = delete;
    Finding &operator=(const Finding &) = delete;

    /// The finding's warning at its location. Its message ends with the
    /// hotness text: stream hotText() as the last argument.
    DiagnosticBuilder diag(StringRef Message);
    /// " [profile: ...]" for the end of the message ("" without a profile);
    /// \p Per multiplies one execution's cost out ("6,021,555 heap
    /// allocations").
    std::string hotText(relevance::PerExecution Per = {}) const;
    /// A note of the check's own, after the warning.
    DiagnosticBuilder note(SourceLocation Loc, StringRef Message);
    /// A note per hop of a chain through calls (analyses/Effects.h): where
    /// each function calls the next, and what the last one does.
    void noteChain(const analyses::EffectChain &C, const ASTContext &Ctx);
    /// The same for a chain that may be missing: a pending finding's
    /// chain, completed by the merge, takes the notes' place here.
    /// With saved summaries (support/SavedSummaries.h) the chain completed
    /// from them.
    void noteChain(const analyses::EffectChain *C, const ASTContext &Ctx);
    /// \p Text with a pending finding's placeholders filled in when the
    /// saved summaries completed it (else as it is, for the merge).
    std::string filled(std::string Text) const {
      return Completed ? Completed->fill(std::move(Text)) : Text;
    }
    /// "the loop is here" at \p Loop, after the check's own notes.
    void noteLoop(const Stmt *Loop) { LoopAt = Loop; }
    /// The fix is declined for code this translation unit cannot see (say
    /// why in a note with support::NotVisibleHere): a merge takes the fix
    /// from a unit that could judge it (support/FixScope.h).
    void fixNotVisible() { Data.FixNotVisible = true; }
    /// The finding is reported only to decline a fix another file offers
    /// (under HotpathMergeVetoes); the merge drops it.
    void vetoOnly() { Data.VetoOnly = true; }
    const std::optional<relevance::Hot> &hot() const { return H; }
    /// The finding waits on functions other translation units define:
    /// its message says the chain with support::WhatPlaceholder and
    /// support::ChainPlaceholder, and the merge completes it.
    void pending(support::PendingRecord R) { Data.Pending = std::move(R); }

  private:
    friend class HotpathCheck;
    Finding(HotpathCheck &Check, SourceLocation Loc,
            std::optional<relevance::Hot> H)
        : Check(Check), Loc(Loc), H(std::move(H)) {}
    /// The loop note, then the data note.
    void finish();

    HotpathCheck &Check;
    SourceLocation Loc;
    std::optional<relevance::Hot> H;
    const Stmt *LoopAt = nullptr;
    unsigned Notes = 0; ///< the check's own notes so far
    /// What hotText() multiplied out: the site of a run without a profile
    /// carries it to `hotpath report --profile`.
    mutable relevance::PerExecution Per;
    /// For the front-ends: sent as the last note (support/FindingData.h).
    support::FindingData Data;
    /// A pending finding's chain, from the saved summaries.
    std::optional<support::CompletedChain> Completed;
  };

  /// Reports one finding at \p Loc (a file location), unless the code runs
  /// once (\p Why, counted as held back) or \p Loc was reported already:
  /// then \p Measure() (the profile's figures, or std::nullopt) and
  /// \p Emit(Finding &), which builds the warning and the check's notes.
  /// True when the finding was reported.
  /// With \p Pending, the finding waits on other translation units
  /// (Finding::pending); in run-once code it is dropped, not counted, as
  /// the merge may never complete it. Without a merge, the saved
  /// summaries complete it now, or it is dropped.
  template <typename MeasureFn, typename EmitFn>
  bool report(SourceLocation Loc, relevance::RunOnce Why,
              const SourceManager &SM, MeasureFn &&Measure, EmitFn &&Emit,
              const std::optional<support::PendingRecord> &Pending = {}) {
    if (Pending && Why != relevance::RunOnce::No && !RunOnceCode.reportsAll())
      return false;
    std::optional<support::CompletedChain> Completed;
    if (Pending && !recordsEffects() &&
        !(Completed = completeFromSaved(*Pending, SM)))
      return false;
    if (!admit(Loc, Pending ? relevance::RunOnce::No : Why, SM))
      return false;
    Finding F(*this, Loc,
              Hot.active() ? std::optional<relevance::Hot>(Measure())
                           : std::nullopt);
    if (Completed)
      F.Completed = std::move(Completed);
    else if (Pending)
      F.pending(*Pending);
    Emit(F);
    F.finish();
    return true;
  }

  /// The first two steps alone: false when the finding at \p Loc is held
  /// back as run-once code (and counted) or was reported already.
  bool admit(SourceLocation Loc, relevance::RunOnce Why,
             const SourceManager &SM);

  /// Registers state that lives for one translation unit: each is
  /// clear()ed at the start of the next, so that a check keeps no
  /// onStartOfTranslationUnit of its own for it.
  template <typename... T> void clearEachTU(T &...State) {
    (Resets.push_back([&State] { State.clear(); }), ...);
  }

  /// From registerMatchers: \p E's summaries of the functions each TU
  /// defines go to the front-end at the end of the TU, under
  /// HotpathEffectSummaries (support/EffectRecord.h).
  void summariseEffects(ast_matchers::MatchFinder *Finder,
                        analyses::EffectSummaries &E);
  /// True under HotpathEffectSummaries: a finding whose call leaves the
  /// TU may be reported pending (EffectSummaries::pendingOfCall).
  bool recordsEffects() const {
    return RecordEffects && support::currentEffectSink();
  }
  /// True when a call that leaves the TU may still be a finding: under
  /// recordsEffects(), or with saved summaries to complete it from.
  bool followsOtherUnits() const {
    return recordsEffects() || !SavedSummaries.empty();
  }
  /// The TU's context once summariseEffects() saw it (null before).
  ASTContext *unitContext() const { return Unit.Ctx; }

  /// A ';'-separated option of qualified names or globs ("::log::*"), each
  /// compiled; one that is not a valid glob is left out and said
  /// (clang-tidy's configuration error), the others still apply. With
  /// \p Qualify, "log::write" means "::log::write".
  std::vector<llvm::GlobPattern> globList(StringRef Option, StringRef Default,
                                          bool Qualify = false);

  /// Measures \p Loops' innermost loop, else function \p FD (nullptr: none).
  std::optional<relevance::Hot>
  measureLoopOrFunction(llvm::ArrayRef<const Stmt *> Loops,
                        const FunctionDecl *FD, SourceLocation Loc,
                        const SourceManager &SM) const;

  /// The check's options: read once, written back by storeOptions().
  support::DeclaredOptions Config;
  relevance::RunOnceFilter RunOnceCode;
  relevance::Hotness Hot;
  /// Set by the hotpath tool and the plugin, which merge findings from
  /// several translation units (support/FixScope.h).
  const bool MergeVetoes;
  /// Set by the same front-ends: summaries and pending findings.
  const bool RecordEffects;
  /// HotpathSavedSummaries: where a front-end without a merge finds them.
  const std::string SavedSummaries;
  /// Walks of function bodies, one per body and TU: the body index (parents,
  /// loops, the owning function) and, for the checks that ask about locals'
  /// uses, the same walk with each use classified.
  analyses::BodyIndexCache Bodies;
  analyses::UsageCache Usage;

private:
  /// Sees the translation unit, for the summaries at its end.
  class UnitSeen : public ast_matchers::MatchFinder::MatchCallback {
  public:
    void run(const ast_matchers::MatchFinder::MatchResult &R) override {
      Ctx = R.Context;
    }
    ASTContext *Ctx = nullptr;
  };

  /// The saved summaries' chain for \p P, leaving this TU's file out.
  std::optional<support::CompletedChain>
  completeFromSaved(const support::PendingRecord &P, const SourceManager &SM);

  Needs Language;
  /// This TU's saved summaries, looked up at its first pending finding.
  std::optional<std::shared_ptr<const support::LoadedSummaries>> Saved;
  std::vector<std::function<void()>> Resets;
  std::forward_list<std::string> GlobTexts; ///< what globList's patterns see
  support::ReportOnce Reported;
  UnitSeen Unit;
  std::vector<analyses::EffectSummaries *> Summarised;
};

} // namespace clang::tidy::hotpath

#endif // HOTPATH_CHECKS_HOTPATHCHECK_H
