//===--- VersionGuard.cpp - hotpath ---------------------------------------===//
//
// A module built against one clang-tidy major loads into another without an
// error and then silently reports nothing (the checks register into a
// registry the host never reads). Refuse loudly instead.
//
//===----------------------------------------------------------------------===//

#include "../common/HostVersion.h"

namespace {

struct VersionGuard {
  VersionGuard() {
    ::hotpath::common::requireHostMajor(
        "hotpath-tidy.so", "clang-tidy",
        "its checks would silently report nothing", 2);
  }
};

const VersionGuard Guard;

} // namespace
