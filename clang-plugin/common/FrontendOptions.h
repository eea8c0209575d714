//===--- FrontendOptions.h - hotpath --------------------------------------===//
//
// One builder from a front-end's settings (the hotpath tool's command line,
// the compiler plugin's -fplugin-arg-hotpath-* arguments, hotpath-clangd's
// rule for the checks) to the clang-tidy options that override a project's
// .clang-tidy: the checks, the global options of support/Contract.h, the
// header filter. The front-ends differ
// in where the settings come from, not in what they mean.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CLANG_PLUGIN_COMMON_FRONTENDOPTIONS_H
#define HOTPATH_CLANG_PLUGIN_COMMON_FRONTENDOPTIONS_H

#include "clang-tidy/ClangTidyOptions.h"
#include <optional>
#include <string>
#include <vector>

namespace hotpath::common {

struct FrontendSettings {
  std::optional<std::string> Checks, WarningsAsErrors, HeaderFilter;
  /// The profile and its instrumented binaries; empty: none.
  std::string Profile;
  std::vector<std::string> ProfileBinaries;
  /// Measured findings carry their figures as a note (the tool, the
  /// plugin's export); without a profile, what to measure (the export).
  bool HotnessNotes = false, HotnessSites = false;
  /// Report findings only to veto a fix, for a merge (the tool, the export).
  bool MergeVetoes = false;
  /// Effect summaries and pending findings, completed across TUs by a
  /// merge (the tool, the export).
  bool EffectSummaries = false;
  /// Report findings in code that runs once too.
  bool ReportRunOnce = false;
};

/// hotpath-clangd's settings: "hotpath-*" on beneath whatever \p Opts (the
/// project's configuration) says about hotpath: first when some glob names
/// hotpath ("-hotpath-struct-padding"), so that it refines it; last
/// otherwise, so that a "-*,bugprone-*" written for clang-tidy does not
/// turn it off.
void enableBeneath(clang::tidy::ClangTidyOptions &Opts);

/// hotpath-clangd follows calls into other files through the summaries the
/// last `hotpath check` saved ("auto"), unless the configuration names a
/// file (or "" for none).
void followSavedSummaries(clang::tidy::ClangTidyOptions &Opts);

/// Writes \p S into \p Override. The static analyzer's checks, the only
/// others linked in, stay off whatever a project's .clang-tidy enables: not
/// what hotpath is run for (zeromq's build under the plugin: 2.7x).
void applySettings(const FrontendSettings &S,
                   clang::tidy::ClangTidyOptions &Override);

} // namespace hotpath::common

#endif // HOTPATH_CLANG_PLUGIN_COMMON_FRONTENDOPTIONS_H
