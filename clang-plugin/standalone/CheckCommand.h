//===--- CheckCommand.h - hotpath standalone tool ---------------*- C++ -*-===//
//
// `hotpath check` (the default command): the checks over a compile database.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_STANDALONE_CHECKCOMMAND_H
#define HOTPATH_STANDALONE_CHECKCOMMAND_H

namespace clang::tidy::hotpath::tool {

/// argv[0] is the program; the rest are the command's arguments.
int runCheck(int argc, const char **argv);

} // namespace clang::tidy::hotpath::tool

#endif
