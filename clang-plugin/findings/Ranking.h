//===--- Ranking.h - hotpath standalone tool ------------------------------===//
//
// The profile side of a run (--profile): reading the profile once before the
// analysis, ordering the findings hottest first, --min-share, and the
// summary line that says what share of the profile the flagged code holds.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_STANDALONE_RANKING_H
#define HOTPATH_STANDALONE_RANKING_H

#include "../../profile/Profile.h"
#include "findings/Findings.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>
#include <string>
#include <vector>

namespace clang::tidy::hotpath::findings {

/// Reads the profile (through the process-wide cache the checks use too),
/// printing its warnings. Null and an error line when it cannot be read.
std::shared_ptr<const ::hotpath::profile::Profile>
loadProfile(const std::string &Path, const std::vector<std::string> &Binaries,
            bool Quiet);

/// Hottest first (share, then executions), findings the profile does not
/// cover after the measured ones, cold ones last; location breaks ties.
void sortByHotness(std::vector<Finding> &Findings);

/// Drops findings below \p Percent of the profile's total (including those
/// the profile does not cover). Returns how many were dropped.
size_t dropBelowShare(std::vector<Finding> &Findings, double Percent);

/// "hotpath: profile: <description>; the flagged code holds 41.3% of it
/// (N findings measured, M cold, K not covered)"; also says when the profile
/// covers none of \p AnalysedFiles (the TUs and the files of the findings).
void printProfileSummary(llvm::raw_ostream &OS,
                         const ::hotpath::profile::Profile &P,
                         const std::vector<Finding> &Findings,
                         const std::vector<std::string> &AnalysedFiles);

} // namespace clang::tidy::hotpath::findings

#endif
