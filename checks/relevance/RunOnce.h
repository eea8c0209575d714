//===--- RunOnce.h - hotpath ------------------------------------*- C++ -*-===//
//
// Code that runs once per program or per test: unit-test bodies (GoogleTest,
// Catch2, doctest, Boost.Test, recognised by the functions their macros
// expand to), `main`, functions marked cold, static initialisation, `catch`
// handlers, and Google Benchmark setup outside the `for (auto _ : state)`
// loop. A per-call or per-iteration cost found there is real but paid once:
// the checks hold such findings back unless the global option
// HotpathReportRunOnceCode is true, and count them (the standalone tool's
// summary says how many were held back and why).
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_RELEVANCE_RUNONCE_H
#define HOTPATH_CHECKS_RELEVANCE_RUNONCE_H

#include "clang-tidy/ClangTidyCheck.h"
#include "relevance/TestCode.h"
#include "support/Contract.h"
#include "support/DeclaredOptions.h"
#include "support/OptionList.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <string>
#include <vector>

namespace clang::tidy::hotpath::relevance {

enum class RunOnce {
  No,
  UnitTest,
  Main,
  Cold,
  StaticInit,
  CatchHandler,
  BenchmarkSetup,
  /// A helper of the main file (internal linkage) that only run-once code
  /// uses: a test file's fixture builder, a setup function of main.
  OnlyCalledOnce,
  /// The rest of a test program's code (relevance/TestCode.h): helpers and
  /// types of a file that includes a test framework, test bodies of
  /// hand-written frameworks, templates instantiated for a test's types.
  TestProgram,
  /// The code of an example program (a file under examples/, samples/,
  /// demos/: relevance/TestCode.h), and templates instantiated for its types.
  ExampleProgram,
};

/// "a unit test", "main", ... for messages and summaries.
llvm::StringRef describe(RunOnce Why);

/// What record \p RD is: a record of a test or example program (its file,
/// a template instantiated for a test's types, or a specialisation a test
/// needed first) or not.
RunOnce runOnceRecord(const RecordDecl &RD);

/// What the function (or lambda, block, local class method) \p D is, looking
/// out through lambdas and local classes to the functions around them: a
/// lambda defined in a test body runs once too.
RunOnce runOnceFunction(const Decl *D);

/// The same for statement \p S of function \p FD, adding what only its
/// position says: in a catch handler, or in a benchmark function outside
/// its timing loop. \p ParentOf gives S's ancestors up to the body.
RunOnce runOnceAt(const Stmt &S, const Decl *FD,
                  llvm::function_ref<const Stmt *(const Stmt *)> ParentOf);

/// One finding held back as run-once code.
struct HeldBackFinding {
  std::string Check;
  std::string File;
  unsigned Offset;
  RunOnce Why;
};

/// What the checks held back in this process since the last call (the
/// standalone tool reads it after a run). Thread-safe.
std::vector<HeldBackFinding> takeHeldBackFindings();

/// A check's switch: holds back findings in run-once code unless
/// HotpathReportRunOnceCode (global, or per check) is true.
class RunOnceFilter {
public:
  explicit RunOnceFilter(support::DeclaredOptions &Options)
      : Report(Options.getLocalOrGlobal(support::ReportRunOnceOption, false)),
        TestFiles(
            Options.getLocalOrGlobal(support::TestProgramFilesOption, true)),
        ExampleDirs(Options.getLocalOrGlobal(support::ExampleDirectoriesOption,
                                             DefaultExampleDirs)),
        ExampleDirNames(
            support::toStrings(support::splitOptionList(ExampleDirs))) {}
  /// True when the finding of \p Check at \p Loc is held back (and counted).
  bool holdBack(RunOnce Why, llvm::StringRef Check, SourceLocation Loc,
                const SourceManager &SM) const;
  /// True when code that runs once is reported too.
  bool reportsAll() const { return Report; }

  static constexpr llvm::StringLiteral DefaultExampleDirs =
      "example;examples;sample;samples;demo;demos";

  /// From the check's registerPPCallbacks: test programs' files are known
  /// by their includes (relevance/TestCode.h).
  void watch(const SourceManager &SM, Preprocessor *PP) const;

private:
  bool Report;
  bool TestFiles;
  std::string ExampleDirs;
  std::vector<std::string> ExampleDirNames;
};

} // namespace clang::tidy::hotpath::relevance

#endif
