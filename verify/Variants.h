//===--- Variants.h - hotpath verify --------------------------------------===//
//
// The variants verify builds and measures: each is a copy of the user's
// source tree (a git worktree of the current state, uncommitted changes and
// untracked files included, in a git checkout; a plain copy otherwise) with a
// set of hotpath's fixes applied, configured like the user's build and built
// in its own directory. The user's tree is never written, except by
// applyToUserTree (--apply), which replaces each file atomically.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_VERIFY_VARIANTS_H
#define HOTPATH_VERIFY_VARIANTS_H

#include <optional>
#include <string>
#include <vector>

namespace hotpath::verify {

struct Edit {
  std::string File; // absolute, in the user's tree
  unsigned Offset = 0, Length = 0;
  std::string Text;
};

/// A finding with a fix, from the tool's JSON output.
struct Fixable {
  std::string Id, Check, File, Message;
  unsigned Line = 0, Column = 0;
  double Share = -1; // of the profile, when one was given
  std::vector<Edit> Edits;
};

/// Reads `hotpath --format=json` output: the findings that carry a fix.
std::optional<std::vector<Fixable>> readFixables(const std::string &JsonPath,
                                                 std::string &Error);

/// How the user's CMake build was configured (CMakeCache.txt): the source
/// directory, the generator and the -D arguments that reproduce it.
struct CMakeSetup {
  std::string Source, Generator;
  std::vector<std::string> Defines;
};
std::optional<CMakeSetup> readCMakeCache(const std::string &BuildDir);

/// A source tree copy; removed with remove().
struct TreeCopy {
  std::string Root;     // the copy of the user's source directory
  std::string GitTop;   // the user's git top level, when a worktree
  std::string Worktree; // the worktree's own root
  bool remove(std::string &Error) const;
};

/// Copies \p Source (the user's tree) to \p Dest, leaving out \p Exclude
/// (build directories inside the tree) and .git.
std::optional<TreeCopy> copyTree(const std::string &Source,
                                 const std::string &Dest,
                                 const std::vector<std::string> &Exclude,
                                 std::string &Error);

struct ApplyResult {
  std::vector<std::string> Applied;  // finding ids
  std::vector<std::string> Conflict; // ids whose edits overlap an earlier one
  std::vector<std::string> Files;    // files changed (in the copy)
};

/// Applies \p Fixes to the copy of \p SourceRoot at \p CopyRoot: a finding's
/// edits all or none; identical edits once; overlapping ones skipped.
std::optional<ApplyResult> applyFixes(const std::vector<const Fixable *> &Fixes,
                                      const std::string &SourceRoot,
                                      const std::string &CopyRoot,
                                      std::string &Error);

} // namespace hotpath::verify

#endif // HOTPATH_VERIFY_VARIANTS_H
