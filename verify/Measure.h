//===--- Measure.h - hotpath verify ---------------------------------------===//
//
// Running a command and measuring one run of a benchmark. A Google
// Benchmark binary (recognised from its own flags in the file) reports every
// benchmark's real and CPU time and its counters (allocs/op and B/op from
// hotpath::BenchAllocs); any other command is measured as a whole process:
// wall time, user+system CPU and max RSS from wait4(), and heap allocations
// from the runtime's LD_PRELOAD counting shim.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_VERIFY_MEASURE_H
#define HOTPATH_VERIFY_MEASURE_H

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace hotpath::verify {

struct ProcessResult {
  int ExitCode = -1;      // negative: not started or killed (Failure says)
  std::string Failure;    // "was killed: Segmentation fault", ...
  double WallSeconds = 0; // steady clock around the run
  double CpuSeconds = 0;  // user + system, the command and its children
  long MaxRssKb = 0;      // the largest of them
  std::string OutputPath; // stdout and stderr, interleaved
  std::string tail(size_t Lines = 20) const; // the output's last lines
  /// "exited with status 1", or the failure.
  std::string status() const {
    return Failure.empty() ? "exited with status " + std::to_string(ExitCode)
                           : Failure;
  }
};

/// Runs `/bin/sh -c Command` in \p Dir with \p Env added, output to
/// \p OutputPath, through llvm::sys::ExecuteAndWait with its process
/// statistics. Interrupted by Ctrl-C, the command dies with us (same process
/// group).
ProcessResult
runShell(const std::string &Command, const std::string &Dir,
         const std::vector<std::pair<std::string, std::string>> &Env,
         const std::string &OutputPath);

/// One metric of one benchmark, lower is better: "BM_parse real_time" (ns),
/// "BM_parse allocs/op", "run wall" (s), "run allocs".
using Samples = std::map<std::string, double>;

/// How a variant's benchmark runs are measured.
class BenchRunner {
public:
  /// \p AllocShim: the runtime's libhotpath_allocshim.so ("" if missing).
  BenchRunner(std::string Command, std::string AllocShim,
              std::string ScratchDir);

  /// Known after the first run.
  bool isGoogleBenchmark() const { return Google; }
  /// One run of the variant whose build and source directories replace
  /// {build} and {src}. False (and \p Failure) when the command fails.
  bool runOnce(const std::string &Build, const std::string &Src, Samples &Out,
               std::string &Failure);

private:
  std::string Command, AllocShim, Scratch;
  bool Google = false;
  unsigned Counter = 0;
};

/// {build} and {src} replaced.
std::string substitute(const std::string &Command, const std::string &Build,
                       const std::string &Src);

/// True if the program that \p Command starts is a Google Benchmark binary.
bool looksLikeGoogleBenchmark(const std::string &Command);

} // namespace hotpath::verify

#endif // HOTPATH_VERIFY_MEASURE_H
