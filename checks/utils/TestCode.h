//===--- TestCode.h - hotpath -----------------------------------*- C++ -*-===//
//
// Code of test programs, beyond the test bodies RunOnce knows by the names
// the big frameworks' macros generate:
//  - a function whose definition comes from a test-case macro of any
//    framework, the hand-written ones included (re2's and pugixml's `TEST`,
//    jsoncpp's `JSONTEST_FIXTURE_LOCAL`): the macro's name says it;
//  - every function and record of a file that belongs to a test program: a
//    main file that defines test bodies, the file that defines such a
//    macro (the framework), and every file that includes one, directly or
//    through other headers (test helpers, fixtures, test value types);
//  - a header that only test files include and that lives in a directory
//    of one (onetbb's test/common/checktype.h beside test/common/test.h):
//    a helper of the tests that does not need the framework itself;
//  - instantiations of templates for a test program's types.
// A library header a test includes is not test code: it does not include
// the framework, and it lives elsewhere or is included by the library's
// own files too. The include graph needs the preprocessor: checks call
// watchTestCode from registerPPCallbacks. In clangd the preamble's headers
// were preprocessed before the checks existed: a framework there is found
// through the preprocessor's macros, and the files on its first inclusion
// chain up to the main file are test code (a second inclusion, skipped by
// its guard, is not seen). On preprocessed input (a distributed compiler's
// .ii) there is no graph, and only the macro and main-file rules apply.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_UTILS_TESTCODE_H
#define HOTPATH_CHECKS_UTILS_TESTCODE_H

#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Preprocessor.h"

namespace clang::tidy::hotpath::utils {

/// Records the include graph of the translation unit \p PP preprocesses.
/// Any number of checks may call it; the first one per TU installs it.
void watchTestCode(const SourceManager &SM, Preprocessor *PP);

/// TEST, TEST_F, TEST_CASE, BOOST_AUTO_TEST_CASE, JSONTEST_FIXTURE_LOCAL...:
/// a word TEST (or TESTS, TESTCASE, SCENARIO), or a first word ending in
/// TEST followed by CASE, FIXTURE, SUITE, F or P; never an assertion
/// (ASSERT, EXPECT, CHECK, REQUIRE).
bool isTestMacroName(llvm::StringRef Name);

/// \p FD is defined by a test-case macro: its name comes from the expansion
/// of a macro isTestMacroName accepts, the user writes the body.
bool definedByTestMacro(const FunctionDecl &FD);

/// \p D is defined in a file of a test program (see above).
bool inTestFile(const Decl &D);

/// \p D is, or is a member of, a template instantiation one of whose
/// template arguments names a type of a test program (a library's
/// container of a test's value type exists only in the test).
bool instantiatedForTests(const Decl &D);

} // namespace clang::tidy::hotpath::utils

#endif
