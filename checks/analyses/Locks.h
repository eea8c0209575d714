//===--- Locks.h - hotpath ------------------------------------------------===//
//
// Critical sections, for the checks about locks (lock-in-loop,
// blocking-under-lock): where a mutex is acquired (a lock guard declared
// with it, or `m.lock()`), and which statements run while it is held (the
// rest of the guard's block up to an `unlock()`, or the statements between
// `m.lock()` and `m.unlock()`).
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_ANALYSES_LOCKS_H
#define HOTPATH_CHECKS_ANALYSES_LOCKS_H

#include "analyses/BodyIndex.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "support/DeclaredOptions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::hotpath::analyses {

/// Guard classes that lock in their constructor and unlock in their
/// destructor, and mutex classes whose lock()/unlock() are called by hand.
inline constexpr llvm::StringLiteral DefaultGuardTypes =
    "::std::lock_guard;::std::unique_lock;::std::scoped_lock;"
    "::std::shared_lock";
inline constexpr llvm::StringLiteral DefaultMutexTypes =
    "::std::mutex;::std::recursive_mutex;::std::timed_mutex;"
    "::std::recursive_timed_mutex;::std::shared_mutex;"
    "::std::shared_timed_mutex";

/// One acquisition of a mutex and the statements that run while it is held:
/// Block->body()[First, End) (statements nested in them included).
struct CriticalSection {
  const Stmt *Acquire = nullptr;  ///< The guard's DeclStmt or the lock() call.
  const VarDecl *Guard = nullptr; ///< Null for `m.lock()`.
  const Expr *Mutex = nullptr;    ///< What is locked.
  const CompoundStmt *Block = nullptr;
  unsigned First = 0, End = 0;
  /// The section ends with the block (the guard's scope), not an unlock().
  bool ToBlockEnd = false;
};

/// \p E under parentheses, implicit casts and the nodes of temporaries
/// (cleanups, materialisation, binding).
const Expr *ignoreWrappers(const Expr *E);

/// The mutex a guard variable locks on construction; nullptr when it does
/// not lock then (std::defer_lock, std::try_to_lock, a default-constructed
/// or moved-into guard) or is dependent.
const Expr *mutexLockedBy(const VarDecl &Guard);

/// \p Guard locks its mutex itself when it is constructed: not deferred,
/// tried or adopted from a caller that locked it.
bool locksOnConstruction(const VarDecl &Guard);

/// The section guarded by \p Guard (declared in a block of the body that
/// \p Parents indexes), up to an unlock() of the guard at the block's top
/// level; nullopt when an unlock() nested deeper makes the extent unclear.
std::optional<CriticalSection> sectionOfGuard(const VarDecl &Guard,
                                              const BodyIndex &Parents);

/// The mutex a POSIX lock call takes (\p Unlock: releases), by its
/// argument: `m` for `pthread_mutex_lock(&m)`, `p` for a pointer `p`;
/// nullptr for any other call. rwlocks and spinlocks too.
const Expr *posixMutexOf(const CallExpr &Call, bool Unlock);

/// The section opened by `m.lock()` or `pthread_mutex_lock(&m)` (a
/// statement of a block), up to the matching unlock in the same block,
/// labelled or not (a `goto out;` cleanup); nullopt without one.
std::optional<CriticalSection> sectionOfLockCall(const CallExpr &Lock,
                                                 const BodyIndex &Parents,
                                                 const ASTContext &Ctx);

/// The source text of the mutex expression ("mu", "state->mu").
std::string mutexText(const Expr &Mutex, const ASTContext &Ctx);

/// True when two expressions name the same mutex (the same spelling).
bool sameMutex(const Expr &A, const Expr &B, const ASTContext &Ctx);

/// Where the lock checks start: the acquisitions, narrow nodes that few
/// functions have. Registers the matchers (a local guard variable of a
/// guard type, `m.lock()` on a mutex type, a POSIX lock call;
/// ExtraLockTypes and ExtraMutexTypes add to the defaults) and turns a match
/// into its critical section, walking only the function that contains it.
class LockAcquisitions {
public:
  /// \p Bodies: the check's body indices, which also find the function
  /// around a `lock()` call.
  LockAcquisitions(support::DeclaredOptions &Options, BodyIndexCache &Bodies);
  void registerMatchers(ast_matchers::MatchFinder *Finder,
                        ast_matchers::MatchFinder::MatchCallback *Check) const;

  struct Section {
    CriticalSection CS;
    const Decl *Fn;           ///< The function, lambda or block.
    const BodyIndex *Parents; ///< Of Fn's body.
  };
  /// The mutex \p S locks when it is an acquisition (a guard's DeclStmt,
  /// `m.lock()`), else nullptr: for the effect summaries of the functions a
  /// call reaches (analyses/Effects.h).
  const Expr *acquiredBy(const Stmt &S) const;

  /// The critical section a match of registerMatchers() opens, if any.
  std::optional<Section>
  sectionOf(const ast_matchers::MatchFinder::MatchResult &Result);

private:
  std::vector<std::string> GuardTypes, MutexTypes;
  BodyIndexCache &Bodies;
};

} // namespace clang::tidy::hotpath::analyses

#endif // HOTPATH_CHECKS_ANALYSES_LOCKS_H
