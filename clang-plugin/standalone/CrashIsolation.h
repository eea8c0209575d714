//===--- CrashIsolation.h - hotpath standalone tool -------------*- C++ -*-===//
//
// A crash while analysing one translation unit must not lose the others.
// Each TU runs under LLVM's CrashRecoveryContext (a signal or an abort in the
// worker thread unwinds to the TU's start; the thread goes on with the next
// file). What crashed is then found out in a child process: the tool reruns
// that file alone, without recovery, and reads the crash dump clang's own
// handlers print (the stack and "ASTMatcher: Processing '<check>'", or the
// checks' own end-of-TU entries, support/CheckTrace.h). A dump that names no
// check is narrowed down by rerunning the file once per enabled check.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_STANDALONE_CRASHISOLATION_H
#define HOTPATH_STANDALONE_CRASHISOLATION_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace clang::tidy::hotpath::standalone {

/// The option that makes the tool a crash probe: analyse only this file,
/// on one thread, with no recovery and no output (hidden; the child runs).
constexpr llvm::StringLiteral CrashProbeFlag = "--internal-crash-probe=";
/// With the probe: this --checks value replaces the user's.
constexpr llvm::StringLiteral CrashProbeChecksFlag =
    "--internal-crash-probe-checks=";

/// Installs the recovery handlers; call once before the workers start.
void enableCrashRecovery();

/// Runs Analyse; false when it crashed (the calling thread survives).
bool runRecoveringCrash(llvm::function_ref<void()> Analyse);

struct CrashReport {
  std::string File;
  std::string Check;              // empty when no check could be named
  std::string How;                // "the stack dump", "a rerun per check", ...
  std::string Signal;             // "Segmentation fault", "Aborted", ...
  std::vector<std::string> Stack; // frames of the rerun's dump
  bool Reproduced = false;        // the rerun alone crashed too
};

/// Reruns the analysis of File in a child process of this program with the
/// same arguments (Argv as main received them) to name the crashing check
/// and get its stack. EnabledChecks: for the per-check rerun.
CrashReport diagnoseCrash(llvm::ArrayRef<const char *> Argv,
                          llvm::StringRef File,
                          llvm::ArrayRef<std::string> EnabledChecks);

/// The report as the tool prints it on stderr.
void printCrashReport(const CrashReport &R, llvm::raw_ostream &OS);

} // namespace clang::tidy::hotpath::standalone

#endif
