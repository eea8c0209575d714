//===--- LockInLoopCheck.cpp - hotpath ------------------------------------===//

#include "LockInLoopCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/STLFunctionalExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::hotpath {

// Which mutex \p Mutex is, as far as another call of the same function can
// tell: "global", "this" (a member of the object called), or "".
static std::string mutexScope(const Expr &Mutex) {
  const Expr *M = Mutex.IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(M))
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
      return VD->hasGlobalStorage() ? "global" : "";
  const auto *Member = dyn_cast<MemberExpr>(M);
  return Member && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts())
             ? "this"
             : "";
}

LockInLoopCheck::LockInLoopCheck(StringRef Name, ClangTidyContext *Context)
    : HotpathCheck(Name, Context, Needs::CPlusPlus11),
      ReportConditionalLocks(Config.get("ReportConditionalLocks", false)),
      MinIterations(Config.get("MinIterations", 8U)), Locks(Config, Bodies),
      Locking(
          [this](const Stmt &S) -> std::string {
            const Expr *M = Locks.acquiredBy(S);
            ASTContext *C = Ctx ? Ctx : unitContext();
            return M && C ? "locks '" + analyses::mutexText(*M, *C) + "'" : "";
          },
          globList("NotLockingFunctions", "")) {
  Locking.setTagger([this](const Stmt &S) -> std::string {
    const Expr *M = Locks.acquiredBy(S);
    return M ? mutexScope(*M) : "";
  });
  clearEachTU(Locking);
}

// The acquisitions are rare, narrow nodes; the loops around one come from a
// walk of its function only. Loops are matched for the calls that lock in a
// function they reach.
void LockInLoopCheck::registerMatchers(MatchFinder *Finder) {
  Locks.registerMatchers(Finder, this);
  analyses::addLoopMatchers(*Finder, *this, "loop");
  summariseEffects(Finder, Locking);
}

void LockInLoopCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (const auto *Loop = Result.Nodes.getNodeAs<Stmt>("loop"))
    return checkLoopCall(*Loop, *Result.Context);
  if (auto S = Locks.sectionOf(Result))
    checkSection(S->CS, *S->Fn, *S->Parents, *Result.Context);
}

namespace {

// The number of iterations when it is a compile-time constant: a canonical
// counted `for` (TripCount), a range-for over a fixed-size array.
std::optional<uint64_t> constantTrips(const Stmt *L, ASTContext &Ctx) {
  if (const auto *R = dyn_cast<CXXForRangeStmt>(L)) {
    QualType T = R->getRangeInit()->getType().getNonReferenceType();
    if (const auto *A = Ctx.getAsConstantArrayType(T))
      return A->getSize().getZExtValue();
    return std::nullopt;
  }
  if (const auto *F = dyn_cast<ForStmt>(L))
    if (auto C = analyses::canonicalFor(*F, Ctx))
      return C->TripCount;
  return std::nullopt;
}

bool isLoop(const Stmt *S) {
  return isa<ForStmt, CXXForRangeStmt, WhileStmt, DoStmt>(S);
}

// \p S or a statement around it, up to the loop body \p Body (a brace-less
// `if` included), runs on some iterations only.
bool conditional(const Stmt *S, const Stmt *Body,
                 const analyses::BodyIndex &P) {
  for (; S; S = S == Body ? nullptr : P.parentOf(S))
    if (isa<IfStmt, SwitchStmt, ConditionalOperator, CXXTryStmt, CXXCatchStmt>(
            S))
      return true;
  return false;
}

// Some statement of \p S satisfies \p P; a lambda's body runs when it is
// called and does not count.
bool anyStmt(const Stmt *S, llvm::function_ref<bool(const Stmt *)> P) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (P(S))
    return true;
  for (const Stmt *C : S->children())
    if (anyStmt(C, P))
      return true;
  return false;
}

// A wait on a condition variable: the loop waits for a state, the lock is
// the condition variable's.
bool waitsOnCondition(const Stmt *S) {
  return anyStmt(S, [](const Stmt *X) {
    const auto *MC = dyn_cast<CXXMemberCallExpr>(X);
    const CXXMethodDecl *MD = MC ? MC->getMethodDecl() : nullptr;
    return MD && MD->getDeclName().isIdentifier() &&
           MD->getName().starts_with("wait") &&
           MD->getParent()->getDeclName().isIdentifier() &&
           MD->getParent()->getName().starts_with("condition_variable");
  });
}

