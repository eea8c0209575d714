//===--- ReportCommand.cpp - hotpath report -------------------------------===//
//
// Reading is parallel (a large build leaves tens of thousands of files); the
// merge is the tool's own (FindingMerge: one finding per location, the fix
// from the TU that can judge it), fed in a fixed order so that the result
// does not depend on the order the files were listed in.
//
//===----------------------------------------------------------------------===//

#include "ReportCommand.h"
#include "ProfileSites.h"
#include "findings/CommandLine.h"
#include "findings/EffectResolution.h"
#include "findings/FindingMerge.h"
#include "findings/Findings.h"
#include "findings/FindingsFile.h"
#include "findings/Outputs.h"
#include "findings/Ranking.h"
#include "findings/Summary.h"
#include "support/SavedSummaries.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

namespace hotpath::report {

using namespace llvm;
using namespace clang::tidy::hotpath::findings;
namespace ff = clang::tidy::hotpath::findings;

namespace {

constexpr int ExitOk = 0, ExitFindingsAsErrors = 1, ExitInputError = 2;

cl::list<std::string> Inputs(cl::Positional, cl::desc("<dir|file>..."),
                             cl::cat(outputCategory()),
                             cl::sub(reportCommand()));

cl::opt<std::string> SaveSummaries(
    "save-summaries",
    cl::desc("Save the exports' effect summaries here (hotpath-summaries.json "
             "beside compile_commands.json is where hotpath-clangd looks), "
             "for the front-ends that see one file at a time "
             "(docs/through-calls.md)."),
    cl::value_desc("path"), cl::init(""), cl::cat(outputCategory()),
    cl::sub(reportCommand()));

// The plugin's exports' summaries, per TU, with the digest of each main
// file as it is now (the report has checked the exports are not stale).
bool saveExportSummaries(
    StringRef Path,
    std::vector<clang::tidy::hotpath::support::SavedUnit> Units) {
  if (Error E = clang::tidy::hotpath::support::saveSummaries(
          Path, std::move(Units))) {
    errorLine("cannot save the effect summaries to '" + Path +
              "': " + toString(std::move(E)));
    return false;
  }
  return true;
}

struct Options {
  std::vector<std::string> Inputs;
  OutputSettings Out;
  Ranking Rank;
};

// The parsed options, checked against each other.
std::optional<Options> collect(const char *Argv0, std::string &Error) {
  Options O;
  O.Inputs.assign(Inputs.begin(), Inputs.end());
  O.Out = outputOptions(Argv0);
  O.Rank = rankingOptions();
  if (O.Inputs.empty()) {
    Error = "give the export directory of a build, or findings files";
    return std::nullopt;
  }
  if (!O.Rank.Binaries.empty() && O.Rank.Profile.empty()) {
    Error = "--profile-binary needs --profile";
    return std::nullopt;
  }
  if (O.Rank.MinShare < 0) {
    Error = "--min-share needs a percentage, not a negative number";
    return std::nullopt;
  }
  return O;
}

} // namespace

const char *reportHelp() {
  return R"(
Merges the findings of a build or of the shards of a run and reports them as
one run of `hotpath` would: a header's finding once, with the fix of the
translation unit that could judge it.

Inputs:
  <dir>     every *.hotpath.json below it: the compiler plugin's export files
            (clang++ -fplugin=hotpath-plugin.so
                     -fplugin-arg-hotpath-export-dir=<dir> ...)
  <file>    an export file, or the JSON output of `hotpath --format=json`
            (typically one shard of `hotpath --shard=<i>/<n>`)

A file is stale when a source it points into changed after it was written
(export files keep a digest of each; for the tool's JSON, each finding's
line and column must still match its offset): it is reported and left out,
and the exit status is 2. A file that is not a findings file is an error too.

Exit status: 0 reported, 1 a finding is marked as an error
(warnings-as-errors), 2 usage or input error (the rest is still reported).
)";
}

