//===--- Measure.cpp - hotpath verify -------------------------------------===//

#include "Measure.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include <chrono>
#include <cstdlib>
#include <unistd.h> // environ

namespace hotpath::verify {

std::string ProcessResult::tail(size_t Lines) const {
  auto Buf = llvm::MemoryBuffer::getFile(OutputPath);
  if (!Buf)
    return "";
  llvm::StringRef Text = (*Buf)->getBuffer().rtrim();
  size_t Pos = Text.size();
  for (size_t N = 0; N < Lines && Pos != llvm::StringRef::npos && Pos > 0; ++N)
    Pos = Text.rfind('\n', Pos - 1);
  return (Pos == llvm::StringRef::npos ? Text : Text.substr(Pos + 1)).str();
}

ProcessResult
runShell(const std::string &Command, const std::string &Dir,
         const std::vector<std::pair<std::string, std::string>> &Env,
         const std::string &OutputPath) {
  ProcessResult R;
  R.OutputPath = OutputPath;
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(OutputPath));
  // ExecuteAndWait takes no working directory: a first shell changes to it
  // (status 127 when it cannot) and becomes the command's own shell.
  std::vector<llvm::StringRef> Args = {"/bin/sh", "-c"};
  if (Dir.empty())
    Args.push_back(Command);
  else
    Args.insert(Args.end(), {"cd -- \"$1\" || exit 127; exec /bin/sh -c \"$2\"",
                             "sh", Dir, Command});
  // The whole environment, \p Env replacing or adding variables.
  std::vector<std::string> Vars;
  for (char **E = environ; *E; ++E) {
    llvm::StringRef Name = llvm::StringRef(*E).split('=').first;
    if (llvm::none_of(Env, [&](const auto &KV) { return KV.first == Name; }))
      Vars.push_back(*E);
  }
  for (const auto &[K, V] : Env)
    Vars.push_back(K + "=" + V);
  std::vector<llvm::StringRef> EnvRefs(Vars.begin(), Vars.end());
  // stdout and stderr into one file (LLVM shares the descriptor when both
  // name the same path), stdin empty: never the user's terminal.
  std::optional<llvm::StringRef> Redirects[] = {
      llvm::StringRef("/dev/null"), llvm::StringRef(OutputPath),
      llvm::StringRef(OutputPath)};
  std::string Error;
  bool ExecFailed = false;
  std::optional<llvm::sys::ProcessStatistics> Stats;
  auto Start = std::chrono::steady_clock::now();
  int Status = llvm::sys::ExecuteAndWait("/bin/sh", Args, EnvRefs, Redirects,
                                         /*SecondsToWait=*/0,
                                         /*MemoryLimit=*/0, &Error,
                                         &ExecFailed, &Stats);
  R.WallSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  // wait4's figures: the shell and every child it waited for.
  if (Stats) {
    R.CpuSeconds =
        std::chrono::duration<double>(Stats->TotalTime).count();
    R.MaxRssKb = static_cast<long>(Stats->PeakMemory);
  }
  R.ExitCode = Status;
  if (Status < 0)
    R.Failure = ExecFailed ? "could not be started: " + Error
                           : "was killed: " + Error;
  return R;
}

std::string substitute(const std::string &Command, const std::string &Build,
                       const std::string &Src) {
  std::string Out;
  llvm::StringRef Rest = Command;
  while (!Rest.empty()) {
    if (Rest.starts_with("{build}")) {
      Out += Build;
      Rest = Rest.drop_front(7);
    } else if (Rest.starts_with("{src}")) {
      Out += Src;
      Rest = Rest.drop_front(5);
    } else {
      Out += Rest.front();
      Rest = Rest.drop_front();
    }
  }
  return Out;
}

bool looksLikeGoogleBenchmark(const std::string &Command) {
  llvm::StringRef First = llvm::StringRef(Command).trim().split(' ').first;
  std::string Path = First.str();
  if (!llvm::StringRef(Path).contains('/')) {
    auto Found = llvm::sys::findProgramByName(Path);
    if (!Found)
      return false;
    Path = *Found;
  }
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  // Linked statically, Google Benchmark's flag names are in the binary;
  // linked to libbenchmark.so, its benchmark::Initialize is imported.
  if (!Buf)
    return false;
  llvm::StringRef Bytes = (*Buf)->getBuffer();
  return (Bytes.contains("benchmark_format") &&
          Bytes.contains("benchmark_filter")) ||
         Bytes.contains("_ZN9benchmark10Initialize");
}

