//===--- Reporters.h - hotpath standalone tool ----------------------------===//
//
// The three output formats: clang-style text, JSON (one object per finding)
// and SARIF 2.1.0 for code-scanning services.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_STANDALONE_REPORTERS_H
#define HOTPATH_STANDALONE_REPORTERS_H

#include "common/FileUri.h"
#include "findings/Findings.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace clang::tidy::hotpath::findings {

struct SarifSettings {
  std::string BaseDir;    // results under it get relative URIs (SRCROOT)
  std::string DocBaseUri; // helpUri = DocBaseUri + <check>.md
  std::vector<std::string> Rules; // every enabled check, in order
};

/// \p ShowIds: " [hp-...]" after the check name (`hotpath verify --only`).
void writeText(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
               LineTable &Lines, bool ShowIds = false);
/// \p VetoOnly: findings a file reports only to decline a fix, marked
/// "veto_only" (a shard's output, for `hotpath report` to merge).
void writeJson(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
               const std::vector<Finding> &VetoOnly = {});
void writeSarif(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
                const SarifSettings &Settings);

using ::hotpath::common::fileUri;

} // namespace clang::tidy::hotpath::findings

#endif