// Work a call does: any call but an operator (the guard's own lock/unlock
// are member calls of the section, not of what lies outside it).
bool isWorkCall(const Stmt *S) {
  return isa<CallExpr>(S) && !isa<CXXOperatorCallExpr>(S);
}

bool hasCall(const Stmt *S) { return anyStmt(S, isWorkCall); }
bool hasLoop(const Stmt *S) { return anyStmt(S, isLoop); }

} // namespace

bool LockInLoopCheck::overData(const Stmt &Loop, ASTContext &Ctx) const {
  // Not an event loop (`while (true)`), not one thread per core, not a
  // handful of iterations.
  analyses::TripCount Trips = analyses::classifyTripCount(Loop, Ctx, Vocab);
  if (Trips.Kind == analyses::TripKind::Unbounded ||
      Trips.Kind == analyses::TripKind::CpuSized)
    return false;
  if (isa<WhileStmt, DoStmt>(Loop) && Trips.Kind != analyses::TripKind::Data)
    return false;
  if (auto N = constantTrips(&Loop, Ctx); N && *N < MinIterations)
    return false;
  return !waitsOnCondition(analyses::loopBody(Loop));
}

void LockInLoopCheck::checkSection(const analyses::CriticalSection &CS,
                                   const Decl &Fn, const analyses::BodyIndex &P,
                                   ASTContext &Ctx) {
  auto ParentOf = [&P](const Stmt *C) { return P.parentOf(C); };
  auto Loops = analyses::enclosingLoops(*CS.Acquire, ParentOf);
  if (Loops.empty())
    return;
  const Stmt *Loop = Loops.front();
  const Stmt *Body = analyses::loopBody(*Loop);
  // Where the lock sits in the body: its block, or blocks inside it; under
  // an `if` or `switch` it is taken only on some iterations.
  if (!ReportConditionalLocks && conditional(CS.Block, Body, P))
    return;
  if (!overData(*Loop, Ctx))
    return;
  // A mutex made per iteration is no one else's.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(CS.Mutex->IgnoreParenImpCasts()))
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
      if (analyses::spanContains(*Body, VD->getLocation(),
                                 Ctx.getSourceManager()))
        return;
  // A short critical section: no loop in it. Work the body does outside the
  // lock (any call) is what the lock lets other threads in around; holding
  // it once across the loop would hold it through that work too.
  for (unsigned I = CS.First; I < CS.End; ++I)
    if (hasLoop(CS.Block->body_begin()[I]))
      return;
  // The statements of the body outside the section: in the section's block,
  // those before the lock and after the unlock; in the blocks around it,
  // every statement but the one leading to it.
  llvm::SmallVector<const Stmt *, 16> Outside;
  const Stmt *Prev = nullptr;
  for (const Stmt *S = CS.Block; S;
       Prev = S, S = S == Body ? nullptr : P.parentOf(S)) {
    const auto *Block = dyn_cast<CompoundStmt>(S);
    if (!Block)
      continue;
    unsigned I = 0;
    for (const Stmt *Child : Block->body()) {
      bool Section =
          Block == CS.Block ? I + 1 >= CS.First && I <= CS.End : Child == Prev;
      if (!Section)
        Outside.push_back(Child);
      ++I;
    }
  }
  for (const Stmt *S : Outside)
    if (hasCall(S))
      return;

  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = SM.getFileLoc(CS.Guard ? CS.Guard->getLocation()
                                              : CS.Acquire->getBeginLoc());
  report(
      Loc, relevance::runOnceAt(*CS.Acquire, &Fn, ParentOf), SM,
      [&] { return Hot.ofLoop(Loop, Loc, SM); },
      [&](Finding &F) {
        std::string Mutex = analyses::mutexText(*CS.Mutex, Ctx);
        std::string Who = CS.Guard ? "'" + CS.Guard->getName().str() +
                                         "' locks '" + Mutex + "'"
                                   : "'" + Mutex + "' is locked and unlocked";
        F.diag("%0 on every iteration of the loop around a short critical "
               "section: each iteration pays an atomic read-modify-write to "
               "lock and another to unlock, and under contention a "
               "cache-line transfer or a futex sleep; take the lock once "
               "around the loop, or collect the results locally and merge "
               "them under one lock%1")
            << Who << F.hotText();
        F.noteLoop(Loop);
      });
}

