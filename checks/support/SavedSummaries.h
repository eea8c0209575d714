//===--- SavedSummaries.h - hotpath -----------------------------*- C++ -*-===//
//
// The effect summaries of a whole run, saved for the front-ends that see
// one translation unit at a time (hotpath-clangd, clang-tidy, the plugin
// without an export). `hotpath check -p <build>` writes them beside the
// compile database as hotpath-summaries.json: per analysed file, its path,
// the digest of its contents as analysed, and its checks' records
// (support/EffectRecord.h). A check that meets a call leaving its TU
// completes the finding from them (support/EffectGraph.h) instead of
// dropping it, leaving out the records of its own file, which it has just
// analysed, and those of every file whose contents changed since: those
// are stale, and said so once. A file of another hotpath version or
// format is ignored with a message; nothing read here can stop the run.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_SUPPORT_SAVEDSUMMARIES_H
#define HOTPATH_CHECKS_SUPPORT_SAVEDSUMMARIES_H

#include "support/EffectGraph.h"
#include "support/EffectSink.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace clang::tidy::hotpath::support {

/// The file's name, beside compile_commands.json.
inline constexpr llvm::StringLiteral SavedSummariesName =
    "hotpath-summaries.json";

/// One analysed file's part of the saved summaries.
struct SavedUnit {
  std::string File;   ///< absolute
  std::string Digest; ///< digestOf(its contents as analysed)
  UnitSummaries Summaries;
};

/// The digest the saved summaries compare a file's contents by.
std::string digestOf(llvm::StringRef Contents);

/// Writes \p Units to \p Path, keeping the units of an existing file of
/// this version for files not among them (one file analysed again does not
/// forget the others); written to a temporary file and renamed.
llvm::Error saveSummaries(llvm::StringRef Path, std::vector<SavedUnit> Units);

/// The saved summaries as one graph, each unit's records with their own
/// origin.
struct LoadedSummaries {
  std::string Path;
  EffectGraph Graph;
  std::map<std::string, unsigned, std::less<>> OriginOf; ///< file -> origin
};

/// The saved summaries for the translation unit of \p MainFile: \p Where is
/// a path to the file, or "auto" for the first hotpath-summaries.json in
/// the main file's directory or a parent, or in a build/ beside them (where
/// clangd looks for compile_commands.json). Null when there is none or it
/// cannot be used (said once per file and version of it). Loaded once and
/// shared until the file changes; safe from several threads.
std::shared_ptr<const LoadedSummaries>
savedSummariesFor(llvm::StringRef MainFile, llvm::StringRef Where);

} // namespace clang::tidy::hotpath::support

#endif // HOTPATH_CHECKS_SUPPORT_SAVEDSUMMARIES_H
