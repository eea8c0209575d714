//===--- VersionGuard.cpp - hotpath ---------------------------------------===//
//
// A module built against one clang-tidy major loads into another without an
// error and then silently reports nothing (the checks register into a
// registry the host never reads). Refuse loudly instead.
//
//===----------------------------------------------------------------------===//

#include "clang/Basic/Version.h"
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

// "Debian clang version 19.1.7 (...)" -> 19; 0 when no version is found.
int majorOf(const std::string &Full) {
  std::string::size_type Pos = Full.find("version ");
  if (Pos == std::string::npos)
    return 0;
  return std::atoi(Full.c_str() + Pos + 8);
}

struct VersionGuard {
  VersionGuard() {
    // getClangFullVersion() resolves to the host's libclang-cpp, not ours.
    std::string Host = clang::getClangFullVersion();
    int HostMajor = majorOf(Host);
    if (HostMajor == 0 || HostMajor == CLANG_VERSION_MAJOR)
      return;
    std::fprintf(stderr,
                 "error: hotpath-tidy.so was built for clang-tidy %d but was "
                 "loaded into clang-tidy %d (%s).\n"
                 "error: its checks would silently report nothing; load the "
                 "hotpath-tidy.so built with -DHOTPATH_LLVM_VERSION=%d.\n",
                 CLANG_VERSION_MAJOR, HostMajor, Host.c_str(), HostMajor);
    std::fflush(stderr);
    std::_Exit(2);
  }
};

const VersionGuard Guard;

} // namespace
