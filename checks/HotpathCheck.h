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
#include "support/ReportOnce.h"
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
    /// What hotText() multiplied out: the site of a run without a profile
    /// carries it to `hotpath report --profile`.
    mutable relevance::PerExecution Per;
    /// For the front-ends: sent as the last note (support/FindingData.h).
    support::FindingData Data;
  };

  /// Reports one finding at \p Loc (a file location), unless the code runs
  /// once (\p Why, counted as held back) or \p Loc was reported already:
  /// then \p Measure() (the profile's figures, or std::nullopt) and
  /// \p Emit(Finding &), which builds the warning and the check's notes.
  /// True when the finding was reported.
  template <typename MeasureFn, typename EmitFn>
  bool report(SourceLocation Loc, relevance::RunOnce Why,
              const SourceManager &SM, MeasureFn &&Measure, EmitFn &&Emit) {
    if (!admit(Loc, Why, SM))
      return false;
    Finding F(*this, Loc,
              Hot.active() ? std::optional<relevance::Hot>(Measure())
                           : std::nullopt);
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
  /// Walks of function bodies, one per body and TU: the body index (parents,
  /// loops, the owning function) and, for the checks that ask about locals'
  /// uses, the same walk with each use classified.
  analyses::BodyIndexCache Bodies;
  analyses::UsageCache Usage;

private:
  Needs Language;
  std::vector<std::function<void()>> Resets;
  support::ReportOnce Reported;
};

} // namespace clang::tidy::hotpath

#endif // HOTPATH_CHECKS_HOTPATHCHECK_H