namespace {

// Every findings file named, directories searched for export files.
std::vector<std::string> listFiles(const std::vector<std::string> &Inputs,
                                   bool &Failed) {
  std::vector<std::string> Files;
  for (const std::string &In : Inputs) {
    if (!sys::fs::is_directory(In)) {
      if (!sys::fs::exists(In)) {
        errorLine(In + ": no such file or directory");
        Failed = true;
        continue;
      }
      Files.push_back(In);
      continue;
    }
    size_t Before = Files.size();
    std::error_code EC;
    for (sys::fs::recursive_directory_iterator It(In, EC), End;
         It != End && !EC; It.increment(EC)) {
      StringRef Name = sys::path::filename(It->path());
      // Dot files are a writer's temporaries (FindingsFile.cpp).
      if (Name.ends_with(ff::ExportSuffix) && !Name.starts_with("."))
        Files.push_back(It->path());
    }
    if (EC) {
      errorLine(In + ": cannot list: " + EC.message());
      Failed = true;
    } else if (Files.size() == Before) {
      errorLine(In + ": no export files (*" + ff::ExportSuffix.str() +
                ") in it: was the build run with "
                "-fplugin-arg-hotpath-export-dir=" +
                In + "?");
      Failed = true;
    }
  }
  llvm::sort(Files);
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
  return Files;
}

// The current state of the files findings point into, each read once.
class SourceState {
public:
  explicit SourceState(LineTable &Lines) : Lines(Lines) {}

  /// Why \p TU no longer describes its sources, or "" when it does.
  std::string staleness(const ff::TUFindings &TU) {
    for (const ff::InputDigest &D : TU.Inputs) {
      const Digest &Now = digest(D.File);
      if (!Now.Exists)
        return D.File + " no longer exists";
      if (Now.Size != D.Size || Now.Hash != D.Hash)
        return D.File + " changed since these findings were written";
    }
    for (const ff::PositionCheck &P : TU.Positions) {
      const Digest &Now = digest(P.File);
      if (!Now.Exists)
        return P.File + " no longer exists";
      Location L = Lines.locate(P.File, P.Offset);
      if (P.Offset > Now.Size || L.Line != P.Line || L.Column != P.Column)
        return formatv("{0} changed since these findings were written "
                       "(offset {1} is no longer line {2}, column {3})",
                       P.File, P.Offset, P.Line, P.Column)
            .str();
    }
    return "";
  }

private:
  struct Digest {
    bool Exists = false;
    uint64_t Size = 0;
    std::string Hash;
  };

  const Digest &digest(const std::string &File) {
    {
      std::lock_guard<std::mutex> Lock(Mu);
      auto It = Known.find(File);
      if (It != Known.end())
        return It->second;
    }
    Digest D;
    if (auto Buf = MemoryBuffer::getFile(File, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false)) {
      D.Exists = true;
      D.Size = (*Buf)->getBufferSize();
      D.Hash = ff::contentDigest((*Buf)->getBuffer());
    }
    std::lock_guard<std::mutex> Lock(Mu);
    // std::map: references stay valid as other threads insert.
    return Known.emplace(File, std::move(D)).first->second;
  }

  LineTable &Lines;
  std::mutex Mu;
  std::map<std::string, Digest> Known;
};

struct Loaded {
  std::optional<ff::TUFindings> TU;
  std::string Error; // corrupt or stale: why
};

// Reads and checks every file on -j threads: a file that does not parse or
// is stale gets its error; the rest are measured with \p Profile, per TU
// before the merge, as in a run with the profile (the merge prefers the copy
// of a header's finding that says more).
std::vector<Loaded> readAll(const std::vector<std::string> &Files,
                            const ::hotpath::profile::Profile *Profile,
                            LineTable &Lines) {
  SourceState State(Lines);
  std::vector<Loaded> Read(Files.size());
  std::atomic<size_t> Next{0};
  auto Work = [&] {
    for (size_t I; (I = Next.fetch_add(1)) < Files.size();) {
      Expected<ff::TUFindings> TU = ff::readFindingsFile(Files[I]);
      if (!TU) {
        Read[I].Error = toString(TU.takeError());
        continue;
      }
      std::string Stale = State.staleness(*TU);
      if (!Stale.empty()) {
        Read[I].Error =
            Files[I] + ": stale: " + Stale +
            (TU->Source.empty() ? std::string("; run the analysis again")
                                : "; rebuild " + TU->Source +
                                      " to refresh them (its findings are "
                                      "left out)");
        continue;
      }
      for (clang::tidy::ClangTidyError &E : TU->Findings) {
        if (Profile)
          applyProfile(*Profile, E);
        else
          dropSites(E);
      }
      Read[I].TU = std::move(*TU);
    }
  };
  unsigned Jobs = jobsOption()
                      ? jobsOption()
                      : std::max(1u, std::thread::hardware_concurrency());
  Jobs = std::min<unsigned>(Jobs, std::max<size_t>(1, Files.size()));
  std::vector<std::thread> Threads;
  for (unsigned T = 1; T < Jobs; ++T)
    Threads.emplace_back(Work);
  Work();
  for (std::thread &T : Threads)
    T.join();
  return Read;
}

} // namespace

