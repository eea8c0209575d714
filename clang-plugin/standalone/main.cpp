//===--- main.cpp - hotpath standalone tool -------------------------------===//
//
// `hotpath [command] [arguments]`: dispatches to a command. `check` (the
// default, so `hotpath -p build` keeps working) runs the checks; `verify`
// (verify/) benchmarks their fixes on the user's project; `report`
// (report/) merges the findings a build or the shards of a run exported.
//
//===----------------------------------------------------------------------===//

#include "../../verify/VerifyCommand.h"
#include "../report/ReportCommand.h"
#include "CheckCommand.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"
#include <vector>

static void printVersion(llvm::raw_ostream &OS) {
  OS << "hotpath " HOTPATH_VERSION " (LLVM " LLVM_VERSION_STRING ")\n";
}

int main(int argc, const char **argv) {
  // Stack traces and clang's "Stack dump:" entries on a crash: the crash
  // report of a run reads them from a rerun of the crashing file.
  llvm::InitLLVM Init(argc, argv);
  // Every command's --version: hotpath's own release first, then the LLVM
  // it was built against (the module and plugin must match that major).
  llvm::cl::SetVersionPrinter(printVersion);
  std::vector<const char *> Args(argv, argv + argc);
  // report and verify read their arguments by hand: --version is answered
  // here for them as the check command's parser answers it.
  bool HandParsed = Args.size() > 1 && (llvm::StringRef(Args[1]) == "verify" ||
                                        llvm::StringRef(Args[1]) == "report");
  if (HandParsed && llvm::is_contained(llvm::ArrayRef(Args).drop_front(2),
                                       llvm::StringRef("--version"))) {
    printVersion(llvm::outs());
    return 0;
  }
  if (Args.size() > 1 && llvm::StringRef(Args[1]) == "verify") {
    Args.erase(Args.begin() + 1);
    return hotpath::verify::runVerify(static_cast<int>(Args.size()),
                                      Args.data());
  }
  if (Args.size() > 1 && llvm::StringRef(Args[1]) == "report") {
    Args.erase(Args.begin() + 1);
    return hotpath::report::runReport(static_cast<int>(Args.size()),
                                      Args.data());
  }
  if (Args.size() > 1 && llvm::StringRef(Args[1]) == "check")
    Args.erase(Args.begin() + 1);
  return clang::tidy::hotpath::tool::runCheck(static_cast<int>(Args.size()),
                                              Args.data());
}
