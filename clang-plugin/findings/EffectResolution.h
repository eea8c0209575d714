//===--- EffectResolution.h - hotpath ---------------------------*- C++ -*-===//
//
// The cross-TU step of the effect summaries (checks/analyses/Effects.h):
// each translation unit sends its checks' summaries of the functions it
// defines, and the findings whose call leaves the TU as pending
// (support/EffectRecord.h). Once every TU's results are in (the tool's
// merge, `hotpath report` over the plugin's exports), a pending finding is
// completed from the summaries (its message's chain filled in, a note per
// hop) or dropped. The search is the one the TU ran, over every TU's call
// graph: breadth first from the call, so the shortest chain, within the
// finding's depth, each function once; so the result does not depend on the
// order the TUs came in.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CLANG_PLUGIN_FINDINGS_EFFECTRESOLUTION_H
#define HOTPATH_CLANG_PLUGIN_FINDINGS_EFFECTRESOLUTION_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "support/EffectRecord.h"
#include <map>
#include <optional>
#include <string>
#include <utility>
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
  size_t functions() const { return Summaries.size(); }

private:
  /// A completed chain: the hops from the pending call on, and the
  /// primitive of the last function (pointers into Summaries).
  struct Chain {
    std::vector<const support::ChainStep *> Hops;
    const support::PrimitiveRecord *Primitive = nullptr;
  };
  std::optional<Chain> search(const std::string &Check,
                              const support::PendingRecord &P);

  /// (check, mangled name) -> the summary kept for it.
  std::map<std::pair<std::string, std::string>, support::FunctionRecord>
      Summaries;
  std::vector<ClangTidyError> Pending;
  size_t Unresolved = 0;
};

} // namespace clang::tidy::hotpath::findings

#endif // HOTPATH_CLANG_PLUGIN_FINDINGS_EFFECTRESOLUTION_H
