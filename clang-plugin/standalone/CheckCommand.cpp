//===--- CheckCommand.cpp - hotpath standalone tool -----------------------===//
//
// `hotpath [check]`: runs the hotpath checks over a compile database (or one
// file with flags after `--`), one translation unit per worker thread, and
// prints the findings as text, JSON or SARIF; applies or exports the fixes.
//
// Exit status: 0 when it ran (findings or not), 1 when a finding matched
// --warnings-as-errors, 2 for usage or input errors (bad options, unknown
// checks, a missing or malformed compile database, a file that is not in it
// or does not compile), 3 when the analysis of a file crashed (reported with
// the check and its stack; every other file is still analysed and reported).
// Other files are still analysed after an input error.
//
//===----------------------------------------------------------------------===//

#include "CheckCommand.h"
#include "../common/DocsDir.h"
#include "Analysis.h"
#include "CheckOptions.h"
#include "CrashIsolation.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/GlobList.h"
#include "common/FrontendOptions.h"
#include "findings/CheckCatalog.h"
#include "findings/CommandLine.h"
#include "findings/EffectResolution.h"
#include "findings/FindingMerge.h"
#include "findings/Findings.h"
#include "findings/Outputs.h"
#include "findings/Ranking.h"
#include "findings/Reporters.h"
#include "findings/Summary.h"
#include "relevance/Hotness.h"
#include "relevance/RunOnce.h"
#include "support/FixScope.h"
#include "clang/Basic/Version.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h" // ArgumentsAdjustingCompilations
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <thread>
#include <tuple>
#include <unistd.h>

using namespace clang;
using namespace clang::tidy;
using namespace llvm;
using namespace clang::tidy::hotpath::findings;
using namespace clang::tidy::hotpath::standalone;

namespace clang::tidy {
extern volatile int HotpathModuleAnchorSource;
} // namespace clang::tidy
[[maybe_unused]] static int ModuleAnchor = HotpathModuleAnchorSource;

static cl::opt<std::string> BuildPath("p",
                                      cl::desc("Build directory with "
                                               "compile_commands.json."),
                                      cl::value_desc("build dir"), cl::init(""),
                                      cl::cat(checkCategory()),
                                      InCheckCommand());
static cl::list<std::string> SourcePaths(cl::Positional,
                                         cl::desc("[<file> ...]"),
                                         cl::cat(checkCategory()),
                                         InCheckCommand());
static cl::list<std::string> ExtraArgs("extra-arg",
                                       cl::desc("Compiler argument to append."),
                                       cl::cat(checkCategory()),
                                       InCheckCommand());
static cl::list<std::string>
    ExtraArgsBefore("extra-arg-before",
                    cl::desc("Compiler argument to prepend."),
                    cl::cat(checkCategory()), InCheckCommand());

const char *clang::tidy::hotpath::standalone::checkHelp() {
  return R"(
Examples:
  hotpath -p build                      all files of build/compile_commands.json
  hotpath -p build src/a.cpp src/b.cpp  those files, with their flags from it
  hotpath file.cpp -- -std=c++17 -Iinclude
  hotpath -p build --format=sarif -o hotpath.sarif --sarif-base=$PWD
  hotpath -p build --fix

Exit status: 0 ran, 1 a finding matched --warnings-as-errors, 2 usage or
input error (the other files are still analysed), 3 the analysis of a file
crashed (reported with the check and its stack; the other files' findings
are printed).
)";
}

static cl::opt<std::string> Checks("checks", cl::desc(R"(Glob list of checks
(default: all hotpath checks). Added to the .clang-tidy or --config value.)"),
                                   cl::init(""), cl::cat(checkCategory()),
                                   InCheckCommand());
static cl::opt<std::string> Config("config", cl::desc(R"(Inline YAML/JSON
configuration, as in clang-tidy --config; replaces .clang-tidy lookup.)"),
                                   cl::init(""), cl::cat(checkCategory()),
                                   InCheckCommand());
