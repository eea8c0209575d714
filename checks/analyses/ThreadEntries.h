//===--- ThreadEntries.h - hotpath ------------------------------*- C++ -*-===//
//
// Code that runs on threads a translation unit starts: the callables handed
// to std::thread / std::jthread (also through a container's emplace_back),
// std::async, pthread_create or a pool's submit-like member function; the
// functions those call directly (two levels); lambdas defined inside them;
// and the member functions of a class that starts threads running its own
// members (`std::thread(&Server::loop, this)`, a thread lambda capturing
// `this`). Evidence that two threads write, for hotpath-false-sharing (and
// the coming lock checks).
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_ANALYSES_THREADENTRIES_H
#define HOTPATH_CHECKS_ANALYSES_THREADENTRIES_H

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <string>
#include <vector>

namespace clang::tidy::hotpath::analyses {

/// What starts a thread, for the checks' options: the thread classes, and
/// the C functions (';'-separated qualified names).
inline constexpr char DefaultThreadTypes[] = "::std::thread;::std::jthread";
inline constexpr char DefaultThreadFunctions[] =
    "::pthread_create;::thrd_create";

class ThreadEntries {
public:
  /// \p SubmitMethods: member functions that hand a callable to a pool
  /// (plain names: "submit", "post", ...).
  void registerMatchers(ast_matchers::MatchFinder &Finder,
                        ast_matchers::MatchFinder::MatchCallback &Callback,
                        const std::vector<std::string> &SubmitMethods);
  /// Takes the nodes the matchers above bound; false for anything else.
  bool handle(const ast_matchers::MatchFinder::MatchResult &Result);
  /// True when \p Fn (a function or a lambda's call operator) runs on a
  /// thread the translation unit starts. Valid once the TU is matched.
  bool runsOnThread(const Decl *Fn) const;
  /// The parameters and captures of thread entry \p Fn's own: what
  /// identifies the thread (`[t] { slots[t]++; }`, `void *run(void *arg)`).
  bool isEntry(const Decl *Fn) const;
  void clear();

private:
  void noteCallable(const Expr *Arg, const Decl *StartedIn);
  void computeReachable() const;

  llvm::DenseSet<const Decl *> Entries;
  llvm::DenseSet<const CXXRecordDecl *> ThreadedClasses;
  mutable llvm::DenseSet<const Decl *> Reachable;
  mutable bool ReachableDone = false;
};

/// An index that names one thread's slot (`counts[tid]`): a parameter or a
/// capture, a local from the thread's argument struct (`int id = arg->id;`),
/// or a call that names the thread (thread_index(), sched_getcpu()); not a
/// loop counter, a constant, or a call that hashes data.
bool isPerThreadIndex(const Expr *Idx, ASTContext &Ctx);

} // namespace clang::tidy::hotpath::analyses

#endif