int runReport(const char *Argv0) {
  std::string Error;
  std::optional<Options> Opt = collect(Argv0, Error);
  if (!Opt) {
    errorLine(Error);
    errs() << "(hotpath report --help lists the options)\n";
    return ExitInputError;
  }
  Progress Clock(0, false);

  bool InputFailed = false;
  std::vector<std::string> Files = listFiles(Opt->Inputs, InputFailed);

  std::shared_ptr<const ::hotpath::profile::Profile> Profile;
  if (!Opt->Rank.Profile.empty()) {
    Profile =
        loadProfile(Opt->Rank.Profile, Opt->Rank.Binaries, Opt->Out.Quiet);
    InputFailed |= !Profile || !Profile->Warnings.empty();
  }

  LineTable Lines;
  std::vector<Loaded> Read = readAll(Files, Profile.get(), Lines);

  // By source, then file: the merge keeps the first of equals, so the order
  // is fixed whatever order the inputs came in.
  std::vector<size_t> Order;
  size_t Bad = 0;
  for (size_t I = 0; I < Read.size(); ++I) {
    if (!Read[I].Error.empty()) {
      errorLine(Read[I].Error);
      ++Bad;
    } else {
      Order.push_back(I);
    }
  }
  llvm::sort(Order, [&](size_t A, size_t B) {
    return std::tie(Read[A].TU->Source, Files[A]) <
           std::tie(Read[B].TU->Source, Files[B]);
  });
  FindingMerge Merge;
  EffectResolution Effects;
  std::vector<ff::HeldBack> HeldBack;
  std::vector<clang::tidy::hotpath::support::SavedUnit> Saved;
  for (size_t I : Order) {
    const std::string &Source = Read[I].TU->Source;
    if (!SaveSummaries.empty() && !Source.empty())
      if (auto Text = MemoryBuffer::getFile(Source))
        Saved.push_back(
            {Source,
             clang::tidy::hotpath::support::digestOf((*Text)->getBuffer()),
             Read[I].TU->Summaries});
    Effects.take(Read[I].TU->Findings);
    for (auto &[Check, Records] : Read[I].TU->Summaries)
      Effects.addSummaries(Check, std::move(Records));
    Merge.add(std::move(Read[I].TU->Findings));
    for (ff::HeldBack &H : Read[I].TU->HeldBackFindings)
      HeldBack.push_back(std::move(H));
  }
  Merge.add(Effects.resolve());
  std::vector<clang::tidy::ClangTidyError> Unique = Merge.take();

  std::vector<Finding> Findings;
  unsigned AsErrors = 0;
  std::map<std::string, unsigned> PerCheck;
  for (clang::tidy::ClangTidyError &E : Unique) {
    Findings.push_back(toFinding(E, Lines));
    AsErrors += E.IsWarningAsError;
    ++PerCheck[E.DiagnosticName];
  }
  bool Measured = llvm::any_of(
      Findings, [](const Finding &F) { return F.Hot.has_value(); });
  size_t BelowShare = 0;
  if (Measured && Opt->Rank.Order != SortOrder::Location)
    sortByHotness(Findings);
  if (Measured && Opt->Rank.MinShare > 0) {
    BelowShare = dropBelowShare(Findings, Opt->Rank.MinShare);
    PerCheck.clear();
    for (const Finding &F : Findings)
      ++PerCheck[F.Check];
  }

  // The rules of SARIF: the checks that reported here.
  for (const auto &[Check, N] : PerCheck)
    Opt->Out.Rules.push_back(Check);
  bool Ok = writeOutputs(Opt->Out, Findings, {}, Unique, Lines);
  if (!SaveSummaries.empty())
    Ok &= saveExportSummaries(SaveSummaries, std::move(Saved));

  if (!Opt->Out.Quiet) {
    RunSummary Sum;
    Sum.Unit = "findings files merged";
    Sum.Analysed = Order.size();
    Sum.Failed = Bad;
    Sum.Findings = Findings.size();
    Sum.Seconds = Clock.seconds();
    Sum.PerCheck = std::move(PerCheck);
    Sum.BelowShare = BelowShare;
    Sum.MinShare = Opt->Rank.MinShare;
    Sum.HeldBack = std::move(HeldBack);
    printSummary(errs(), Sum);
    if (Profile) {
      std::set<std::string> Sources;
      for (size_t I : Order)
        Sources.insert(Read[I].TU->Source);
      printProfileSummary(
          errs(), *Profile, Findings,
          std::vector<std::string>(Sources.begin(), Sources.end()));
    }
  }
  if (!Ok || InputFailed || Bad)
    return ExitInputError;
  return AsErrors ? ExitFindingsAsErrors : ExitOk;
}

} // namespace hotpath::report
