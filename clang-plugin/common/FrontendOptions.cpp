//===--- FrontendOptions.cpp - hotpath ------------------------------------===//

#include "common/FrontendOptions.h"
#include "support/Contract.h"
#include "llvm/ADT/StringExtras.h"

namespace hotpath::common {

namespace support = clang::tidy::hotpath::support;
using clang::tidy::ClangTidyOptions;

// True when some glob of the list is about hotpath's checks ("-hotpath-*",
// "hotpath-missing-reserve"), not merely about every check ("-*").
static bool namesHotpath(llvm::StringRef Checks) {
  while (!Checks.empty()) {
    auto [Glob, Rest] = Checks.split(',');
    Checks = Rest;
    Glob = Glob.trim();
    Glob.consume_front("-");
    if (Glob.trim().starts_with("hotpath"))
      return true;
  }
  return false;
}

void enableBeneath(ClangTidyOptions &Opts) {
  std::string Checks = Opts.Checks.value_or("");
  if (Checks.empty())
    Opts.Checks = "hotpath-*";
  else if (namesHotpath(Checks))
    Opts.Checks = "hotpath-*," + Checks;
  else
    Opts.Checks = Checks + ",hotpath-*";
}

void followSavedSummaries(ClangTidyOptions &Opts) {
  Opts.CheckOptions.try_emplace(support::SavedSummariesOption,
                                ClangTidyOptions::ClangTidyValue("auto"));
}

void applySettings(const FrontendSettings &S, ClangTidyOptions &Override) {
  auto Set = [&](llvm::StringRef Key, llvm::StringRef Value) {
    Override.CheckOptions.insert_or_assign(
        Key, ClangTidyOptions::ClangTidyValue(Value));
  };
  if (S.Checks)
    Override.Checks = *S.Checks;
  Override.Checks = Override.Checks.value_or("") + ",-clang-analyzer-*";
  if (S.WarningsAsErrors)
    Override.WarningsAsErrors = *S.WarningsAsErrors;
  if (S.HeaderFilter)
    Override.HeaderFilterRegex = *S.HeaderFilter;
  if (!S.Profile.empty())
    Set(support::ProfileOption, S.Profile);
  if (!S.ProfileBinaries.empty())
    Set(support::ProfileBinariesOption, llvm::join(S.ProfileBinaries, ";"));
  if (S.HotnessNotes)
    Set(support::HotnessNotesOption, "true");
  if (S.HotnessSites)
    Set(support::HotnessSitesOption, "true");
  if (S.MergeVetoes)
    Set(support::MergeVetoesOption, "true");
  if (S.EffectSummaries)
    Set(support::EffectSummariesOption, "true");
  if (S.ReportRunOnce)
    Set(support::ReportRunOnceOption, "true");
}

} // namespace hotpath::common
