//===--- EffectResolution.cpp - hotpath -----------------------------------===//

#include "findings/EffectResolution.h"
#include "findings/FindingData.h"
#include "findings/FindingsFile.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include <tuple>

namespace clang::tidy::hotpath::findings {

namespace {

tooling::DiagnosticMessage noteAt(const support::ChainStep &At,
                                  std::string Text) {
  tooling::DiagnosticMessage N;
  N.Message = std::move(Text);
  N.FilePath = At.File;
  N.FileOffset = At.Offset;
  return N;
}

} // namespace

bool awaitsResolution(const ClangTidyError &E) {
  support::FindingData D = findingData(E);
  return D.Pending || D.Summaries;
}

void EffectResolution::take(std::vector<ClangTidyError> &Errors) {
  llvm::erase_if(Errors, [&](ClangTidyError &E) {
    support::FindingData D = findingData(E);
    if (D.Summaries) {
      addSummaries(E.DiagnosticName, std::move(*D.Summaries));
      return true;
    }
    if (D.Pending) {
      Pending.push_back(std::move(E));
      return true;
    }
    return false;
  });
}

void EffectResolution::addSummaries(
    llvm::StringRef Check, std::vector<support::FunctionRecord> Records) {
  Graph.add(Check, std::move(Records));
}

std::vector<ClangTidyError> EffectResolution::resolve() {
  std::vector<ClangTidyError> Done;
  for (ClangTidyError &E : Pending) {
    support::FindingData D = takeFindingData(E);
    std::optional<support::CompletedChain> Found =
        Graph.search(E.DiagnosticName, *D.Pending);
    if (!Found) {
      ++Unresolved;
      continue;
    }
    E.Message.Message = Found->fill(std::move(E.Message.Message));
    std::vector<tooling::DiagnosticMessage> Notes;
    for (auto &[At, Text] : Found->notes())
      Notes.push_back(noteAt(At, std::move(Text)));
    size_t At = std::min<size_t>(D.Pending->NotesAt, E.Notes.size());
    E.Notes.insert(E.Notes.begin() + At, Notes.begin(), Notes.end());
    D.Pending.reset();
    setFindingData(E, D);
    makePathsAbsolute(E);
    Done.push_back(std::move(E));
  }
  Pending.clear();
  llvm::sort(Done, [](const ClangTidyError &A, const ClangTidyError &B) {
    return std::tie(A.Message.FilePath, A.Message.FileOffset,
                    A.DiagnosticName) <
           std::tie(B.Message.FilePath, B.Message.FileOffset, B.DiagnosticName);
  });
  return Done;
}

} // namespace clang::tidy::hotpath::findings
