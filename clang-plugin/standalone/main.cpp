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
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/InitLLVM.h"
#include <vector>

int main(int argc, const char **argv) {
  // Stack traces and clang's "Stack dump:" entries on a crash: the crash
  // report of a run reads them from a rerun of the crashing file.
  llvm::InitLLVM Init(argc, argv);
  std::vector<const char *> Args(argv, argv + argc);
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
