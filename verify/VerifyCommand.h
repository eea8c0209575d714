//===--- VerifyCommand.h - hotpath verify ---------------------------------===//
//
// `hotpath verify`: applies hotpath's fixes to copies of the project, tests
// and benchmarks them against the unchanged build, keeps what helped.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_VERIFY_VERIFYCOMMAND_H
#define HOTPATH_VERIFY_VERIFYCOMMAND_H

namespace hotpath::verify {

/// After main() parsed the command line (verify/Options.h).
int runVerify(const char *Argv0);

} // namespace hotpath::verify

#endif // HOTPATH_VERIFY_VERIFYCOMMAND_H
