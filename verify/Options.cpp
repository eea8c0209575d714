//===--- Options.cpp - hotpath verify -------------------------------------===//

#include "Options.h"
#include "../clang-plugin/common/ArgReader.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/ADT/Twine.h"

namespace hotpath::verify {

const char *usage() {
  return R"(hotpath verify: applies hotpath's fixes to a copy of the project, runs the
tests and benchmarks of both builds alternately, and keeps what measurably
helped.

  hotpath verify -p <build-dir> --bench='<command>' [options]

  --bench=<cmd>      the benchmark: a Google Benchmark binary (each benchmark
                     measured) or any command (wall time, CPU, max RSS,
                     heap allocations). {build} and {src} are replaced by the
                     variant's build and source directory.
  --build=<cmd>      builds a variant (default: cmake --build {build})
  --configure=<cmd>  configures a variant (default for CMake projects: the
                     original's generator, compilers, flags and cache entries)
  --test=<cmd>       must pass on the fixed variant, or its fixes are rejected
  --checks=<globs>   which checks' fixes (default: all hotpath checks)
  --only=<ids>       only these findings (ids from `hotpath --show-ids`)
  --reps=N           runs per variant, alternating (default 10)
  --per-fix          measure each fix alone as well
  --max-fixes=N      verify at most N fixes (the hottest N with --profile)
  --apply            write the fixes that made a benchmark significantly
                     faster, none slower, and passed the tests, to your tree
  --profile=<file>   order the fixes hottest first (as `hotpath --profile`)
  --profile-binary=<file>
  --format=text|json|markdown, -o <file>, --chart=<file.svg>
  --keep-scratch     keep the copies and builds (their path is printed)
  --extra-arg=<arg>  passed to the analysis

Exit status: 0 verified (a report was written), 1 a fix made a benchmark
significantly slower, 2 usage or input error (no build directory, a benchmark
that fails on the baseline, a fixed copy that does not build, nothing to fix).
)";
}

std::optional<Options> parseOptions(int Argc, const char **Argv,
                                    std::string &Error) {
  Options O;
  ::hotpath::frontend::ArgReader Args(Argc, Argv, Error, {"-p"});
  while (Args.next()) {
    llvm::StringRef Arg = Args.arg(), Name = Args.name();
    auto Next = [&] { return Args.value(); };
    auto Number = [&](unsigned &Out) { return Args.number(Out); };
    auto Flag = [&](bool &Out) { return Args.flag(Out); };
    // Options that take one string value, stored as given.
    std::string *Plain = llvm::StringSwitch<std::string *>(Name)
                             .Case("-p", &O.BuildDir)
                             .Case("--p", &O.BuildDir)
                             .Case("--build-dir", &O.BuildDir)
                             .Case("--bench", &O.Bench)
                             .Case("--build", &O.Build)
                             .Case("--configure", &O.Configure)
                             .Case("--test", &O.Test)
                             .Case("--checks", &O.Checks)
                             .Case("-o", &O.Output)
                             .Case("--output", &O.Output)
                             .Case("--chart", &O.Chart)
                             .Case("--profile", &O.Profile)
                             .Default(nullptr);
    std::optional<std::string> V;
    if (Plain) {
      if (!(V = Next()))
        return std::nullopt;
      *Plain = *V;
    } else if (Name == "--only") {
      if (!(V = Next()))
        return std::nullopt;
      llvm::SmallVector<llvm::StringRef, 4> Ids;
      llvm::StringRef(*V).split(Ids, ',', -1, false);
      for (llvm::StringRef Id : Ids)
        O.Only.push_back(Id.trim().str());
    } else if (Name == "--reps") {
      if (!Number(O.Reps))
        return std::nullopt;
    } else if (Name == "--max-fixes") {
      unsigned N = 0;
      if (!Number(N))
        return std::nullopt;
      O.MaxFixes = N;
    } else if (Name == "--per-fix") {
      if (!Flag(O.PerFix))
        return std::nullopt;
    } else if (Name == "--apply") {
      if (!Flag(O.Apply))
        return std::nullopt;
    } else if (Name == "--keep-scratch") {
      if (!Flag(O.KeepScratch))
        return std::nullopt;
    } else if (Name == "--format") {
      if (!(V = Next()))
        return std::nullopt;
      auto F = llvm::StringSwitch<std::optional<Format>>(*V)
                   .Case("text", Format::Text)
                   .Case("json", Format::Json)
                   .Case("markdown", Format::Markdown)
                   .Default(std::nullopt);
      if (!F) {
        Error = "--format must be text, json or markdown, not '" + *V + "'";
        return std::nullopt;
      }
      O.Fmt = *F;
    } else if (Name == "--profile-binary") {
      if (!(V = Next()))
        return std::nullopt;
      O.ProfileBinaries.push_back(*V);
    } else if (Name == "--extra-arg" || Name == "--extra-arg-before") {
      if (!(V = Next()))
        return std::nullopt;
      O.CheckArgs.push_back(Name.str() + "=" + *V);
    } else {
      Error = "unknown argument '" + Arg.str() + "' (hotpath verify --help)";
      return std::nullopt;
    }
  }
  if (O.BuildDir.empty()) {
    Error = "give the project's build directory: -p <build-dir>";
    return std::nullopt;
  }
  if (O.Bench.empty()) {
    Error = "give the benchmark: --bench='<command>'";
    return std::nullopt;
  }
  if (O.Build.empty())
    O.Build = "cmake --build {build}";
  return O;
}

} // namespace hotpath::verify
