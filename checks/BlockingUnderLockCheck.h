//===--- BlockingUnderLockCheck.h - hotpath -------------------------------===//
//
// Finds calls that can block for a long time (sleeping, file and socket I/O,
// joining a thread, waiting for a future, running a shell command) while a
// mutex is held: by a lock guard alive in an enclosing block, or between
// `m.lock()` and `m.unlock()`. Every other thread that needs the mutex waits
// for the I/O too.
// Documentation: docs/checks/hotpath-blocking-under-lock.md
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_BLOCKINGUNDERLOCKCHECK_H
#define HOTPATH_CHECKS_BLOCKINGUNDERLOCKCHECK_H

#include "HotpathCheck.h"
#include "analyses/Effects.h"
#include "analyses/Locks.h"
#include "llvm/ADT/StringMap.h"
#include <string>
#include <vector>

namespace clang::tidy::hotpath {

class BlockingUnderLockCheck : public HotpathCheck {
public:
  BlockingUnderLockCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  /// What the call does that blocks ("sleeps", "file I/O", ...), or "".
  std::string blockingKind(const Stmt &S) const;
  /// The same in a function called under the lock, where a wait on a
  /// condition variable blocks too (unless it waits on a lock passed in).
  std::string blockingInCallee(const Stmt &S) const;
  void checkSection(const analyses::CriticalSection &CS, const Decl &Fn,
                    const analyses::BodyIndex &Parents, ASTContext &Ctx);

  llvm::StringMap<std::string> BlockingByName;
  analyses::LockAcquisitions Locks;
  /// What calls made under the lock do through the functions they reach.
  analyses::EffectSummaries Blocking;
  /// ExtraBlockingFunctions: the project's own, qualified names or globs.
  std::vector<llvm::GlobPattern> ExtraBlocking;
};

} // namespace clang::tidy::hotpath

#endif // HOTPATH_CHECKS_BLOCKINGUNDERLOCKCHECK_H
