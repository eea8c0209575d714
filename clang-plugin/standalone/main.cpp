//===--- main.cpp - hotpath standalone tool -------------------------------===//
//
// `hotpath [command] [arguments]`: one llvm::cl parse of the whole command
// line (findings/CommandLine.h), then the command. `check` (the default, so
// `hotpath -p build` keeps working) runs the checks; `verify` (verify/)
// benchmarks their fixes on the user's project; `report` (report/) merges
// the findings a build or the shards of a run exported. `hotpath help
// [command]` is `hotpath [command] --help`.
//
//===----------------------------------------------------------------------===//

#include "../../verify/Options.h"
#include "../../verify/VerifyCommand.h"
#include "../report/ReportCommand.h"
#include "CheckCommand.h"
#include "findings/CommandLine.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"
#include <vector>

using namespace clang::tidy::hotpath::findings;
using namespace clang::tidy::hotpath::standalone;
namespace cl = llvm::cl;

// LLVM looks an option up in the top level when the sub-command has no such
// option: an option of the check command given to report or verify would be
// accepted and ignored. It is an error.
static bool onlyOwnOptions(cl::SubCommand &Sub) {
  const auto &Own = cl::getRegisteredOptions(Sub);
  for (const auto &[Name, Opt] :
       cl::getRegisteredOptions(cl::SubCommand::getTopLevel()))
    if (Opt->getNumOccurrences() && !Own.count(Name)) {
      llvm::errs() << "hotpath " << Sub.getName() << ": error: '"
                   << (Name.size() == 1 ? "-" : "--") << Name
                   << "' is not an option of `hotpath " << Sub.getName()
                   << "` (hotpath " << Sub.getName() << " --help lists them)\n";
      return false;
    }
  return true;
}

static void printVersion(llvm::raw_ostream &OS) {
  OS << "hotpath " HOTPATH_VERSION " (LLVM " LLVM_VERSION_STRING ")\n";
}

int main(int argc, const char **argv) {
  // Stack traces and clang's "Stack dump:" entries on a crash: the crash
  // report of a run reads them from a rerun of the crashing file.
  llvm::InitLLVM Init(argc, argv);
  // Every command's --version: hotpath's own release first, then the LLVM
  // it was built against (the module and plugin must match that major).
  cl::SetVersionPrinter(printVersion);
  std::vector<const char *> Args(argv, argv + argc);
  if (Args.size() > 1 && llvm::StringRef(Args[1]) == "help") {
    Args.erase(Args.begin() + 1);
    Args.push_back("--help");
  }
  // As given, for a crash probe (loadFromCommandLine shortens it at `--`).
  const std::vector<const char *> Original = Args;
  llvm::StringRef Command = Args.size() > 1 ? Args[1] : "";
  bool IsCheck = Command != "report" && Command != "verify";

  // Each command's --help lists its own options (the LLVM libraries register
  // dozens of their own, hidden here), and its notes after them.
  std::vector<const cl::OptionCategory *> CheckCats = {&checkCategory(),
                                                       &outputCategory()};
  cl::HideUnrelatedOptions(CheckCats, cl::SubCommand::getTopLevel());
  cl::HideUnrelatedOptions(CheckCats, checkCommand());
  cl::HideUnrelatedOptions({&outputCategory()}, reportCommand());
  cl::HideUnrelatedOptions({&hotpath::verify::verifyCategory()},
                           verifyCommand());
  cl::extrahelp MoreHelp(Command == "report"   ? hotpath::report::reportHelp()
                         : Command == "verify" ? hotpath::verify::verifyHelp()
                                               : checkHelp());

  // Flags after `--` make a fixed database for the files named before it.
  int Argc = static_cast<int>(Args.size());
  std::string FixedError;
  std::unique_ptr<clang::tooling::CompilationDatabase> Fixed;
  if (IsCheck)
    Fixed = clang::tooling::FixedCompilationDatabase::loadFromCommandLine(
        Argc, Args.data(), FixedError);
  if (!cl::ParseCommandLineOptions(
          Argc, Args.data(),
          "hotpath: finds C++ code that wastes time and memory, explains the "
          "cost and offers the fix.\n",
          &llvm::errs()))
    return 2;
  if (reportCommand())
    return onlyOwnOptions(reportCommand())
               ? hotpath::report::runReport(Original[0])
               : 2;
  if (verifyCommand())
    return onlyOwnOptions(verifyCommand())
               ? hotpath::verify::runVerify(Original[0])
               : 2;
  return runCheck(Original, std::move(Fixed), FixedError);
}
