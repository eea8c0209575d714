//===--- ProfileSites.h - hotpath report ------------------------*- C++ -*-===//
//
// `hotpath report --profile`: the export files were written during the
// build, before any profile existed; their findings carry sites in their
// data (support/FindingData.h, relevance/Hotness.h: what each one measures).
// Here each site is measured in the profile exactly as a check would have
// measured it, and the finding gets the same message suffix and figures as
// in a run with the profile.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_REPORT_PROFILESITES_H
#define HOTPATH_REPORT_PROFILESITES_H

#include "../../profile/Profile.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"

namespace hotpath::report {

/// Measures \p E's site in \p P: appends the profile's figures to the
/// message and puts them in place of the site in its data.
void applyProfile(const profile::Profile &P, clang::tidy::ClangTidyError &E);

/// Removes \p E's site from its data (a report without a profile).
void dropSites(clang::tidy::ClangTidyError &E);

} // namespace hotpath::report

#endif