BenchRunner::BenchRunner(std::string Command, std::string AllocShim,
                         std::string ScratchDir)
    : Command(std::move(Command)), AllocShim(std::move(AllocShim)),
      Scratch(std::move(ScratchDir)) {}

// Google Benchmark's times in nanoseconds.
static double toNs(double V, llvm::StringRef Unit) {
  if (Unit == "us")
    return V * 1e3;
  if (Unit == "ms")
    return V * 1e6;
  if (Unit == "s")
    return V * 1e9;
  return V;
}

bool BenchRunner::runOnce(const std::string &Build, const std::string &Src,
                          Samples &Out, std::string &Failure) {
  std::string Cmd = substitute(Command, Build, Src);
  // Decided on the first run, where {build} names a real directory; every
  // variant runs the same program.
  if (Counter == 0)
    Google = looksLikeGoogleBenchmark(Cmd);
  std::string Tag = Scratch + "/run-" + std::to_string(Counter++);
  std::vector<std::pair<std::string, std::string>> Env;
  std::string AllocReport = Tag + ".allocs";
  if (Google) {
    Cmd += " --benchmark_format=json --benchmark_out_format=json "
           "--benchmark_out=" +
           Tag + ".json";
  } else if (!AllocShim.empty()) {
    std::string Preload = AllocShim;
    if (const char *Old = std::getenv("LD_PRELOAD"))
      Preload += std::string(":") + Old;
    Env.push_back({"LD_PRELOAD", Preload});
    Env.push_back({"HOTPATH_ALLOC_REPORT", AllocReport});
  }
  ProcessResult R = runShell(Cmd, Build, Env, Tag + ".out");
  if (R.ExitCode != 0) {
    Failure = "'" + Cmd + "' " + R.status() +
              ":\n" + R.tail();
    return false;
  }
  if (!Google) {
    Out["wall time (s)"] = R.WallSeconds;
    Out["cpu time (s)"] = R.CpuSeconds;
    Out["max RSS (KiB)"] = static_cast<double>(R.MaxRssKb);
    if (auto Buf = llvm::MemoryBuffer::getFile(AllocReport)) {
      // One JSON line per process the command ran.
      double Allocs = 0, Bytes = 0;
      llvm::SmallVector<llvm::StringRef, 8> Lines;
      (*Buf)->getBuffer().split(Lines, '\n', -1, false);
      for (llvm::StringRef L : Lines)
        if (auto V = llvm::json::parse(L))
          if (const auto *O = V->getAsObject()) {
            Allocs += O->getNumber("allocs").value_or(0);
            Bytes += O->getNumber("bytes").value_or(0);
          }
      Out["heap allocations"] = Allocs;
      Out["heap bytes"] = Bytes;
    }
    return true;
  }
  auto Buf = llvm::MemoryBuffer::getFile(Tag + ".json");
  auto Json = Buf ? llvm::json::parse((*Buf)->getBuffer())
                  : llvm::Expected<llvm::json::Value>(llvm::createStringError(
                        std::errc::no_such_file_or_directory, "no output"));
  if (!Json) {
    Failure = "'" + Cmd + "' wrote no Google Benchmark JSON: " +
              llvm::toString(Json.takeError());
    return false;
  }
  const llvm::json::Array *Benchmarks =
      Json->getAsObject() ? Json->getAsObject()->getArray("benchmarks")
                          : nullptr;
  if (!Benchmarks || Benchmarks->empty()) {
    Failure = "'" + Cmd + "' ran no benchmarks";
    return false;
  }
  for (const llvm::json::Value &B : *Benchmarks) {
    const llvm::json::Object *O = B.getAsObject();
    if (!O || O->getString("run_type").value_or("iteration") != "iteration")
      continue;
    std::string Name = O->getString("name").value_or("?").str();
    llvm::StringRef Unit = O->getString("time_unit").value_or("ns");
    Out[Name + " time/op (ns)"] =
        toNs(O->getNumber("real_time").value_or(0), Unit);
    Out[Name + " cpu/op (ns)"] =
        toNs(O->getNumber("cpu_time").value_or(0), Unit);
    for (llvm::StringRef Counter : {"allocs/op", "B/op"})
      if (auto V = O->getNumber(Counter))
        Out[Name + " " + Counter.str()] = *V;
  }
  return true;
}

} // namespace hotpath::verify
