//===--- FindingMerge.cpp - hotpath standalone tool -----------------------===//

#include "findings/FindingMerge.h"
#include "findings/FindingData.h"
#include "findings/Findings.h"
#include "support/FixScope.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

namespace clang::tidy::hotpath::findings {

namespace {

// How a translation unit stands on a finding's fix: 2 declines it for a
// reason of its own, 1 offers it, 0 could not see enough to judge.
int fixStanding(const ClangTidyError &E) {
  if (!E.Message.Fix.empty())
    return 1;
  return findingData(E).FixNotVisible ? 0 : 2;
}

// Everything a duplicate can differ in, in an order of its own (the fix's
// files come from a StringMap, ordered by the paths' hashes).
std::string contentKey(const ClangTidyError &E) {
  std::string Key = E.Message.Message;
  for (const tooling::DiagnosticMessage &N : E.Notes)
    Key += "\n" + N.FilePath + ":" + std::to_string(N.FileOffset) + ":" +
           N.Message;
  std::vector<std::string> Edits;
  for (const auto &FileAndReps : E.Message.Fix)
    for (const tooling::Replacement &R : FileAndReps.second)
      Edits.push_back(
          R.getFilePath().str() + ":" + std::to_string(R.getOffset()) + ":" +
          std::to_string(R.getLength()) + ":" + R.getReplacementText().str());
  llvm::sort(Edits);
  for (const std::string &Ed : Edits)
    Key += "\n" + Ed;
  return Key;
}

} // namespace

void FindingMerge::add(std::vector<ClangTidyError> &&Errors) {
  for (ClangTidyError &E : Errors) {
    bool VetoOnly = findingData(E).VetoOnly;
    auto [It, New] = Keys.emplace(findingKey(E), Unique.size());
    if (New) {
      Unique.push_back(std::move(E));
      Reported.push_back(!VetoOnly);
      continue;
    }
    Reported[It->second] = Reported[It->second] || !VetoOnly;
    // A TU that declines the fix for a reason of its own (a braced
    // initialisation there) wins; then one that offers the fix, over one
    // that could not see enough to judge it; then the TU that says more.
    // The last tie-break compares the findings' contents, so the TUs' order
    // (the database's, or the export files' names) never decides.
    ClangTidyError &Kept = Unique[It->second];
    auto Rank = [](const ClangTidyError &X) {
      return std::make_tuple(fixStanding(X), X.Message.Message.size(),
                             X.Notes.size());
    };
    auto RankE = Rank(E), RankKept = Rank(Kept);
    if (RankE > RankKept ||
        (RankE == RankKept && contentKey(E) < contentKey(Kept)))
      Kept = std::move(E);
  }
}

std::vector<ClangTidyError> FindingMerge::take() {
  // Findings no file reports for real go; the rest lose the veto mark.
  std::vector<ClangTidyError> Shown;
  VetoOnlyFindings.clear();
  for (size_t I = 0; I < Unique.size(); ++I) {
    if (!Reported[I]) {
      VetoOnlyFindings.push_back(std::move(Unique[I]));
      continue;
    }
    support::FindingData D = findingData(Unique[I]);
    if (D.VetoOnly) {
      D.VetoOnly = false;
      setFindingData(Unique[I], D);
    }
    Shown.push_back(std::move(Unique[I]));
  }
  // Keys are unique, so the order is total and the output deterministic.
  std::sort(Shown.begin(), Shown.end(),
            [](const ClangTidyError &A, const ClangTidyError &B) {
              return std::tie(A.Message.FilePath, A.Message.FileOffset,
                              A.DiagnosticName) < std::tie(B.Message.FilePath,
                                                           B.Message.FileOffset,
                                                           B.DiagnosticName);
            });
  Unique.clear();
  Keys.clear();
  Reported.clear();
  return Shown;
}

} // namespace clang::tidy::hotpath::findings
