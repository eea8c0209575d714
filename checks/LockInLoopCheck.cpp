//===--- LockInLoopCheck.cpp - hotpath ------------------------------------===//

#include "LockInLoopCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::hotpath {

LockInLoopCheck::LockInLoopCheck(StringRef Name, ClangTidyContext *Context)
    : HotpathCheck(Name, Context, Needs::CPlusPlus11),
      ReportConditionalLocks(Config.get("ReportConditionalLocks", false)),
      MinIterations(Config.get("MinIterations", 8U)), Locks(Config, Bodies) {}

// The acquisitions are rare, narrow nodes; the loops around one come from a
// walk of its function only.
void LockInLoopCheck::registerMatchers(MatchFinder *Finder) {
  Locks.registerMatchers(Finder, this);
}

void LockInLoopCheck::check(const MatchFinder::MatchResult &Result) {
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

// A wait on a condition variable: the loop waits for a state, the lock is
// the condition variable's.
bool waitsOnCondition(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S))
    if (const CXXMethodDecl *MD = MC->getMethodDecl())
      if (MD->getDeclName().isIdentifier() &&
          MD->getName().starts_with("wait") &&
          MD->getParent()->getDeclName().isIdentifier() &&
          MD->getParent()->getName().starts_with("condition_variable"))
        return true;
  for (const Stmt *C : S->children())
    if (waitsOnCondition(C))
      return true;
  return false;
}

// Work a call does: any call but the guard's own lock/unlock.
bool hasCall(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (isa<CallExpr>(S) && !isa<CXXOperatorCallExpr>(S))
    return true;
  for (const Stmt *C : S->children())
    if (hasCall(C))
      return true;
  return false;
}

bool hasLoop(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (isLoop(S))
    return true;
  for (const Stmt *C : S->children())
    if (hasLoop(C))
      return true;
  return false;
}

} // namespace

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
  for (const Stmt *S = CS.Block; S && S != Body; S = P.parentOf(S)) {
    if (isa<IfStmt, SwitchStmt, ConditionalOperator, CXXTryStmt, CXXCatchStmt>(
            S) &&
        !ReportConditionalLocks)
      return;
  }
  // A loop over data: not an event loop (`while (true)`), not one thread per
  // core, not a handful of iterations.
  analyses::TripCount Trips = analyses::classifyTripCount(*Loop, Ctx, Vocab);
  if (Trips.Kind == analyses::TripKind::Unbounded ||
      Trips.Kind == analyses::TripKind::CpuSized)
    return;
  if (isa<WhileStmt, DoStmt>(Loop) && Trips.Kind != analyses::TripKind::Data)
    return;
  if (auto N = constantTrips(Loop, Ctx); N && *N < MinIterations)
    return;
  if (waitsOnCondition(Body))
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

} // namespace clang::tidy::hotpath
