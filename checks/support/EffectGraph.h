//===--- EffectGraph.h - hotpath --------------------------------*- C++ -*-===//
//
// Every translation unit's effect summaries joined into one call graph
// (support/EffectRecord.h), and the search that completes a finding waiting
// on it: breadth first from the pending call, so the shortest chain, within
// the finding's depth, each function once, at most 4,096 functions visited.
// The step that merges per-TU results runs it over this run's TUs
// (clang-plugin/findings/EffectResolution.h); a front-end that sees one TU
// at a time runs it over the summaries a previous run saved
// (support/SavedSummaries.h). One search, so both give the same chain.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_SUPPORT_EFFECTGRAPH_H
#define HOTPATH_CHECKS_SUPPORT_EFFECTGRAPH_H

#include "support/EffectRecord.h"
#include "llvm/ADT/StringRef.h"
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::hotpath::support {

/// A completed chain: the hops from the pending call on (the call itself
/// first) and the primitive of the last function.
struct CompletedChain {
  std::vector<ChainStep> Hops;
  PrimitiveRecord Primitive;

  /// "relay -> Logger::write -> fwrite", as a chain found in one TU.
  std::string line() const;
  /// The chain's notes as a chain found in one TU has them: where each
  /// function calls the next, then what the last one does.
  std::vector<std::pair<ChainStep, std::string>> notes() const;
  /// \p Text with the placeholders of a pending finding filled in.
  std::string fill(std::string Text) const;
};

class EffectGraph {
public:
  /// A TU's records for \p Check. \p Origin names where they came from
  /// (a search may leave one origin out); of two records of one function
  /// one is kept whatever order they came in.
  void add(llvm::StringRef Check, std::vector<FunctionRecord> Records,
           unsigned Origin = 0);
  /// The chain that completes \p P for \p Check, not going through the
  /// records of \p SkipOrigin; std::nullopt when none does.
  std::optional<CompletedChain>
  search(llvm::StringRef Check, const PendingRecord &P,
         std::optional<unsigned> SkipOrigin = std::nullopt) const;
  size_t size() const { return Records.size(); }

private:
  struct Entry {
    FunctionRecord Record;
    unsigned Origin = 0;
  };
  /// (check, function) -> the record kept for it.
  std::map<std::pair<std::string, std::string>, Entry, std::less<>> Records;
};

} // namespace clang::tidy::hotpath::support

#endif // HOTPATH_CHECKS_SUPPORT_EFFECTGRAPH_H
