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
//  - instantiations of templates for a test program's types, and a
//    template specialisation (a record) that test code needs first: the
//    layout of a library's Pair<int, char> exists because a test chose it.
// Example programs are not the product either: a file under a directory
// named examples/, samples/, demos/ (HotpathExampleDirectories), below the
// part of its path it shares with the compile's working directory (so that
// a project checked out in ~/examples, built in its own tree, is not all
// example code; a build directory that shares nothing with the sources but
// the root turns the rule off). A distributed compiler's server compiles in
// a directory of its own: there the rule applies only as far as the
// preprocessed file's paths still share a part with it.
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

#ifndef HOTPATH_CHECKS_RELEVANCE_TESTCODE_H
#define HOTPATH_CHECKS_RELEVANCE_TESTCODE_H

#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/ArrayRef.h"
#include <string>

namespace clang::tidy::hotpath::relevance {

/// Records the include graph of the translation unit \p PP preprocesses.
/// Any number of checks may call it; the first one per TU installs it, with
/// its list of example directory names (empty: no example rule) and
/// whether the include graph's test files count (\p TestFiles).
void watchTestCode(const SourceManager &SM, Preprocessor *PP,
                   llvm::ArrayRef<std::string> ExampleDirs = {},
                   bool TestFiles = true);

/// Which kind of program besides the product a declaration belongs to.
enum class SideProgram { None, Test, Example };

/// TEST, TEST_F, TEST_CASE, BOOST_AUTO_TEST_CASE, JSONTEST_FIXTURE_LOCAL...:
/// a word TEST (or TESTS, TESTCASE, SCENARIO), or a first word ending in
/// TEST followed by CASE, FIXTURE, SUITE, F or P; never an assertion
/// (ASSERT, EXPECT, CHECK, REQUIRE).
bool isTestMacroName(llvm::StringRef Name);

/// \p FD is defined by a test-case macro: its name comes from the expansion
/// of a macro isTestMacroName accepts, the user writes the body.
bool definedByTestMacro(const FunctionDecl &FD);

/// \p D is defined in a file of a test program or of an example (see
/// above).
SideProgram programFile(const Decl &D);

/// \p D is, or is a member of, a template instantiation one of whose
/// template arguments names a type of a test or example program (a
/// library's container of a test's value type exists only in the test).
SideProgram instantiatedFor(const Decl &D);

/// \p RD is, or is nested in, a class template specialisation whose point
/// of instantiation is in a test or example program's file: the test's
/// choice of arguments. Only for layouts: a function template's body does
/// the same work whoever instantiates it first.
SideProgram firstNeededBy(const RecordDecl &RD);

} // namespace clang::tidy::hotpath::relevance

#endif
