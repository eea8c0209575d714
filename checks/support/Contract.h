//===--- Contract.h - hotpath ---------------------------------------------===//
//
// What the checks and the front-ends (the clang-tidy module, the compiler
// plugin, the hotpath tool, hotpath-clangd) agree on, in one place: the
// global options a front-end sets for every check, and the markers a
// finding carries for the tool's merge and ranking. Header-only and free of
// clang-tidy, so that any front-end file may include it.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_SUPPORT_CONTRACT_H
#define HOTPATH_CHECKS_SUPPORT_CONTRACT_H

#include "llvm/ADT/StringRef.h"

namespace clang::tidy::hotpath::support {

// ---- Global options (CheckOptions keys read with getLocalOrGlobal).

/// The profile that measures each finding (relevance/Hotness.h), and the
/// instrumented binaries of a .profdata (';'-separated).
inline constexpr llvm::StringLiteral ProfileOption = "HotpathProfile";
inline constexpr llvm::StringLiteral ProfileBinariesOption =
    "HotpathProfileBinaries";
/// Set by the tool and the plugin: a measured finding carries its figures
/// in its data (support/FindingData.h).
inline constexpr llvm::StringLiteral HotnessNotesOption = "HotpathHotnessNotes";
/// Set by the plugin's export: without a profile, a finding carries *what*
/// to measure in its data, so that `hotpath report --profile` measures
/// it later as a run with the profile would have.
inline constexpr llvm::StringLiteral HotnessSitesOption = "HotpathHotnessSites";
/// Report findings in code that runs once too (docs/run-once.md).
inline constexpr llvm::StringLiteral ReportRunOnceOption =
    "HotpathReportRunOnceCode";
/// False: only test bodies are test code, not the rest of the files that
/// include a test framework (tests written beside production code).
inline constexpr llvm::StringLiteral TestProgramFilesOption =
    "HotpathTestProgramFiles";
/// Directory names (';'-separated, any case) that hold example programs;
/// empty: none.
inline constexpr llvm::StringLiteral ExampleDirectoriesOption =
    "HotpathExampleDirectories";
/// Set by the tool only, which merges one header's findings from several
/// translation units: a file whose own code forbids a fix reports the
/// finding anyway, marked veto-only in its data (support/FixScope.h).
inline constexpr llvm::StringLiteral MergeVetoesOption = "HotpathMergeVetoes";
/// Set by the tool and the plugin's export, which merge every TU's results:
/// the checks that see through calls summarise the functions each TU
/// defines and report a finding that waits on another TU's function as
/// pending (support/EffectRecord.h); the merge completes it or drops it.
inline constexpr llvm::StringLiteral EffectSummariesOption =
    "HotpathEffectSummaries";
/// Where a front-end without that merge finds the summaries a previous
/// `hotpath check` saved (support/SavedSummaries.h): a path, "auto" (beside
/// the compile database above the file; hotpath-clangd's default) or ""
/// (none; clang-tidy's and the plugin's default).
inline constexpr llvm::StringLiteral SavedSummariesOption =
    "HotpathSavedSummaries";

// ---- What a finding's notes carry.

/// The one note for the front-ends rather than people: this prefix and a
/// JSON object (support/FindingData.h).
inline constexpr llvm::StringLiteral DataNotePrefix = "hotpath-data: ";
/// In the note (for people) of a finding whose fix this translation unit
/// cannot judge; the merge reads FindingData::FixNotVisible.
inline constexpr llvm::StringLiteral NotVisibleHere =
    "cannot be checked from this translation unit";

} // namespace clang::tidy::hotpath::support

#endif // HOTPATH_CHECKS_SUPPORT_CONTRACT_H
