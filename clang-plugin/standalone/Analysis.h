//===--- Analysis.h - hotpath standalone tool -------------------*- C++ -*-===//
//
// The analysis step of `hotpath check`: which files it analyses (those named,
// else every file the database lists; absolute, once each, less --exclude,
// one --shard of them), and the checks over them, one translation unit per
// worker thread, each file's crash recovered and reported on its own.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_STANDALONE_ANALYSIS_H
#define HOTPATH_STANDALONE_ANALYSIS_H

#include "CheckOptions.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "findings/Findings.h"
#include "findings/Summary.h"
#include "support/EffectSink.h"
#include "support/SavedSummaries.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <set>
#include <string>
#include <vector>

namespace clang::tidy::hotpath::standalone {

/// What the analysis of one file gave.
struct FileResult {
  std::vector<ClangTidyError> Errors;
  /// The checks' effect summaries, for the merge across files.
  support::UnitSummaries Summaries;
  /// Of the file's contents, read after the analysis (SavedSummaries.h).
  std::string Digest;
  std::string Failure; // non-empty: why this file failed
  bool Crashed = false;
};

/// \p Files made absolute relative to \p Cwd, each once, without those an
/// \p Excludes glob matches (absolute or relative to \p Cwd). False, with
/// \p Error, for an invalid glob.
bool selectFiles(llvm::ArrayRef<std::string> Files,
                 llvm::ArrayRef<std::string> Excludes, llvm::StringRef Cwd,
                 std::vector<std::string> &Work, std::string &Error);

/// Keeps shard \p Shard ("<i>/<n>") of \p Work: every n-th file of the
/// sorted list from the i-th on, so every job of a CI matrix computes the
/// same partition. False, with \p Error, for an invalid \p Shard.
bool takeShard(std::vector<std::string> &Work, llvm::StringRef Shard,
               bool Quiet, std::string &Error);

/// What every file's analysis shares.
struct AnalysisSetup {
  const OptionsSetup &Options;
  tooling::CompilationDatabase &Database;
  /// Absolute paths the database lists; with \c Fixed (flags after `--`)
  /// every file is in it.
  const std::set<std::string> &Listed;
  bool Fixed = false;
};

/// The checks over \p File, without crash recovery (the crash probe wants
/// clang's own dump).
FileResult analyseFile(const AnalysisSetup &S, const std::string &File,
                       findings::LineTable &Lines);

/// The checks over every file of \p Work on \p Jobs threads, each crash
/// recovered (that file's result is then marked Crashed); \p Prog counts
/// the files done and their findings.
std::vector<FileResult> analyseAll(const AnalysisSetup &S,
                                   const std::vector<std::string> &Work,
                                   unsigned Jobs, findings::Progress &Prog,
                                   findings::LineTable &Lines);

/// Saves the summaries of the files analysed without a failure to \p Path
/// for the front-ends that see one file at a time (support/SavedSummaries.h).
/// When it cannot be written: false with an error line if the user named
/// \p Path (\p Named), else a warning (a read-only build directory still
/// gets its findings).
bool saveUnitSummaries(llvm::StringRef Path, bool Named,
                       const std::vector<std::string> &Work,
                       const std::vector<FileResult> &Results);

} // namespace clang::tidy::hotpath::standalone

#endif
