//===--- FindingData.cpp - hotpath ----------------------------------------===//

#include "findings/FindingData.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::hotpath::findings {

bool isDataNote(const tooling::DiagnosticMessage &N) {
  return llvm::StringRef(N.Message).starts_with(support::DataNotePrefix);
}

support::FindingData findingData(const ClangTidyError &E) {
  for (const tooling::DiagnosticMessage &N : E.Notes)
    if (isDataNote(N))
      return support::parseDataNote(N.Message).value_or(support::FindingData());
  return {};
}

support::FindingData takeFindingData(ClangTidyError &E) {
  support::FindingData D = findingData(E);
  llvm::erase_if(E.Notes, isDataNote);
  return D;
}

void setFindingData(ClangTidyError &E, const support::FindingData &D) {
  llvm::erase_if(E.Notes, isDataNote);
  if (D.empty())
    return;
  // At the finding's own location, as a check attaches it.
  tooling::DiagnosticMessage N;
  N.Message = support::dataNote(D);
  N.FilePath = E.Message.FilePath;
  N.FileOffset = E.Message.FileOffset;
  E.Notes.push_back(std::move(N));
}

} // namespace clang::tidy::hotpath::findings
