//===--- CommandLine.cpp - hotpath tool -----------------------------------===//

#include "findings/CommandLine.h"

namespace clang::tidy::hotpath::findings {

using namespace llvm;

// Function-local statics: an option's constructor names its sub-commands
// while other files' statics are still being built.
cl::SubCommand &checkCommand() {
  static cl::SubCommand Sub(
      "check", "Run the checks over a compile database (the default).");
  return Sub;
}
cl::SubCommand &reportCommand() {
  static cl::SubCommand Sub(
      "report", "Merge the findings of a build (the compiler "
                "plugin's export files) or of the shards of a run.");
  return Sub;
}
cl::SubCommand &verifyCommand() {
  static cl::SubCommand Sub("verify",
                            "Benchmark the fixes before against after on "
                            "your project and keep what measurably helped.");
  return Sub;
}
cl::OptionCategory &checkCategory() {
  static cl::OptionCategory Cat("hotpath options");
  return Cat;
}
cl::OptionCategory &outputCategory() {
  static cl::OptionCategory Cat("output and ranking options");
  return Cat;
}

namespace {

// The output options belong to `check` (and the top level) and `report`.
struct InOutputCommands {
  template <class Opt> void apply(Opt &O) const {
    InCheckCommand().apply(O);
    O.addSubCommand(reportCommand());
  }
};
const InOutputCommands Shared;

cl::opt<Format> OutputFormat(
    "format", cl::desc("Output format."),
    cl::values(clEnumValN(Format::Text, "text", "clang-style diagnostics"),
               clEnumValN(Format::Json, "json",
                          "a JSON array, one object per finding"),
               clEnumValN(Format::Sarif, "sarif", "SARIF 2.1.0")),
    cl::init(Format::Text), cl::cat(outputCategory()), Shared);
cl::opt<std::string> OutputFile("o",
                                cl::desc("Write the findings here instead of "
                                         "stdout."),
                                cl::value_desc("file"), cl::init(""),
                                cl::cat(outputCategory()), Shared);
cl::alias OutputAlias("output", cl::desc("Alias for -o"),
                      cl::aliasopt(OutputFile));
cl::opt<std::string> SarifBase(
    "sarif-base",
    cl::desc("Directory that SARIF locations are relative to (SRCROOT); "
             "default: the current directory."),
    cl::init(""), cl::cat(outputCategory()), Shared);
cl::opt<std::string> DocBaseUri(
    "doc-base-uri",
    cl::desc("Where the check pages are, for SARIF help links (default: "
             "this build's docs/checks/)."),
    cl::init(""), cl::cat(outputCategory()), Shared);
cl::opt<bool> Fix("fix", cl::desc("Apply the fixes that do not conflict."),
                  cl::cat(outputCategory()), Shared);
cl::opt<std::string>
    ExportFixes("export-fixes",
                cl::desc("Write the fixes in clang-apply-replacements YAML."),
                cl::value_desc("file.yaml"), cl::init(""),
                cl::cat(outputCategory()), Shared);
cl::opt<std::string> ProfilePath(
    "profile",
    cl::desc("A profile of the program: an instrumentation .profdata (with "
             "--profile-binary), perf.data or its 'perf script' text, or a "
             "callgrind.out file. Every finding gets its measured cost; the "
             "hottest comes first."),
    cl::value_desc("file"), cl::init(""), cl::cat(outputCategory()), Shared);
cl::list<std::string> ProfileBinaries(
    "profile-binary",
    cl::desc("An instrumented executable or shared library the .profdata "
             "was recorded from; may be repeated."),
    cl::value_desc("file"), cl::cat(outputCategory()), Shared);
cl::opt<SortOrder> Sort(
    "sort",
    cl::desc("Order of the findings (default: hotness with "
             "--profile, else location)."),
    cl::values(clEnumValN(SortOrder::Hotness, "hotness", "hottest first"),
               clEnumValN(SortOrder::Location, "location", "by file and line")),
    cl::init(SortOrder::Default), cl::cat(outputCategory()), Shared);
cl::opt<double> MinShare(
    "min-share",
    cl::desc("Hide findings whose code holds less than this percentage of "
             "the profile's total (and those it does not cover)."),
    cl::value_desc("percent"), cl::init(0.0), cl::cat(outputCategory()),
    Shared);
cl::opt<bool>
    ShowIds("show-ids",
            cl::desc("Text output: each finding's id after its check name "
                     "(JSON always has it; `hotpath verify --only=<id>`)."),
            cl::cat(outputCategory()), Shared);
cl::opt<unsigned> Jobs("j",
                       cl::desc("Files analysed (check) or read (report) in "
                                "parallel (default: all cores)."),
                       cl::init(0), cl::Prefix, cl::cat(outputCategory()),
                       Shared);
cl::opt<bool> Quiet("quiet", cl::desc("No progress line and no summary."),
                    cl::cat(outputCategory()), Shared);

} // namespace

Ranking rankingOptions() {
  Ranking R;
  R.Profile = ProfilePath;
  R.Binaries.assign(ProfileBinaries.begin(), ProfileBinaries.end());
  R.Order = Sort;
  R.MinShare = MinShare;
  return R;
}

OutputSettings outputOptions(const char *Argv0) {
  OutputSettings S;
  S.Fmt = OutputFormat;
  S.OutputFile = OutputFile;
  S.SarifBase = SarifBase;
  S.DocBaseUri = DocBaseUri;
  S.Argv0 = Argv0;
  S.ShowIds = ShowIds;
  S.Fix = Fix;
  S.Quiet = Quiet;
  S.ExportFixes = ExportFixes;
  return S;
}

unsigned jobsOption() { return Jobs; }
bool quietOption() { return Quiet; }

} // namespace clang::tidy::hotpath::findings
