//===--- Options.h - hotpath verify ---------------------------------------===//
//
// The command line of `hotpath verify`, parsed by hand: the check command's
// options are global llvm::cl options of the same binary, and verify reuses
// several of their names (-p, --checks, --format, -o) with other meanings.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_VERIFY_OPTIONS_H
#define HOTPATH_VERIFY_OPTIONS_H

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

/// Parses argv[1..]; on a usage error returns nullopt and sets \p Error.
std::optional<Options> parseOptions(int Argc, const char **Argv,
                                    std::string &Error);

/// The --help text.
const char *usage();

} // namespace hotpath::verify

#endif // HOTPATH_VERIFY_OPTIONS_H
