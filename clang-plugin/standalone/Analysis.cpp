//===--- Analysis.cpp - hotpath standalone tool ---------------------------===//

#include "Analysis.h"
#include "CrashIsolation.h"
#include "clang-tidy/ClangTidy.h"
#include "findings/EffectResolution.h"
#include "findings/Outputs.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <atomic>
#include <mutex>
#include <thread>

using namespace llvm;
using namespace clang::tidy::hotpath::findings;

namespace clang::tidy::hotpath::standalone {

bool selectFiles(ArrayRef<std::string> Files, ArrayRef<std::string> Excludes,
                 StringRef Cwd, std::vector<std::string> &Work,
                 std::string &Error) {
  std::vector<GlobPattern> Globs;
  for (const std::string &E : Excludes) {
    auto G = GlobPattern::create(E);
    if (!G) {
      Error = "invalid --exclude glob '" + E + "': " + toString(G.takeError());
      return false;
    }
    Globs.push_back(std::move(*G));
  }
  std::set<std::string> Seen;
  for (const std::string &F : Files) {
    SmallString<256> Abs(F);
    sys::fs::make_absolute(Abs);
    sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    std::string Rel = F;
    if (StringRef(Abs).starts_with((Cwd + "/").str()))
      Rel = Abs.substr(Cwd.size() + 1).str();
    if (llvm::any_of(Globs, [&](const GlobPattern &G) {
          return G.match(Abs) || G.match(Rel);
        }))
      continue;
    if (Seen.insert(Abs.str().str()).second)
      Work.push_back(Abs.str().str());
  }
  return true;
}

bool takeShard(std::vector<std::string> &Work, StringRef Shard, bool Quiet,
               std::string &Error) {
  unsigned I = 0, N = 0;
  auto [IText, NText] = Shard.split('/');
  if (IText.getAsInteger(10, I) || NText.getAsInteger(10, N) || N == 0 ||
      I == 0 || I > N) {
    Error = ("invalid --shard='" + Shard +
             "': give <i>/<n> with 1 <= i <= n, e.g. --shard=2/4")
                .str();
    return false;
  }
  llvm::sort(Work);
  std::vector<std::string> Mine;
  for (size_t K = I - 1; K < Work.size(); K += N)
    Mine.push_back(Work[K]);
  if (!Quiet)
    errs() << formatv("hotpath: shard {0}/{1}: {2} of {3} files\n", I, N,
                      Mine.size(), Work.size());
  // More shards than files leaves some empty: still a valid output.
  Work = std::move(Mine);
  return true;
}

FileResult analyseFile(const AnalysisSetup &S, const std::string &File,
                       LineTable &Lines) {
  FileResult R;
  if (!sys::fs::exists(File)) {
    R.Failure = "no such file";
    return R;
  }
  // The JSON database interpolates commands for unknown files; a file the
  // user named that it does not list is an input error, not a guess.
  if (!S.Fixed && !S.Listed.count(File)) {
    R.Failure = "not in the compilation database";
    return R;
  }
  ClangTidyContext Context(S.Options.make());
  // A physical file system per thread: the real one's working directory is
  // the process's, which each run would change under the others.
  auto FS = makeIntrusiveRefCnt<vfs::OverlayFileSystem>(
      vfs::createPhysicalFileSystem());
  support::ScopedEffectSink Sink(R.Summaries);
  std::vector<ClangTidyError> Errors =
      runClangTidy(Context, S.Database, {File}, FS, /*ApplyAnyFix=*/false);
  for (ClangTidyError &E : Errors) {
    makePathsAbsolute(E);
    if (E.DiagnosticName == "clang-diagnostic-error" ||
        (E.DiagLevel == ClangTidyError::Error &&
         !StringRef(E.DiagnosticName).starts_with("hotpath-"))) {
      if (R.Failure.empty()) {
        R.Failure = "does not compile: ";
        if (!E.Message.FilePath.empty()) {
          Location L = Lines.locate(E.Message.FilePath, E.Message.FileOffset);
          R.Failure += formatv("{0}:{1}:{2}: ", L.File, L.Line, L.Column);
        }
        R.Failure += E.Message.Message;
      }
      continue;
    }
    R.Errors.push_back(std::move(E));
  }
  if (auto Contents = MemoryBuffer::getFile(File))
    R.Digest = support::digestOf((*Contents)->getBuffer());
  return R;
}

bool saveUnitSummaries(StringRef Path, bool Named,
                       const std::vector<std::string> &Work,
                       const std::vector<FileResult> &Results) {
  std::vector<support::SavedUnit> Units;
  for (size_t I = 0; I < Work.size(); ++I)
    if (!Results[I].Crashed && Results[I].Failure.empty() &&
        !Results[I].Digest.empty())
      Units.push_back({Work[I], Results[I].Digest, Results[I].Summaries});
  Error E = support::saveSummaries(Path, std::move(Units));
  if (!E)
    return true;
  std::string Why = "cannot save the effect summaries to '" + Path.str() +
                    "': " + toString(std::move(E));
  if (Named) {
    errorLine(Why);
    return false;
  }
  WithColor::warning(errs(), "hotpath") << Why << "\n";
  return true;
}

std::vector<FileResult> analyseAll(const AnalysisSetup &S,
                                   const std::vector<std::string> &Work,
                                   unsigned Jobs, Progress &Prog,
                                   LineTable &Lines) {
  std::vector<FileResult> Results(Work.size());
  std::atomic<size_t> Next{0}, Done{0}, FindingCount{0};
  std::mutex ProgressMu;
  enableCrashRecovery();
  std::vector<std::thread> Workers;
  for (unsigned T = 0; T < Jobs; ++T)
    Workers.emplace_back([&] {
      for (size_t I; (I = Next.fetch_add(1)) < Work.size();) {
        if (!runRecoveringCrash(
                [&] { Results[I] = analyseFile(S, Work[I], Lines); })) {
          // Whatever the crashed run had collected is incomplete.
          Results[I] = FileResult();
          Results[I].Crashed = true;
        }
        FindingCount += llvm::count_if(Results[I].Errors, [](const auto &E) {
          return !awaitsResolution(E);
        });
        size_t D = ++Done;
        std::lock_guard<std::mutex> Lock(ProgressMu);
        Prog.update(D, FindingCount);
      }
    });
  for (std::thread &W : Workers)
    W.join();
  return Results;
}

} // namespace clang::tidy::hotpath::standalone