static cl::opt<std::string>
    ConfigFile("config-file",
               cl::desc("Read the configuration from this file instead of "
                        ".clang-tidy lookup."),
               cl::init(""), cl::cat(checkCategory()), InCheckCommand());
static cl::opt<std::string>
    HeaderFilter("header-filter",
                 cl::desc("Regex of headers whose findings are reported "
                          "(overrides HeaderFilterRegex)."),
                 cl::init(""), cl::cat(checkCategory()), InCheckCommand());
static cl::list<std::string>
    Exclude("exclude",
            cl::desc("Skip files matching this glob (against the absolute "
                     "path and the path relative to the current directory); "
                     "may be repeated."),
            cl::cat(checkCategory()), InCheckCommand());
static cl::opt<std::string> WarningsAsErrors(
    "warnings-as-errors",
    cl::desc("Glob list of checks whose findings make the exit status 1."),
    cl::init(""), cl::cat(checkCategory()), InCheckCommand());
static cl::opt<bool> ListChecks("list-checks",
                                cl::desc("List the enabled checks and exit."),
                                cl::cat(checkCategory()), InCheckCommand());
// A child of a run that crashed on one file: that file alone, no recovery
// (CrashIsolation.h).
static cl::opt<std::string>
    CrashProbe(CrashProbeFlag.drop_front(2).drop_back(), cl::Hidden,
               cl::init(""),
               cl::desc("(internal) rerun one file to diagnose a crash"),
               InCheckCommand());
static cl::opt<std::string> CrashProbeChecks(
    CrashProbeChecksFlag.drop_front(2).drop_back(), cl::Hidden, cl::init(""),
    cl::desc("(internal) the checks of a crash probe"), InCheckCommand());
static cl::opt<bool> IncludeRunOnce(
    "include-run-once",
    cl::desc("Also report per-call and per-iteration costs in code that runs "
             "once: unit tests, main, cold functions, static initialisation, "
             "catch handlers, benchmark setup (the HotpathReportRunOnceCode "
             "option)."),
    cl::cat(checkCategory()), InCheckCommand());
static cl::opt<std::string> Shard(
    "shard",
    cl::desc("Analyse only shard <i> of <n> (1 <= i <= n): the database's "
             "files sorted by path, every n-th from the i-th. n jobs with "
             "--format=json cover the project once; `hotpath report` merges "
             "their outputs."),
    cl::value_desc("i/n"), cl::init(""), cl::cat(checkCategory()),
    InCheckCommand());
static cl::opt<std::string> SaveSummaries(
    "save-summaries",
    cl::desc("Where to save the effect summaries, for hotpath-clangd and "
             "clang-tidy to follow calls into other files "
             "(docs/through-calls.md): a path, or 'none'. Default: "
             "hotpath-summaries.json in -p's directory (not with --shard)."),
    cl::value_desc("path"), cl::init(""), cl::cat(checkCategory()),
    InCheckCommand());

