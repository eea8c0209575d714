//===--- Options.h - hotpath verify ---------------------------------------===//
//
// The command line of `hotpath verify`: llvm::cl options of the `verify`
// sub-command (findings/CommandLine.h), read after main() parsed them. Some
// share a name with the check command's (-p, --checks, --format, -o) and
// mean other things.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_VERIFY_OPTIONS_H
#define HOTPATH_VERIFY_OPTIONS_H

#include "llvm/Support/CommandLine.h"
#include <optional>
#include <string>
#include <vector>

namespace hotpath::verify {

enum class Format { Text, Json, Markdown };

struct Options {
  std::string BuildDir;          // -p
  std::string Bench;             // --bench, with {build} and {src}
  std::string Build;             // --build (default: cmake --build {build})
  std::string Configure;         // --configure (default: replay CMakeCache.txt)
  std::string Test;              // --test
  std::string Checks;            // --checks
  std::vector<std::string> Only; // --only=<id>[,<id>...]
  unsigned Reps = 10;
  bool PerFix = false;
  bool Apply = false;
  bool KeepScratch = false;
  Format Fmt = Format::Text;
  std::string Output;  // -o
  std::string Chart;   // --chart (default: next to -o, or none)
  std::string Profile; // --profile: verify the hottest first
  std::vector<std::string> ProfileBinaries;
  std::optional<unsigned> MaxFixes;   // --max-fixes (with --per-fix)
  std::vector<std::string> CheckArgs; // --extra-arg etc. for the analysis
};

/// The options as parsed; on a usage error returns nullopt and sets \p Error.
std::optional<Options> collectOptions(std::string &Error);

/// What `hotpath verify --help` prints after the options.
const char *verifyHelp();
llvm::cl::OptionCategory &verifyCategory();

} // namespace hotpath::verify

#endif // HOTPATH_VERIFY_OPTIONS_H
