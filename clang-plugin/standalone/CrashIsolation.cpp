//===--- CrashIsolation.cpp - hotpath standalone tool ---------------------===//

#include "CrashIsolation.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <csignal>
#include <cstring>
#include <optional>

namespace clang::tidy::hotpath::standalone {

using namespace llvm;

void enableCrashRecovery() { CrashRecoveryContext::Enable(); }

bool runRecoveringCrash(function_ref<void()> Analyse) {
  // Entries pushed by the unwound frames would otherwise stay on this
  // thread's pretty-stack list and be printed by a later, real crash.
  const void *Saved = SavePrettyStackState();
  CrashRecoveryContext CRC;
  if (CRC.RunSafely(Analyse))
    return true;
  RestorePrettyStackState(Saved);
  return false;
}

namespace {

struct ProbeRun {
  bool Crashed = false;
  std::string Signal;
  std::string Dump; // the child's stderr
};

// The child: this program with the probe flags before any `--` (after it
// come compiler flags).
ProbeRun runProbe(ArrayRef<const char *> Argv, StringRef File,
                  std::optional<StringRef> Checks) {
  ProbeRun Run;
  std::string Exe = sys::fs::getMainExecutable(
      Argv.empty() ? nullptr : Argv[0], reinterpret_cast<void *>(&runProbe));
  std::vector<std::string> Args{Exe, (CrashProbeFlag + File).str()};
  if (Checks)
    Args.push_back((CrashProbeChecksFlag + *Checks).str());
  for (const char *A : Argv.drop_front())
    Args.push_back(A);
  std::vector<StringRef> Refs(Args.begin(), Args.end());

  SmallString<128> ErrPath;
  if (sys::fs::createTemporaryFile("hotpath-crash", "txt", ErrPath))
    return Run;
  std::optional<StringRef> Redirects[] = {StringRef(""), StringRef(""),
                                          StringRef(ErrPath)};
  std::string ExecError;
  bool Failed = false;
  // A probe that hangs must not hang the run: five minutes for one file.
  int Status = sys::ExecuteAndWait(Exe, Refs, std::nullopt, Redirects,
                                   /*SecondsToWait=*/300, /*MemoryLimit=*/0,
                                   &ExecError, &Failed);
  if (auto Buf = MemoryBuffer::getFile(ErrPath))
    Run.Dump = (*Buf)->getBuffer().str();
  sys::fs::remove(ErrPath);
  // ExecuteAndWait reports a death by signal as -2 with the signal's name
  // in ExecError ("Segmentation fault", "Aborted").
  if (Status == -2) {
    Run.Crashed = true;
    Run.Signal = ExecError;
  }
  return Run;
}

// The innermost quoted hotpath check in the dump's pretty-stack entries
// (they are printed outermost first; "Program arguments" is skipped, it
// quotes nothing but may name checks).
std::string checkFromDump(StringRef Dump) {
  std::string Found;
  Regex Quoted("'(hotpath-[a-z0-9-]+)'");
  SmallVector<StringRef, 64> Lines;
  Dump.split(Lines, '\n');
  bool InDump = false;
  for (StringRef L : Lines) {
    if (L.starts_with("Stack dump:")) {
      InDump = true;
      continue;
    }
    if (!InDump || L.contains("Program arguments:"))
      continue;
    SmallVector<StringRef, 2> M;
    if (Quoted.match(L, &M))
      Found = M[1].str();
  }
  return Found;
}

std::vector<std::string> framesFromDump(StringRef Dump) {
  std::vector<std::string> Frames;
  SmallVector<StringRef, 64> Lines;
  Dump.split(Lines, '\n');
  Regex Frame("^ *#[0-9]+ 0x[0-9a-f]+ ");
  for (StringRef L : Lines)
    if (Frame.match(L))
      Frames.push_back(L.trim().str());
  // The first frames are the crash handler's own, up to the kernel's
  // signal trampoline in libc: not the user's concern.
  for (size_t I = 0; I < Frames.size() && I < 5; ++I)
    if (StringRef(Frames[I]).contains("/libc.so")) {
      Frames.erase(Frames.begin(), Frames.begin() + I + 1);
      break;
    }
  return Frames;
}

} // namespace

CrashReport diagnoseCrash(ArrayRef<const char *> Argv, StringRef File,
                          ArrayRef<std::string> EnabledChecks) {
  CrashReport R;
  R.File = File.str();
  ProbeRun All = runProbe(Argv, File, std::nullopt);
  if (!All.Crashed) {
    R.How = "the file alone did not crash when rerun (the crash may depend "
            "on what the process did before)";
    return R;
  }
  R.Reproduced = true;
  R.Signal = All.Signal;
  R.Stack = framesFromDump(All.Dump);
  R.Check = checkFromDump(All.Dump);
  if (!R.Check.empty()) {
    R.How = "the stack dump";
    return R;
  }
  // Outside any entry that names a check: try each check alone.
  for (const std::string &C : EnabledChecks) {
    ProbeRun One = runProbe(Argv, File, ("-*," + C));
    if (One.Crashed) {
      R.Check = C;
      R.How = "a rerun per check";
      return R;
    }
  }
  R.How = "no single check crashes alone";
  return R;
}

void printCrashReport(const CrashReport &R, raw_ostream &OS) {
  WithColor::error(OS, "hotpath")
      << "crash while analysing " << R.File
      << "; its findings are lost, every other file's are reported\n";
  OS << "  check:  " << (R.Check.empty() ? std::string("unknown") : R.Check)
     << " (from " << R.How << ")\n";
  if (!R.Signal.empty())
    OS << "  signal: " << R.Signal << "\n";
  if (!R.Stack.empty()) {
    OS << "  stack (of the rerun):\n";
    const size_t Max = 24;
    for (size_t I = 0; I < R.Stack.size() && I < Max; ++I)
      OS << "    " << R.Stack[I] << "\n";
    if (R.Stack.size() > Max)
      OS << "    ... " << R.Stack.size() - Max << " more frames\n";
  }
  if (!R.Check.empty())
    OS << "  to go on without it: --checks=-" << R.Check << "\n";
}

} // namespace clang::tidy::hotpath::standalone
