//===--- VerifyCommand.h - hotpath verify ---------------------------------===//
//
// `hotpath verify`: applies hotpath's fixes to copies of the project, tests
// and benchmarks them against the unchanged build, keeps what helped.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_VERIFY_VERIFYCOMMAND_H
#define HOTPATH_VERIFY_VERIFYCOMMAND_H

namespace hotpath::verify {

/// argv[0] is the program; the rest are verify's arguments.
int runVerify(int Argc, const char **Argv);

} // namespace hotpath::verify

#endif // HOTPATH_VERIFY_VERIFYCOMMAND_H
