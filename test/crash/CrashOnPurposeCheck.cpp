//===--- CrashOnPurposeCheck.cpp - hotpath tests --------------------------===//
//
// A check that crashes on purpose, linked only into the test builds of the
// tool and the compiler plugin (hotpath-crash-test,
// hotpath-plugin-crash-test.so) to test that a crash in one translation unit is
// reported with the check's name and does not lose the other files' findings.
// It crashes where the analysed code defines a function named
//   hotpath_test_segfault       - a null write while matching,
//   hotpath_test_abort          - a failed assertion (abort) while matching,
//   hotpath_test_crash_at_end   - a null write at the end of the TU,
//   hotpath_test_crash_untraced - the same before the check's trace entry
//                                 (no dump names it: a rerun per check must).
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "support/CheckTrace.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/Version.h"
#if CLANG_VERSION_MAJOR < 22
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif
#include <cstdlib>

using namespace clang::ast_matchers;

namespace clang::tidy::hotpath {
namespace {

void writeThroughNull() {
  volatile int *Null = nullptr;
  *Null = 1;
}

class CrashOnPurposeCheck : public ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;
  void registerMatchers(MatchFinder *Finder) override {
    Finder->addMatcher(
        functionDecl(isDefinition(),
                     hasAnyName("hotpath_test_segfault", "hotpath_test_abort",
                                "hotpath_test_crash_at_end",
                                "hotpath_test_crash_untraced"))
            .bind("f"),
        this);
  }
  void check(const MatchFinder::MatchResult &Result) override {
    const auto *F = Result.Nodes.getNodeAs<FunctionDecl>("f");
    if (F->getName() == "hotpath_test_segfault")
      writeThroughNull();
    else if (F->getName() == "hotpath_test_abort")
      std::abort(); // what a failed assert() does
    else if (F->getName() == "hotpath_test_crash_at_end")
      CrashAtEnd = true;
    else
      CrashUntraced = true;
  }
  void onEndOfTranslationUnit() override {
    if (CrashUntraced)
      writeThroughNull();
    support::EndOfTranslationUnitTrace Trace(getID());
    if (CrashAtEnd)
      writeThroughNull();
  }

private:
  bool CrashAtEnd = false;
  bool CrashUntraced = false;
};

class CrashTestModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<CrashOnPurposeCheck>("hotpath-test-crash");
  }
};

} // namespace

static ClangTidyModuleRegistry::Add<CrashTestModule>
    X("hotpath-test", "a check that crashes on purpose (tests only)");

} // namespace clang::tidy::hotpath