namespace {

constexpr int ExitOk = 0, ExitFindingsAsErrors = 1, ExitInputError = 2,
              ExitCrashed = 3;

// The resource directory of the clang this tool was built with, so that its
// builtin headers are found wherever the binary is run from.
tooling::ArgumentsAdjuster resourceDirAdjuster() {
  return [](const tooling::CommandLineArguments &Args, StringRef) {
    for (const std::string &A : Args)
      if (StringRef(A).starts_with("-resource-dir"))
        return Args;
    tooling::CommandLineArguments Out = Args;
    Out.insert(Out.begin() + (Out.empty() ? 0 : 1),
               "-resource-dir=" HOTPATH_RESOURCE_DIR);
    return Out;
  };
}

class BorrowedDatabase : public tooling::CompilationDatabase {
public:
  explicit BorrowedDatabase(const tooling::CompilationDatabase &DB) : DB(DB) {}
  std::vector<tooling::CompileCommand>
  getCompileCommands(StringRef File) const override {
    return DB.getCompileCommands(File);
  }
  std::vector<std::string> getAllFiles() const override {
    return DB.getAllFiles();
  }
  std::vector<tooling::CompileCommand> getAllCompileCommands() const override {
    return DB.getAllCompileCommands();
  }

private:
  const tooling::CompilationDatabase &DB;
};

// The compile database: flags after `--`, -p's directory, or one found
// above the first file. nullptr after an error line.
std::unique_ptr<tooling::CompilationDatabase>
loadDatabase(std::unique_ptr<tooling::CompilationDatabase> Fixed) {
  if (Fixed)
    return Fixed;
  std::string Error;
  std::unique_ptr<tooling::CompilationDatabase> Loaded;
  if (!BuildPath.empty())
    Loaded = tooling::CompilationDatabase::loadFromDirectory(BuildPath, Error);
  else if (!SourcePaths.empty())
    Loaded = tooling::CompilationDatabase::autoDetectFromSource(
        SourcePaths.front(), Error);
  else
    Error = "give -p <build dir> or files followed by -- <compiler flags>";
  if (!Loaded)
    errorLine(
        "no compilation database" +
        (BuildPath.empty() ? Twine("") : Twine(" in '" + BuildPath + "'")) +
        ": " + StringRef(Error).trim());
  return Loaded;
}

// --extra-arg(-before), this clang's resource directory, no carets.
void addAdjusters(tooling::ArgumentsAdjustingCompilations &DB) {
  if (!ExtraArgsBefore.empty())
    DB.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        ExtraArgsBefore, tooling::ArgumentInsertPosition::BEGIN));
  if (!ExtraArgs.empty())
    DB.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        ExtraArgs, tooling::ArgumentInsertPosition::END));
  DB.appendArgumentsAdjuster(resourceDirAdjuster());
  // No "N warnings generated." per TU on stderr: the findings are ours to
  // print.
  DB.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      "-fno-caret-diagnostics", tooling::ArgumentInsertPosition::END));
}

// The clang-tidy options of a run and what was read to make them.
struct RunOptions {
  OptionsSetup Setup;
  std::shared_ptr<const ::hotpath::profile::Profile> Profile;
  bool ProfileFailed = false;
  std::vector<std::string> Enabled;
  SmallString<256> Cwd;
};

// --config or --config-file into \p Setup; false after an error line.
bool readConfig(OptionsSetup &Setup) {
  if (!Config.empty() && !ConfigFile.empty()) {
    errorLine("--config and --config-file are mutually exclusive");
    return false;
  }
  if (Config.empty() && ConfigFile.empty())
    return true;
  std::string Text = Config, Source = "--config";
  if (!ConfigFile.empty()) {
    auto Buf = MemoryBuffer::getFile(ConfigFile);
    if (!Buf) {
      errorLine("cannot read --config-file '" + ConfigFile +
                "': " + Buf.getError().message());
      return false;
    }
    Text = (*Buf)->getBuffer().str();
    Source = ConfigFile;
  }
  auto Opts = parseConfiguration(MemoryBufferRef(Text, Source));
  if (!Opts) {
    errorLine("invalid configuration in " + Source + ": " +
              Opts.getError().message());
    return false;
  }
  Setup.FromConfig = std::move(*Opts);
  return true;
}

