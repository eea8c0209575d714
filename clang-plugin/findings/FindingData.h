//===--- FindingData.h - hotpath --------------------------------*- C++ -*-===//
//
// The front-ends' side of support/FindingData.h: the one reader of the data
// note a check attaches to a finding, so that no front-end looks at a
// note's text for anything else.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CLANG_PLUGIN_FINDINGS_FINDINGDATA_H
#define HOTPATH_CLANG_PLUGIN_FINDINGS_FINDINGDATA_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "support/FindingData.h"

namespace clang::tidy::hotpath::findings {

/// True for the note that carries a finding's data.
bool isDataNote(const tooling::DiagnosticMessage &N);

/// The data a check attached to \p E; empty when it has none.
support::FindingData findingData(const ClangTidyError &E);

/// Takes the data note off \p E and returns its data.
support::FindingData takeFindingData(ClangTidyError &E);

/// Replaces \p E's data with \p D (no note when \p D is empty).
void setFindingData(ClangTidyError &E, const support::FindingData &D);

} // namespace clang::tidy::hotpath::findings

#endif // HOTPATH_CLANG_PLUGIN_FINDINGS_FINDINGDATA_H
