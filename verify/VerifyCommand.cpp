//===--- VerifyCommand.cpp - hotpath verify -------------------------------===//
//
// `hotpath verify`: what a careful engineer does by hand with 40 suggested
// changes. Analyse the project (this same binary, `hotpath --format=json`),
// copy the source tree twice (baseline and fixed; with --per-fix once more
// per finding), apply the fixes to the copies, configure and build each like
// the user's build, run the tests on the fixed copies, run the benchmark
// alternately on every variant after a warm-up, compare with a Mann-Whitney
// U test, report, and with --apply write the proven fixes to the user's tree.
//
//===----------------------------------------------------------------------===//

#include "VerifyCommand.h"
#include "Measure.h"
#include "Options.h"
#include "Report.h"
#include "Stats.h"
#include "Variants.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <map>
#include <mutex>
#include <tuple>

namespace hotpath::verify {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace {

constexpr int ExitOk = 0, ExitWorse = 1, ExitInput = 2;

int fail(const llvm::Twine &Msg) {
  llvm::WithColor::error(llvm::errs(), "hotpath verify") << Msg << "\n";
  return ExitInput;
}

void note(const llvm::Twine &Msg) {
  llvm::errs() << "hotpath verify: " << Msg << "\n";
}

double now() {
  return std::chrono::duration<double>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// The scratch directory goes away on Ctrl-C too (unless kept); worktrees
// are pruned from the user's repository.
std::mutex ScratchMu;
std::vector<TreeCopy> Copies;
std::string ScratchDir;
bool KeepScratch = false;

void cleanUp() {
  std::lock_guard<std::mutex> Lock(ScratchMu);
  if (KeepScratch || ScratchDir.empty())
    return;
  std::string Error;
  for (const TreeCopy &C : Copies)
    C.remove(Error);
  Copies.clear();
  fs::remove_directories(ScratchDir);
  ScratchDir.clear();
}

struct Variant {
  std::string Name, Dir, Src, Build;
  std::vector<const Fixable *> Fixes; // requested
  ApplyResult Applied;
  VariantResult Result;
  std::map<std::string, std::vector<double>> Samples;
};

std::string describe(const Fixable &F) {
  return F.Id + " " + F.Check + " " + path::filename(F.File).str() + ":" +
         std::to_string(F.Line);
}

} // namespace

int runVerify(const char *Argv0) {
  double Start = now();
  std::string Error;
  std::optional<Options> O = collectOptions(Error);
  if (!O)
    return fail(Error);
  llvm::SmallString<256> BuildDir(O->BuildDir);
  fs::make_absolute(BuildDir);
  path::remove_dots(BuildDir, true);
  if (!fs::is_directory(BuildDir))
    return fail("no build directory '" + O->BuildDir + "'");
  if (!fs::exists(BuildDir + "/compile_commands.json"))
    return fail("no compile_commands.json in '" + BuildDir +
                "' (configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)");
  std::optional<CMakeSetup> CMake = readCMakeCache(BuildDir.str().str());
  if (!CMake && O->Configure.empty())
    return fail("'" + BuildDir +
                "' is not a CMake build directory: give --configure='<cmd>' "
                "(with {src} and {build})");
  std::string Src = CMake ? CMake->Source : path::parent_path(BuildDir).str();

  // Scratch space: every copy, build, log and run output.
  llvm::SmallString<128> Scratch;
  if (std::error_code EC = fs::createUniqueDirectory("hotpath-verify", Scratch))
    return fail("cannot create a scratch directory: " + EC.message());
  {
    std::lock_guard<std::mutex> Lock(ScratchMu);
    ScratchDir = Scratch.str().str();
    KeepScratch = O->KeepScratch;
  }
  llvm::sys::SetInterruptFunction(cleanUp);
  auto Done = [&](int Status) {
    if (O->KeepScratch)
      note("scratch kept in " + ScratchDir);
    cleanUp();
    return Status;
  };

  // 1. The findings with their fixes, from this binary's check command.
  std::string Self = fs::getMainExecutable(Argv0, (void *)&runVerify);
  std::string Json = ScratchDir + "/findings.json";
  std::string Cmd = "'" + Self + "' check -p '" + BuildDir.str().str() +
                    "' --quiet --format=json -o '" + Json + "'";
  if (!O->Checks.empty())
    Cmd += " --checks='" + O->Checks + "'";
  if (!O->Profile.empty())
    Cmd += " --profile='" + O->Profile + "'";
  for (const std::string &B : O->ProfileBinaries)
    Cmd += " --profile-binary='" + B + "'";
  for (const std::string &A : O->CheckArgs)
    Cmd += " '" + A + "'";
  double T0 = now();
  ProcessResult Analysis = runShell(Cmd, "", {}, ScratchDir + "/check.log");
  double AnalysisSeconds = now() - T0;
  if (Analysis.ExitCode != 0 && Analysis.ExitCode != 1)
    return Done(fail("the analysis failed:\n" + Analysis.tail()));
  std::optional<std::vector<Fixable>> All = readFixables(Json, Error);
  if (!All)
    return Done(fail(Error));
  std::vector<const Fixable *> Chosen;
  for (const Fixable &F : *All)
    if (O->Only.empty() || llvm::is_contained(O->Only, F.Id))
      Chosen.push_back(&F);
  for (const std::string &Id : O->Only)
    if (llvm::none_of(*All, [&](const Fixable &F) { return F.Id == Id; }))
      return Done(fail("no finding with a fix has the id " + Id +
                       " (ids are in `hotpath --format=json` output)"));
  if (Chosen.empty())
    return Done(fail("nothing to fix: no finding of " +
                     (O->Checks.empty() ? std::string("the hotpath checks")
                                        : "--checks=" + O->Checks) +
                     " offers a fix in this project"));
  if (!O->Profile.empty())
    // Hottest first; ties keep the tool's order (file, line).
    llvm::sort(Chosen, [](const Fixable *A, const Fixable *B) {
      return std::tie(B->Share, A->File, A->Line, A->Column) <
             std::tie(A->Share, B->File, B->Line, B->Column);
    });
  if (O->MaxFixes && Chosen.size() > *O->MaxFixes)
    Chosen.resize(*O->MaxFixes); // the hottest N with --profile
  note(llvm::formatv("{0} fixes to verify", Chosen.size()).str());

  // 2. The variants: baseline, all fixes, and one per fix with --per-fix.
  std::vector<Variant> Variants;
  Variants.push_back(
      {"baseline", ScratchDir + "/baseline", "", "", {}, {}, {}, {}});
  Variants.push_back(
      {"all fixes", ScratchDir + "/fixed", "", "", Chosen, {}, {}, {}});
  if (O->PerFix) {
    for (size_t I = 0; I < Chosen.size(); ++I)
      Variants.push_back({Chosen[I]->Id,
                          ScratchDir + "/fix-" + Chosen[I]->Id,
                          "",
                          "",
                          {Chosen[I]},
                          {},
                          {},
                          {}});
    note(llvm::formatv("--per-fix: {0} builds and {1} benchmark runs",
                       Variants.size(), Variants.size() * (O->Reps + 1))
             .str());
  }
  std::vector<std::string> Exclude = {BuildDir.str().str(), ScratchDir};
  double BuildSeconds = 0;
  for (Variant &V : Variants) {
    std::optional<TreeCopy> Copy =
        copyTree(Src, V.Dir + "/src", Exclude, Error);
    if (!Copy)
      return Done(fail("cannot copy the source tree: " + Error));
    {
      std::lock_guard<std::mutex> Lock(ScratchMu);
      Copies.push_back(*Copy);
    }
    V.Src = Copy->Root;
    V.Build = V.Dir + "/build";
    if (!V.Fixes.empty()) {
      auto Applied = applyFixes(V.Fixes, Src, V.Src, Error);
      if (!Applied)
        return Done(fail(Error));
      V.Applied = *Applied;
    }
    for (const Fixable *F : V.Fixes)
      if (llvm::is_contained(V.Applied.Applied, F->Id)) {
        V.Result.Findings.push_back(F->Id);
        V.Result.Describe.push_back(describe(*F));
      }
    V.Result.Name = V.Name;
    fs::create_directories(V.Build);
    double B0 = now();
    std::string Configure =
        !O->Configure.empty()
            ? substitute(O->Configure, V.Build, V.Src)
            : "cmake -S '" + V.Src + "' -B '" + V.Build + "' -G '" +
                  CMake->Generator + "' " + [&] {
                    std::string D;
                    for (const std::string &Def : CMake->Defines)
                      D += "'" + Def + "' ";
                    return D;
                  }();
    ProcessResult C =
        runShell(Configure, V.Build, {}, V.Dir + "/configure.log");
    ProcessResult B = C.ExitCode == 0
                          ? runShell(substitute(O->Build, V.Build, V.Src),
                                     V.Build, {}, V.Dir + "/build.log")
                          : C;
    BuildSeconds += now() - B0;
    if (B.ExitCode != 0) {
      if (V.Name == "baseline")
        return Done(fail("the unchanged project does not build:\n" + B.tail()));
      return Done(fail("the fixed copy (" + V.Name +
                       ") does not build: a broken fix, please report it "
                       "with this output:\n" +
                       B.tail()));
    }
  }
  // Conflicts are the all-fixes variant's.
  std::vector<std::string> Conflicts = Variants[1].Applied.Conflict;

  // 3. Tests on every fixed variant: a faster wrong program is not a fix.
  double T1 = now();
  if (!O->Test.empty())
    for (Variant &V : llvm::drop_begin(Variants)) {
      ProcessResult T = runShell(substitute(O->Test, V.Build, V.Src), V.Build,
                                 {}, V.Dir + "/test.log");
      V.Result.Tests =
          T.ExitCode == 0 ? VariantResult::Passed : VariantResult::Failed;
      if (T.ExitCode != 0)
        V.Result.TestOutput = T.tail(30);
    }

  double TestSeconds = now() - T1;

  // 4. The benchmark: a warm-up run each (which must pass on the
  //    baseline), then ABAB... so that drift hits every variant alike.
  std::string Shim = path::parent_path(path::parent_path(Self)).str() +
                     "/lib/libhotpath_allocshim.so";
  if (!fs::exists(Shim))
    Shim.clear();
  BenchRunner Runner(O->Bench, Shim, ScratchDir);
  double R0 = now();
  for (Variant &V : Variants) {
    if (V.Result.Tests == VariantResult::Failed)
      continue;
    Samples Ignored;
    if (!Runner.runOnce(V.Build, V.Src, Ignored, Error)) {
      if (V.Name == "baseline")
        return Done(fail("the benchmark fails on the baseline: " + Error));
      V.Result.Tests = VariantResult::Failed;
      V.Result.TestOutput = "the benchmark fails with the fix: " + Error;
    }
  }
  for (unsigned Rep = 0; Rep < O->Reps; ++Rep)
    for (Variant &V : Variants) {
      if (V.Result.Tests == VariantResult::Failed)
        continue;
      Samples S;
      if (!Runner.runOnce(V.Build, V.Src, S, Error))
        return Done(fail("the benchmark failed on " + V.Name + ": " + Error));
      for (const auto &[Metric, Value] : S)
        V.Samples[Metric].push_back(Value);
    }
  double BenchSeconds = now() - R0;

  // 5. Statistics against the baseline.
  Report R;
  R.Benchmark = O->Bench;
  R.GoogleBenchmark = Runner.isGoogleBenchmark();
  R.Reps = O->Reps;
  R.Conflicts = Conflicts;
  for (Variant &V : llvm::drop_begin(Variants)) {
    for (const auto &[Metric, Base] : Variants[0].Samples) {
      auto It = V.Samples.find(Metric);
      if (It == V.Samples.end())
        continue;
      V.Result.Metrics.push_back({Metric, compare(Base, It->second)});
    }
    R.Variants.push_back(V.Result);
  }

  // 6. --apply: the fixes that proved themselves (each alone with
  //    --per-fix, else all together), written atomically file by file.
  bool Worse = llvm::any_of(R.Variants,
                            [](const VariantResult &V) { return V.worse(); });
  if (O->Apply) {
    std::vector<const Fixable *> Proven;
    for (size_t I = 1; I < Variants.size(); ++I) {
      const VariantResult &VR = R.Variants[I - 1];
      bool Single = Variants[I].Fixes.size() == 1 && O->PerFix && I > 1;
      if ((O->PerFix && !Single) || (!O->PerFix && I != 1))
        continue;
      for (const Fixable *F : Variants[I].Fixes) {
        if (!llvm::is_contained(VR.Findings, F->Id))
          continue;
        if (VR.proven())
          Proven.push_back(F);
        else
          R.LeftOut.push_back(describe(*F) + ": " +
                              (VR.Tests == VariantResult::Failed
                                   ? "a test fails"
                               : VR.worse() ? "a metric got worse"
                                            : "no significant improvement"));
      }
    }
    if (!Proven.empty()) {
      auto Applied = applyFixes(Proven, Src, Src, Error);
      if (!Applied)
        return Done(fail("--apply: " + Error));
      R.AppliedToTree = Applied->Applied;
    }
  }
  R.BuildSeconds = BuildSeconds;
  R.BenchSeconds = BenchSeconds;
  // Everything beyond the builds, the user's tests and the benchmark runs:
  // the analysis, the copies, the fixes and the statistics.
  R.OwnSeconds = now() - Start - BuildSeconds - BenchSeconds - TestSeconds;

  // 7. The report and the chart.
  std::error_code EC;
  std::unique_ptr<llvm::raw_fd_ostream> File;
  if (!O->Output.empty()) {
    File = std::make_unique<llvm::raw_fd_ostream>(O->Output, EC);
    if (EC)
      return Done(fail("cannot write " + O->Output + ": " + EC.message()));
  }
  writeReport(File ? *File : llvm::outs(), R, O->Fmt);
  std::string Chart = O->Chart;
  if (Chart.empty() && !O->Output.empty()) {
    llvm::SmallString<256> P(O->Output);
    path::replace_extension(P, "svg");
    Chart = P.str().str();
  }
  if (!Chart.empty() && !R.Variants.empty()) {
    llvm::raw_fd_ostream SVG(Chart, EC);
    if (!EC) {
      writeChart(SVG, R);
      note("chart written to " + Chart);
    }
  }
  note(llvm::formatv("builds {0:f1}s, benchmark runs {1:f1}s, verify itself "
                     "{2:f2}s (of which the analysis {3:f2}s)",
                     BuildSeconds, BenchSeconds, R.OwnSeconds, AnalysisSeconds)
           .str());
  return Done(Worse ? ExitWorse : ExitOk);
}

} // namespace hotpath::verify
