//===--- Options.cpp - hotpath verify -------------------------------------===//

#include "Options.h"
#include "findings/CommandLine.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"

namespace hotpath::verify {

namespace {

using namespace llvm;
using clang::tidy::hotpath::findings::verifyCommand;

cl::OptionCategory Category("hotpath verify options");

// Each option is verify's alone: the check command's options of the same
// name (-p, --checks, --format, -o) mean other things.
cl::opt<std::string> BuildDir("p", cl::desc("The project's build directory."),
                              cl::value_desc("build dir"), cl::Prefix,
                              cl::cat(Category), cl::sub(verifyCommand()));
cl::alias BuildDirAlias("build-dir", cl::desc("Alias for -p"),
                        cl::aliasopt(BuildDir));
cl::opt<std::string> Bench(
    "bench",
    cl::desc("The benchmark: a Google Benchmark binary (each benchmark "
             "measured) or any command (wall time, CPU, max RSS, heap "
             "allocations). {build} and {src} are replaced by the variant's "
             "build and source directory."),
    cl::value_desc("command"), cl::cat(Category), cl::sub(verifyCommand()));
cl::opt<std::string> Build("build",
                           cl::desc("Builds a variant (default: cmake "
                                    "--build {build})."),
                           cl::value_desc("command"), cl::cat(Category),
                           cl::sub(verifyCommand()));
cl::opt<std::string> Configure(
    "configure",
    cl::desc("Configures a variant (default for CMake projects: the "
             "original's generator, compilers, flags and cache entries)."),
    cl::value_desc("command"), cl::cat(Category), cl::sub(verifyCommand()));
cl::opt<std::string> Test("test",
                          cl::desc("Must pass on the fixed variant, or its "
                                   "fixes are rejected."),
                          cl::value_desc("command"), cl::cat(Category),
                          cl::sub(verifyCommand()));
cl::opt<std::string> Checks("checks",
                            cl::desc("Which checks' fixes (default: all "
                                     "hotpath checks)."),
                            cl::value_desc("globs"), cl::cat(Category),
                            cl::sub(verifyCommand()));
cl::list<std::string> Only("only",
                           cl::desc("Only these findings (ids from `hotpath "
                                    "--show-ids`)."),
                           cl::value_desc("ids"), cl::CommaSeparated,
                           cl::cat(Category), cl::sub(verifyCommand()));
cl::opt<unsigned> Reps("reps",
                       cl::desc("Runs per variant, alternating (default 10)."),
                       cl::init(10), cl::cat(Category),
                       cl::sub(verifyCommand()));
cl::opt<bool> PerFix("per-fix", cl::desc("Measure each fix alone as well."),
                     cl::cat(Category), cl::sub(verifyCommand()));
cl::opt<unsigned> MaxFixes("max-fixes",
                           cl::desc("Verify at most N fixes (the hottest N "
                                    "with --profile)."),
                           cl::value_desc("N"), cl::cat(Category),
                           cl::sub(verifyCommand()));
cl::opt<bool> Apply("apply",
                    cl::desc("Write the fixes that made a benchmark "
                             "significantly faster, none slower, and passed "
                             "the tests, to your tree."),
                    cl::cat(Category), cl::sub(verifyCommand()));
cl::opt<std::string> Profile("profile",
                             cl::desc("Order the fixes hottest first (as "
                                      "`hotpath --profile`)."),
                             cl::value_desc("file"), cl::cat(Category),
                             cl::sub(verifyCommand()));
cl::list<std::string> ProfileBinaries(
    "profile-binary",
    cl::desc("An instrumented binary of the .profdata; may be repeated."),
    cl::value_desc("file"), cl::cat(Category), cl::sub(verifyCommand()));
cl::opt<Format> Fmt(
    "format", cl::desc("Report format."),
    cl::values(clEnumValN(Format::Text, "text", "a table"),
               clEnumValN(Format::Json, "json", "one JSON object"),
               clEnumValN(Format::Markdown, "markdown", "a Markdown table")),
    cl::init(Format::Text), cl::cat(Category), cl::sub(verifyCommand()));
cl::opt<std::string> Output("o", cl::desc("Write the report here."),
                            cl::value_desc("file"), cl::cat(Category),
                            cl::sub(verifyCommand()));
cl::alias OutputAlias("output", cl::desc("Alias for -o"), cl::aliasopt(Output));
cl::opt<std::string> Chart("chart",
                           cl::desc("Draw the comparison as SVG there "
                                    "(default: next to -o, or none)."),
                           cl::value_desc("file.svg"), cl::cat(Category),
                           cl::sub(verifyCommand()));
cl::opt<bool> KeepScratch("keep-scratch",
                          cl::desc("Keep the copies and builds (their path "
                                   "is printed)."),
                          cl::cat(Category), cl::sub(verifyCommand()));
cl::list<std::string> ExtraArgs("extra-arg",
                                cl::desc("Passed to the analysis."),
                                cl::cat(Category), cl::sub(verifyCommand()));
cl::list<std::string> ExtraArgsBefore("extra-arg-before",
                                      cl::desc("Passed to the analysis."),
                                      cl::cat(Category),
                                      cl::sub(verifyCommand()));

} // namespace

llvm::cl::OptionCategory &verifyCategory() { return Category; }

const char *verifyHelp() {
  return R"(
hotpath verify: applies hotpath's fixes to a copy of the project, runs the
tests and benchmarks of both builds alternately, and keeps what measurably
helped.

Exit status: 0 verified (a report was written), 1 a fix made a benchmark
significantly slower, 2 usage or input error (no build directory, a benchmark
that fails on the baseline, a fixed copy that does not build, nothing to fix).
)";
}

std::optional<Options> collectOptions(std::string &Error) {
  Options O;
  O.BuildDir = BuildDir;
  O.Bench = Bench;
  O.Build = Build;
  O.Configure = Configure;
  O.Test = Test;
  O.Checks = Checks;
  for (const std::string &Id : Only)
    if (!StringRef(Id).trim().empty())
      O.Only.push_back(StringRef(Id).trim().str());
  O.Reps = Reps;
  O.PerFix = PerFix;
  O.Apply = Apply;
  O.KeepScratch = KeepScratch;
  O.Fmt = Fmt;
  O.Output = Output;
  O.Chart = Chart;
  O.Profile = Profile;
  O.ProfileBinaries.assign(ProfileBinaries.begin(), ProfileBinaries.end());
  if (MaxFixes.getNumOccurrences())
    O.MaxFixes = MaxFixes;
  for (const std::string &A : ExtraArgsBefore)
    O.CheckArgs.push_back("--extra-arg-before=" + A);
  for (const std::string &A : ExtraArgs)
    O.CheckArgs.push_back("--extra-arg=" + A);
  if (O.BuildDir.empty()) {
    Error = "give the project's build directory: -p <build-dir>";
    return std::nullopt;
  }
  if (O.Bench.empty()) {
    Error = "give the benchmark: --bench='<command>'";
    return std::nullopt;
  }
  if (O.Reps == 0) {
    Error = "'--reps' needs a positive number, not 0";
    return std::nullopt;
  }
  if (O.Build.empty())
    O.Build = "cmake --build {build}";
  return O;
}

} // namespace hotpath::verify
