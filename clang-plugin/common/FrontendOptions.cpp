//===--- FrontendOptions.cpp - hotpath ------------------------------------===//

#include "common/FrontendOptions.h"
#include "support/Contract.h"
#include "llvm/ADT/StringExtras.h"

namespace hotpath::common {

namespace support = clang::tidy::hotpath::support;
using clang::tidy::ClangTidyOptions;

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
  if (S.ReportRunOnce)
    Set(support::ReportRunOnceOption, "true");
}

} // namespace hotpath::common
