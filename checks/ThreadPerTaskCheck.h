//===--- ThreadPerTaskCheck.h - hotpath -----------------------------------===//
//
// Finds threads created once per item of data: std::thread/std::jthread
// construction, std::async (unless deferred-only), pthread_create, and
// `threads.emplace_back(f)` inside a loop whose trip count follows the data.
// Documentation: docs/checks/hotpath-thread-per-task.md
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_THREADPERTASKCHECK_H
#define HOTPATH_CHECKS_THREADPERTASKCHECK_H

#include "HotpathCheck.h"
#include "analyses/BodyIndex.h"
#include "analyses/Effects.h"
#include "analyses/TripCount.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>
#include <string>
#include <vector>

namespace clang::tidy::hotpath {

class ThreadPerTaskCheck : public HotpathCheck {
public:
  ThreadPerTaskCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// A thread creation found by the matchers, judged at the end of the TU.
  struct PendingCreation {
    const Stmt *Creation;
    SourceLocation Loc;
    std::string What;
  };
  void reportIfPerTask(const Stmt &Creation, SourceLocation Loc,
                       StringRef What);
  /// Calls in \p Loop's body that start a thread in a function they reach.
  void reportCallsPerTask(const Stmt &Loop);

  std::vector<StringRef> ThreadTypes;
  std::vector<StringRef> ThreadFunctions;
  analyses::LoopVocabulary Vocab;
  // Thread temporaries already reported at the push_back that stores them.
  llvm::DenseSet<const Stmt *> ReportedAtCall;
  ASTContext *Ctx = nullptr;
  std::vector<PendingCreation> Pending;
  /// The loops of the TU, and the creations by statement, for the calls
  /// that start threads through helpers.
  std::vector<const Stmt *> Loops;
  llvm::DenseMap<const Stmt *, std::string> Creations;
  analyses::EffectSummaries Starting;
  /// Functions that join or wait for the threads they start (cached).
  llvm::DenseMap<const Decl *, bool> JoiningFunctions;
  bool joinsInFunction(const Decl *Fn);
};

} // namespace clang::tidy::hotpath

#endif // HOTPATH_CHECKS_THREADPERTASKCHECK_H
