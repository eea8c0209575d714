//===--- EffectResolution.h - hotpath ---------------------------*- C++ -*-===//
//
// The cross-TU step of the effect summaries (checks/analyses/Effects.h):
// each translation unit sends its checks' summaries of the functions it
// defines, and the findings whose call leaves the TU as pending
// (support/EffectRecord.h). Once every TU's results are in (the tool's
// merge, `hotpath report` over the plugin's exports), a pending finding is
// completed from the summaries (its message's chain filled in, a note per
// hop) or dropped, by support/EffectGraph's search over every TU's call
// graph; the result does not depend on the order the TUs came in.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CLANG_PLUGIN_FINDINGS_EFFECTRESOLUTION_H
#define HOTPATH_CLANG_PLUGIN_FINDINGS_EFFECTRESOLUTION_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "support/EffectGraph.h"
#include <vector>

namespace clang::tidy::hotpath::findings {

/// True for what a TU sends for the resolution rather than as a finding:
/// its summaries, or a finding still waiting on other TUs.
bool awaitsResolution(const ClangTidyError &E);

class EffectResolution {
public:
  /// Takes the summaries and the pending findings out of one TU's results.
  void take(std::vector<ClangTidyError> &Errors);
  /// One TU's summaries for \p Check, as take() adds a carrier's.
  void addSummaries(llvm::StringRef Check,
                    std::vector<support::FunctionRecord> Records);
  /// The pending findings that the summaries complete, sorted by location;
  /// the others are dropped (counted by unresolved()).
  std::vector<ClangTidyError> resolve();
  size_t unresolved() const { return Unresolved; }
  size_t functions() const { return Graph.size(); }

private:
  support::EffectGraph Graph;
  std::vector<ClangTidyError> Pending;
  size_t Unresolved = 0;
};

} // namespace clang::tidy::hotpath::findings

#endif // HOTPATH_CLANG_PLUGIN_FINDINGS_EFFECTRESOLUTION_H
