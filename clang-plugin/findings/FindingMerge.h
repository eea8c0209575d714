//===--- FindingMerge.h - hotpath standalone tool ---------------*- C++ -*-===//
//
// One finding per source location out of the findings of every translation
// unit: a header's record is seen from each file that includes it. Which
// copy is kept decides the fix (support/FixScope.h): a file that declines it
// for a reason of its own wins, then one that offers it, over one that could
// not see enough to judge; a finding that files report only to veto a fix
// is dropped.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_STANDALONE_FINDINGMERGE_H
#define HOTPATH_STANDALONE_FINDINGMERGE_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include <map>
#include <string>
#include <vector>

namespace clang::tidy::hotpath::findings {

class FindingMerge {
public:
  /// One translation unit's findings.
  void add(std::vector<ClangTidyError> &&Errors);
  /// The merged findings, sorted by file, offset and check.
  std::vector<ClangTidyError> take();
  /// After take(): the findings no file reported for real, with their veto
  /// notes (a shard hands them on to `hotpath report`).
  std::vector<ClangTidyError> takeVetoOnly() {
    return std::move(VetoOnlyFindings);
  }

private:
  std::vector<ClangTidyError> Unique;
  std::map<std::string, size_t> Keys; // finding key -> index in Unique
  /// By index in Unique: some file reports it for real, not only to veto.
  std::vector<bool> Reported;
  std::vector<ClangTidyError> VetoOnlyFindings;
};

} // namespace clang::tidy::hotpath::findings

#endif
