//===--- HostVersion.h - hotpath ------------------------------------------===//
//
// A module or plugin built against one clang major and loaded into another
// misbehaves in ways that range from silence (clang-tidy reports nothing) to
// a crash. Both front-ends that are loaded into a host process call this from
// a static initializer: it compares the host's clang version with the one
// they were compiled against and stops the process with a clear error.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CLANG_PLUGIN_COMMON_HOSTVERSION_H
#define HOTPATH_CLANG_PLUGIN_COMMON_HOSTVERSION_H

#include "clang/Basic/Version.h"
#include <cstdio>
#include <cstdlib>
#include <string>

namespace hotpath::common {

/// Stops the process unless the host clang has our major version.
/// \p What names the artifact and host ("hotpath-tidy.so", "clang-tidy").
inline void requireHostMajor(const char *What, const char *Host,
                             const char *Consequence, int ExitCode) {
  // getClangFullVersion() resolves to the host's libclang-cpp, not ours:
  // "Debian clang version 19.1.7 (...)".
  std::string Full = clang::getClangFullVersion();
  std::string::size_type Pos = Full.find("version ");
  int HostMajor =
      Pos == std::string::npos ? 0 : std::atoi(Full.c_str() + Pos + 8);
  if (HostMajor == 0 || HostMajor == CLANG_VERSION_MAJOR)
    return;
  std::fprintf(stderr,
               "error: %s was built for %s %d but was loaded into %s %d "
               "(%s).\nerror: %s; use the %s built with "
               "-DHOTPATH_LLVM_VERSION=%d.\n",
               What, Host, CLANG_VERSION_MAJOR, Host, HostMajor, Full.c_str(),
               Consequence, What, HostMajor);
  std::fflush(stderr);
  std::_Exit(ExitCode);
}

} // namespace hotpath::common

#endif // HOTPATH_CLANG_PLUGIN_COMMON_HOSTVERSION_H