namespace {

// The calls of a loop body, not counting operators (an element access) and
// what lambdas do later; null when the body holds a loop of its own.
bool collectCalls(const Stmt *S, llvm::SmallVectorImpl<const CallExpr *> &Out) {
  if (!S || isa<LambdaExpr>(S))
    return true;
  if (isLoop(S))
    return false;
  if (isWorkCall(S))
    Out.push_back(cast<CallExpr>(S));
  for (const Stmt *C : S->children())
    if (!collectCalls(C, Out))
      return false;
  return true;
}

// The same object on every iteration: `this`, or a variable declared
// outside the loop (not its range-for variable), or members of those.
bool invariantObject(const Expr *E, const Stmt &Loop, const SourceManager &SM) {
  if (!E)
    return true; // a call on `this`, implicitly
  E = E->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(E))
    return true;
  if (const auto *M = dyn_cast<MemberExpr>(E))
    return invariantObject(M->getBase(), Loop, SM);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
      return !analyses::spanContains(Loop, VD->getLocation(), SM);
  return false;
}

// The loop calls a method of the same object on every iteration.
bool onInvariantObject(const CallExpr &Call, const Stmt &Loop,
                       const SourceManager &SM) {
  const auto *First = dyn_cast<CXXMemberCallExpr>(&Call);
  return First && invariantObject(First->getImplicitObjectArgument(), Loop, SM);
}

// A mutex that is the same one on every call through \p C: a global, or a
// member of the object the loop calls (the same object each iteration).
bool sameMutexEachIteration(const Expr &Mutex, const analyses::EffectChain &C,
                            const Stmt &Loop, const SourceManager &SM) {
  std::string Scope = mutexScope(Mutex);
  return Scope == "global" ||
         (Scope == "this" && C.SameObject &&
          onInvariantObject(*cast<CallExpr>(C.Hops.front().Call), Loop, SM));
}

} // namespace

void LockInLoopCheck::checkLoopCall(const Stmt &Loop, ASTContext &Ctx) {
  const Stmt *Body = analyses::loopBody(Loop);
  llvm::SmallVector<const CallExpr *, 4> Calls;
  // One call and nothing else that works outside the lock: the call is the
  // short critical section.
  if (!Body || !collectCalls(Body, Calls) || Calls.size() != 1)
    return;
  const CallExpr &Call = *Calls.front();
  if (!overData(Loop, Ctx))
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  std::optional<analyses::EffectChain> Chain = Locking.ofCall(Call);
  std::optional<support::PendingRecord> Waits;
  if (Chain) {
    const Expr *Mutex = Locks.acquiredBy(*Chain->Primitive);
    // Another object's mutex on each iteration is not one lock to hoist.
    if (!Mutex || !sameMutexEachIteration(*Mutex, *Chain, Loop, SM))
      return;
  } else if (followsOtherUnits() && (Waits = Locking.pendingOfCall(Call))) {
    Waits->Accept = {"global"};
    if (onInvariantObject(Call, Loop, SM))
      Waits->Accept.push_back("this+same");
  } else {
    return;
  }
  auto Owner = Bodies.owning(Loop, SM);
  if (!Owner)
    return;
  const analyses::BodyIndex &P = *Owner->Index;
  // Called on some iterations only.
  if (!ReportConditionalLocks && conditional(P.parentOf(&Call), Body, P))
    return;
  SourceLocation Loc = SM.getFileLoc(Call.getBeginLoc());
  auto ParentOf = P.parents();
  report(
      Loc, relevance::runOnceAt(Call, Owner->Function, ParentOf), SM,
      [&] { return Hot.ofLoop(&Loop, Loc, SM); },
      [&](Finding &F) {
        F.diag("'%0' %1 on every iteration of the loop (%2) around a short "
               "critical section: each iteration pays an atomic "
               "read-modify-write to lock and another to unlock, and under "
               "contention a cache-line transfer or a futex sleep; lock once "
               "for the whole loop (a batch operation that takes the items "
               "together), or collect the results locally and merge them "
               "under one lock%3")
            << analyses::staticCallee(Call)->getNameAsString()
            << (Chain ? Chain->What : F.filled(support::WhatPlaceholder.str()))
            << (Chain ? analyses::chainText(*Chain, Ctx)
                      : F.filled(support::ChainPlaceholder.str()))
            << F.hotText();
        F.noteChain(Chain ? &*Chain : nullptr, Ctx);
        F.noteLoop(&Loop);
      },
      Waits);
}

} // namespace clang::tidy::hotpath