// The command line as clang-tidy options, the profile read once (and shared
// with the checks through the process-wide cache), the checks validated.
// nullopt after an error line. A profile that cannot be read is an input
// error, and the findings are still printed, without hotness.
std::optional<RunOptions> buildOptions(const Ranking &Rank, bool Quiet) {
  RunOptions R;
  R.Setup.Defaults = ClangTidyOptions::getDefaults();
  R.Setup.Defaults.Checks = "-*,hotpath-*";
  // Main files only unless told otherwise, whatever this clang-tidy's own
  // default is (LLVM 22 reports in every header by default).
  R.Setup.Defaults.HeaderFilterRegex = "";
  ::hotpath::common::FrontendSettings Settings;
  if (!Checks.empty())
    Settings.Checks = Checks;
  if (!CrashProbe.empty() && !CrashProbeChecks.empty())
    Settings.Checks = CrashProbeChecks;
  if (!WarningsAsErrors.empty())
    Settings.WarningsAsErrors = WarningsAsErrors;
  // Files report the findings they would only veto (support/FixScope.h): the
  // merge needs them.
  Settings.MergeVetoes = true;
  Settings.EffectSummaries = true;
  if (!Rank.Profile.empty() && CrashProbe.empty()) {
    R.Profile = loadProfile(Rank.Profile, Rank.Binaries, Quiet);
    // A stale profile (functions or files changed since it was recorded) is
    // bad input too: the rest is measured, the warnings say what is not.
    R.ProfileFailed = !R.Profile || !R.Profile->Warnings.empty();
  } else if (!Rank.Binaries.empty() && Rank.Profile.empty()) {
    errorLine("--profile-binary needs --profile");
    return std::nullopt;
  }
  if (R.Profile) {
    Settings.Profile = Rank.Profile;
    Settings.ProfileBinaries = Rank.Binaries;
    Settings.HotnessNotes = true;
  }
  Settings.ReportRunOnce = IncludeRunOnce;
  if (!HeaderFilter.empty())
    Settings.HeaderFilter = HeaderFilter;
  ::hotpath::common::applySettings(Settings, R.Setup.Override);
  if (!readConfig(R.Setup))
    return std::nullopt;
  // The options as they apply in the current directory, for validation and
  // --list-checks (per-file .clang-tidy files may still differ).
  sys::fs::current_path(R.Cwd);
  ClangTidyOptions Effective =
      R.Setup.make()->getOptions((R.Cwd + "/hotpath-dummy.cpp").str());
  if (!validate(Effective, Checks))
    return std::nullopt;
  R.Enabled = enabledChecks(Effective);
  return R;
}

void listChecks(const std::vector<std::string> &Enabled) {
  outs() << "Enabled checks:\n";
  for (const std::string &C : Enabled) {
    const auto *Info = clang::tidy::hotpath::findings::findCheckInfo(C);
    outs() << "    " << C << "  "
           << (Info ? Info->Summary
                    : StringRef("(no description: add it to "
                                "checks/Checks.def)"))
           << "\n";
  }
}

// The files to analyse (the files named, or all of the database's, less
// --exclude, this --shard's) into \p Work; \p Listed gets the database's
// files. False after an error line.
bool selectWork(tooling::CompilationDatabase &DB, StringRef Cwd, bool Quiet,
                std::vector<std::string> &Work, std::set<std::string> &Listed) {
  std::vector<std::string> Files(SourcePaths.begin(), SourcePaths.end());
  for (const std::string &F : DB.getAllFiles()) {
    SmallString<256> Abs(F);
    sys::fs::make_absolute(Abs);
    sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    Listed.insert(Abs.str().str());
  }
  if (!CrashProbe.empty())
    Files = {CrashProbe};
  else if (Files.empty())
    Files = DB.getAllFiles();
  if (Files.empty()) {
    errorLine("no files to analyse: give files, or -p <build dir> with a "
              "compile_commands.json that lists some");
    return false;
  }
  std::string SelectError;
  if (!selectFiles(Files, Exclude, Cwd, Work, SelectError) ||
      (!Shard.empty() && CrashProbe.empty() &&
       !takeShard(Work, Shard, Quiet, SelectError))) {
    errorLine(SelectError);
    return false;
  }
  return true;
}

// What the analysis of every file left for the report.
struct Outcome {
  std::vector<ClangTidyError> Unique; // merged, with their fixes
  std::vector<Finding> Findings;      // shown, ranked
  std::vector<Finding> VetoOnly;      // a JSON shard's, for report's merge
  std::map<std::string, unsigned> PerCheck;
  unsigned Failed = 0, Crashed = 0, AsErrors = 0;
  size_t BelowShare = 0;
  std::vector<std::string> ProfiledCandidates;
};

