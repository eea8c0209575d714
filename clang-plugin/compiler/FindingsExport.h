//===--- FindingsExport.h - hotpath compiler plugin -------------*- C++ -*-===//
//
// -fplugin-arg-hotpath-export-dir=<dir>: one findings file per translation
// unit (common/FindingsFile.h) for `hotpath report` to merge.
//
// A distributed compiler without its include server (distcc without pump
// mode, icecream) compiles a preprocessed file on the remote host: the
// findings point into it. They are taken back to the original files through
// the line markers (the presumed locations), and every location and fix is
// checked against the original file's text: a fix whose text differs there
// (a macro expanded or a comment removed on that line) is dropped with a
// note, never applied to the wrong bytes.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_COMPILER_FINDINGSEXPORT_H
#define HOTPATH_COMPILER_FINDINGSEXPORT_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "support/EffectSink.h"
#include "clang/Frontend/CompilerInstance.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace clang::tidy::hotpath::plugin {

/// The note of a fix the export had to drop (preprocessed input).
inline constexpr llvm::StringLiteral FixDroppedNote =
    "no fix: this compile saw preprocessed source (a distributed compiler "
    "without its include server) that differs from the file here; the "
    "hotpath tool or a local compile offers it";

/// Writes \p Findings (as the TU's ClangTidyDiagnosticConsumer produced
/// them, veto-only findings and their data notes included) and the checks'
/// effect summaries \p Summaries to \p Dir.
llvm::Error exportFindings(const CompilerInstance &CI,
                           std::vector<ClangTidyError> Findings,
                           support::UnitSummaries Summaries,
                           llvm::StringRef Dir);

} // namespace clang::tidy::hotpath::plugin

#endif
