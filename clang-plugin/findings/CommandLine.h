//===--- CommandLine.h - hotpath tool -------------------------------------===//
//
// The hotpath tool's command line: `hotpath [check] | report | verify`, one
// llvm::cl::SubCommand each, parsed once by main() with generated help. The
// check command's options are also the top level's, so that `hotpath -p
// build` keeps working. The output and ranking options (--format, -o, --fix,
// --profile, ...) are one set of options that `check` and `report` share.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_FINDINGS_COMMANDLINE_H
#define HOTPATH_FINDINGS_COMMANDLINE_H

#include "findings/Outputs.h"
#include "llvm/Support/CommandLine.h"
#include <string>
#include <vector>

namespace clang::tidy::hotpath::findings {

llvm::cl::SubCommand &checkCommand();
llvm::cl::SubCommand &reportCommand();
llvm::cl::SubCommand &verifyCommand();

/// A cl modifier: the option is the check command's (top level and `check`).
struct InCheckCommand {
  template <class Opt> void apply(Opt &O) const {
    O.addSubCommand(llvm::cl::SubCommand::getTopLevel());
    O.addSubCommand(checkCommand());
  }
};

/// The categories each command's --help shows.
llvm::cl::OptionCategory &checkCategory();
llvm::cl::OptionCategory &outputCategory();

enum class SortOrder { Default, Hotness, Location };

/// The shared output and ranking options as given.
struct Ranking {
  std::string Profile;
  std::vector<std::string> Binaries;
  SortOrder Order = SortOrder::Default;
  double MinShare = 0;
};
Ranking rankingOptions();
/// OutputSettings from the shared options (Rules and ExportMainFile are the
/// command's to set).
OutputSettings outputOptions(const char *Argv0);
/// -j: 0 for all cores.
unsigned jobsOption();
bool quietOption();

} // namespace clang::tidy::hotpath::findings

#endif // HOTPATH_FINDINGS_COMMANDLINE_H
