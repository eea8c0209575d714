//===--- FindingsFile.h - hotpath -----------------------------------------===//
//
// The files `hotpath report` merges. Two kinds:
//
//  * export files, written by the compiler plugin with
//    -fplugin-arg-hotpath-export-dir=<dir>: one per translation unit, the
//    findings as clang-tidy produced them (byte offsets, fixes, notes, the
//    findings a TU reports only to veto a fix) and a digest of every file
//    they point into, so that a file edited since is detected as stale;
//  * the standalone tool's `--format=json` output (a shard of a run): an
//    array of findings with lines and columns, which are checked instead.
//
// Both read into TUFindings: clang-tidy errors again, so the tool's own
// merge (FindingMerge) and fix application work on them unchanged.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CLANG_PLUGIN_COMMON_FINDINGSFILE_H
#define HOTPATH_CLANG_PLUGIN_COMMON_FINDINGSFILE_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "support/EffectSink.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <string>
#include <vector>

namespace clang::tidy::hotpath::findings {

inline constexpr llvm::StringLiteral ExportFormatName = "hotpath-findings";
/// 2: a finding's data (support/FindingData.h) in one note, where version
/// 1 had a note for the hotness and another for the site.
inline constexpr int ExportFormatVersion = 2;
inline constexpr llvm::StringLiteral ExportSuffix = ".hotpath.json";

/// What a file held when the findings were computed.
struct InputDigest {
  std::string File; // absolute
  uint64_t Size = 0;
  std::string Hash; // contentDigest()
};

/// A position the reader recorded as line and column (the tool's JSON): the
/// file has not changed if the offset still falls there.
struct PositionCheck {
  std::string File;
  unsigned Offset = 0, Line = 0, Column = 0;
};

/// A finding a check held back as code that runs once (relevance/RunOnce.h).
struct HeldBack {
  std::string Check, File;
  unsigned Offset = 0;
  std::string Why; // "unit tests", "main", ...
};

struct TUFindings {
  std::string Path;     // the file it was read from
  std::string Source;   // the TU's main file (export files), else ""
  std::string Producer; // "hotpath-plugin 0.1.0, clang 19.1.7"
  std::vector<InputDigest> Inputs;
  std::vector<PositionCheck> Positions;
  std::vector<clang::tidy::ClangTidyError> Findings;
  std::vector<HeldBack> HeldBackFindings;
  /// The checks' effect summaries (export files), for the merge across TUs.
  clang::tidy::hotpath::support::UnitSummaries Summaries;
};

/// Makes every path in \p E absolute and without "." or ".." components
/// (clang-tidy keeps them as the compile command spelled them, relative to
/// its directory, or to \p Dir when given): a header reached as
/// "tests/../src/r.h" from one file and "src/r.h" from another is one file,
/// whose findings merge and whose fixes apply once.
void makePathsAbsolute(clang::tidy::ClangTidyError &E,
                       llvm::StringRef Dir = "");

/// 16 hex digits of XXH3-64 over \p Content.
std::string contentDigest(llvm::StringRef Content);

/// "<source stem>.<16 hex of source and configuration>.hotpath.json": two
/// TUs, or one TU in two configurations, never share a name, and compiling
/// the same TU again replaces its file.
std::string exportFileName(llvm::StringRef Source,
                           llvm::StringRef Configuration);

/// Writes \p TU to \p Dir/\p Name atomically (a unique temporary in the same
/// directory, then a rename), creating \p Dir if needed.
llvm::Error writeExportFile(llvm::StringRef Dir, llvm::StringRef Name,
                            const TUFindings &TU);

/// The export file's text (what writeExportFile writes).
std::string exportText(const TUFindings &TU);

/// Reads an export file or the tool's JSON output. An error names the file
/// and what is wrong with it (not JSON, another format or version, a
/// finding without a check...).
llvm::Expected<TUFindings> readFindingsFile(llvm::StringRef Path);

/// Parses the text of such a file (\p Path names it in errors).
llvm::Expected<TUFindings> parseFindings(llvm::StringRef Text,
                                         llvm::StringRef Path);

} // namespace clang::tidy::hotpath::findings

#endif