// Findings in a header shared by several TUs are reported once; a crashed
// file gets its crash report, a file that failed its error line.
Outcome mergeResults(llvm::ArrayRef<const char *> OriginalArgv,
                     const std::vector<std::string> &Work,
                     std::vector<FileResult> &Results, const RunOptions &Run,
                     const Ranking &Rank, bool JsonShard, LineTable &Lines) {
  Outcome O;
  FindingMerge Merge;
  EffectResolution Effects;
  std::vector<ClangTidyError> HandOn;
  std::vector<Finding> HandOnSummaries;
  for (size_t I = 0; I < Work.size(); ++I) {
    if (Results[I].Crashed) {
      ++O.Crashed;
      printCrashReport(diagnoseCrash(OriginalArgv, Work[I], Run.Enabled),
                       errs());
      continue;
    }
    if (!Results[I].Failure.empty()) {
      ++O.Failed;
      errorLine(Work[I] + ": " + Results[I].Failure);
    }
    std::vector<ClangTidyError> &Errors = Results[I].Errors;
    if (JsonShard) { // hands them on to report's merge of the shards
      std::vector<ClangTidyError> Kept;
      for (ClangTidyError &E : Errors)
        (awaitsResolution(E) ? HandOn : Kept).push_back(std::move(E));
      Errors = std::move(Kept);
    }
    Effects.take(Errors);
    for (auto &[Check, Records] : Results[I].Summaries) {
      if (!JsonShard) {
        Effects.addSummaries(Check, std::move(Records));
        continue;
      }
      // A shard's JSON carries them as an entry of their own.
      Finding F;
      F.Check = Check;
      F.Message = "effect summaries (for the merge across files)";
      F.Loc = Lines.locate(Work[I], 0);
      F.Summaries = std::move(Records);
      HandOnSummaries.push_back(std::move(F));
    }
    Merge.add(std::move(Errors));
  }
  // Every TU's summaries are in: the findings that waited on them.
  if (!JsonShard)
    Merge.add(Effects.resolve());
  O.Unique = Merge.take();
  for (const ClangTidyError &E : O.Unique) {
    O.Findings.push_back(toFinding(E, Lines));
    O.AsErrors += E.IsWarningAsError;
    ++O.PerCheck[E.DiagnosticName];
  }
  // What the profile could cover: the analysed TUs and the files of every
  // finding, hidden ones included (a header-only library's findings are in
  // headers the profiled program uses, its TUs are tests it does not run).
  O.ProfiledCandidates = Work;
  if (Run.Profile) {
    for (const Finding &F : O.Findings)
      O.ProfiledCandidates.push_back(F.Loc.File);
    if (Rank.Order != SortOrder::Location)
      sortByHotness(O.Findings);
    if (Rank.MinShare > 0)
      O.BelowShare = dropBelowShare(O.Findings, Rank.MinShare);
  }
  if (O.BelowShare) {
    O.PerCheck.clear();
    for (const Finding &F : O.Findings)
      ++O.PerCheck[F.Check];
  }
  // A shard hands the findings it reports only to veto a fix on to the
  // report that merges the shards (FindingMerge).
  if (JsonShard)
    for (const std::vector<ClangTidyError> &List :
         {Merge.takeVetoOnly(), HandOn})
      for (const ClangTidyError &E : List)
        O.VetoOnly.push_back(toFinding(E, Lines));
  llvm::append_range(O.VetoOnly, HandOnSummaries);
  return O;
}

