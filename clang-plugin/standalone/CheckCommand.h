//===--- CheckCommand.h - hotpath standalone tool ---------------*- C++ -*-===//
//
// `hotpath check` (the default command): the checks over a compile database.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_STANDALONE_CHECKCOMMAND_H
#define HOTPATH_STANDALONE_CHECKCOMMAND_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/ArrayRef.h"
#include <memory>
#include <string>

namespace clang::tidy::hotpath::standalone {

/// After main() parsed the command line: \p OriginalArgv as given (a crash
/// probe reruns it); \p Fixed, the database from flags after `--`, if any,
/// and \p FixedError what was wrong with them.
int runCheck(llvm::ArrayRef<const char *> OriginalArgv,
             std::unique_ptr<tooling::CompilationDatabase> Fixed,
             const std::string &FixedError);

/// What `hotpath check --help` prints after the options.
const char *checkHelp();

} // namespace clang::tidy::hotpath::standalone

#endif
