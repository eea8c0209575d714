//===--- Load.h - hotpath profiles ----------------------------------------===//
//
// Reading a profile: the format is detected from the file's contents, and a
// process-wide cache lets every check of every translation unit share one
// reading (a perf profile of 100k samples is read once per process).
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_PROFILE_LOAD_H
#define HOTPATH_PROFILE_LOAD_H

#include "Profile.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>
#include <vector>

namespace hotpath::profile {

struct LoadRequest {
  std::string Path;
  /// instr: the instrumented executables and shared libraries.
  std::vector<std::string> Binaries;
};

/// Reads the profile, detecting its kind. Errors name the file and say what
/// to do (merge a .profraw, pass --profile-binary, install linux-perf).
llvm::Expected<std::shared_ptr<const Profile>> load(const LoadRequest &R);

/// load() once per distinct request in this process, and again when a file
/// of the request changed since (its time or size). On failure returns
/// null and sets \p Error; \p FirstTime tells the caller whether this call
/// did the reading (so a front-end reports the error or warnings once).
std::shared_ptr<const Profile>
loadCached(const LoadRequest &R, std::string &Error, bool *FirstTime = nullptr);

/// Splits "a;b;c" (the HotpathProfileBinaries option).
std::vector<std::string> splitList(llvm::StringRef List);

// The readers (one file each).
llvm::Expected<std::unique_ptr<Profile>>
readInstr(llvm::StringRef ProfData, llvm::ArrayRef<std::string> Binaries);
llvm::Expected<std::unique_ptr<Profile>> readPerfData(llvm::StringRef Path);
llvm::Expected<std::unique_ptr<Profile>> readPerfScript(llvm::StringRef Path,
                                                        llvm::StringRef Text);
llvm::Expected<std::unique_ptr<Profile>> readCallgrind(llvm::StringRef Path,
                                                       llvm::StringRef Text);

} // namespace hotpath::profile

#endif // HOTPATH_PROFILE_LOAD_H
