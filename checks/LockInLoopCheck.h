//===--- LockInLoopCheck.h - hotpath --------------------------------------===//
//
// Finds a mutex locked and unlocked on every iteration of a loop over data
// (a lock guard declared in the body, or `m.lock()` ... `m.unlock()` in it)
// around a short critical section: each iteration pays an atomic
// read-modify-write pair and, under contention, a cache-line transfer or a
// futex sleep. Take the lock once around the loop, or collect locally and
// merge under one lock.
// Documentation: docs/checks/hotpath-lock-in-loop.md
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_LOCKINLOOPCHECK_H
#define HOTPATH_CHECKS_LOCKINLOOPCHECK_H

#include "HotpathCheck.h"
#include "analyses/Effects.h"
#include "analyses/Locks.h"
#include "analyses/TripCount.h"
#include <string>
#include <vector>

namespace clang::tidy::hotpath {

class LockInLoopCheck : public HotpathCheck {
public:
  LockInLoopCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void checkSection(const analyses::CriticalSection &CS, const Decl &Fn,
                    const analyses::BodyIndex &Parents, ASTContext &Ctx);
  /// A loop whose only call locks a mutex in a function it reaches.
  void checkLoopCall(const Stmt &Loop, ASTContext &Ctx);
  /// The loop over data of checkSection and checkLoopCall: false for event
  /// loops, one thread per core, a handful of iterations, a wait on a
  /// condition.
  bool overData(const Stmt &Loop, ASTContext &Ctx) const;

  const bool ReportConditionalLocks;
  const unsigned MinIterations;
  analyses::LoopVocabulary Vocab;
  analyses::LockAcquisitions Locks;
  /// What a call in a loop locks through the functions it reaches.
  analyses::EffectSummaries Locking;
  ASTContext *Ctx = nullptr;
};

} // namespace clang::tidy::hotpath

#endif // HOTPATH_CHECKS_LOCKINLOOPCHECK_H