void printRunSummary(const Outcome &O, size_t Files, double Seconds,
                     const RunOptions &Run, const Ranking &Rank) {
  RunSummary Sum;
  Sum.Analysed = Files - O.Failed - O.Crashed;
  Sum.Failed = O.Failed;
  Sum.Crashed = O.Crashed;
  Sum.Findings = O.Findings.size();
  Sum.Seconds = Seconds;
  Sum.PerCheck = O.PerCheck;
  Sum.BelowShare = O.BelowShare;
  Sum.MinShare = Rank.MinShare;
  Sum.HeldBack = takeHeldBack();
  printSummary(errs(), Sum);
  if (Run.Profile)
    printProfileSummary(errs(), *Run.Profile, O.Findings, O.ProfiledCandidates);
}

} // namespace

int clang::tidy::hotpath::standalone::runCheck(
    llvm::ArrayRef<const char *> OriginalArgv,
    std::unique_ptr<tooling::CompilationDatabase> Fixed,
    const std::string &FixedError) {
  const Ranking Rank = rankingOptions();
  const bool Quiet = quietOption();
  if (!FixedError.empty()) {
    errorLine("invalid flags after '--': " + FixedError);
    return ExitInputError;
  }
  const bool IsFixed = Fixed != nullptr;
  std::unique_ptr<tooling::CompilationDatabase> Loaded =
      loadDatabase(std::move(Fixed));
  if (!Loaded)
    return ExitInputError;
  tooling::ArgumentsAdjustingCompilations ResourceDB(
      std::make_unique<BorrowedDatabase>(*Loaded));
  addAdjusters(ResourceDB);
  std::optional<RunOptions> Run = buildOptions(Rank, Quiet);
  if (!Run)
    return ExitInputError;
  if (ListChecks) {
    listChecks(Run->Enabled);
    return ExitOk;
  }
  std::vector<std::string> Work;
  std::set<std::string> Listed;
  if (!selectWork(*Loaded, Run->Cwd, Quiet, Work, Listed))
    return ExitInputError;

  const bool Probe = !CrashProbe.empty();
  unsigned NumJobs = jobsOption()
                         ? jobsOption()
                         : std::max(1u, std::thread::hardware_concurrency());
  if (Probe)
    NumJobs = 1;
  NumJobs = std::min<unsigned>(NumJobs, Work.size());
  bool Tty = !Quiet && !Probe && sys::Process::StandardErrIsDisplayed();
  Progress Prog(Work.size(), Tty);
  LineTable Lines;
  AnalysisSetup Analysis{Run->Setup, ResourceDB, Listed, IsFixed};
  if (Probe) {
    // Crash as a normal run would, with clang's dump; nothing else to do.
    return analyseFile(Analysis, Work[0], Lines).Failure.empty()
               ? ExitOk
               : ExitInputError;
  }
  std::vector<FileResult> Results =
      analyseAll(Analysis, Work, NumJobs, Prog, Lines);
  Prog.clear();
  // Before the merge, which consumes the summaries.
  std::string SaveTo = SaveSummaries;
  if (SaveTo.empty() && !BuildPath.empty() && Shard.empty())
    SaveTo = (BuildPath + "/" + support::SavedSummariesName).str();
  bool Saved = SaveTo == "none" || SaveTo.empty() ||
               saveUnitSummaries(SaveTo, !SaveSummaries.empty(), Work, Results);

  OutputSettings OS = outputOptions(OriginalArgv[0]);
  Outcome O = mergeResults(OriginalArgv, Work, Results, *Run, Rank,
                           !Shard.empty() && OS.Fmt == Format::Json, Lines);
  OS.Rules = Run->Enabled;
  OS.ExportMainFile = Work.size() == 1 ? Work.front() : "";
  int Status = writeOutputs(OS, O.Findings, O.VetoOnly, O.Unique, Lines)
                   ? ExitOk
                   : ExitInputError;
  if (!Quiet)
    printRunSummary(O, Work.size(), Prog.seconds(), *Run, Rank);
  if (O.Crashed)
    return ExitCrashed;
  if (Run->ProfileFailed || O.Failed || !Saved)
    return ExitInputError;
  if (Status != ExitOk)
    return Status;
  return O.AsErrors ? ExitFindingsAsErrors : ExitOk;
}
