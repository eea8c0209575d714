//===--- LockInLoopCheck.cpp - hotpath ------------------------------------===//

#include "LockInLoopCheck.h"
#include "utils/OptionList.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::hotpath {

LockInLoopCheck::LockInLoopCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      RawExtraLockTypes(Options.get("ExtraLockTypes", "")),
      RawExtraMutexTypes(Options.get("ExtraMutexTypes", "")),
      ReportConditionalLocks(Options.get("ReportConditionalLocks", false)),
      MinIterations(Options.get("MinIterations", 8U)), RunOnceCode(Options),
      Hot(Options, Context) {
  for (StringRef T : utils::splitOptionList(utils::DefaultGuardTypes))
    GuardTypes.push_back(T.str());
  for (StringRef T : utils::splitOptionList(RawExtraLockTypes))
    GuardTypes.push_back(T.str());
  for (StringRef T : utils::splitOptionList(utils::DefaultMutexTypes))
    MutexTypes.push_back(T.str());
  for (StringRef T : utils::splitOptionList(RawExtraMutexTypes))
    MutexTypes.push_back(T.str());
}

void LockInLoopCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  RunOnceCode.store(Options, Opts);
  Options.store(Opts, "ExtraLockTypes", RawExtraLockTypes);
  Options.store(Opts, "ExtraMutexTypes", RawExtraMutexTypes);
  Options.store(Opts, "ReportConditionalLocks", ReportConditionalLocks);
  Options.store(Opts, "MinIterations", MinIterations);
}

void LockInLoopCheck::onStartOfTranslationUnit() {
  Parents.clear();
  Reported.clear();
}

void LockInLoopCheck::registerMatchers(MatchFinder *Finder) {
  // The acquisitions are rare, narrow nodes; the loops around one come from
  // a walk of its function only.
  std::vector<StringRef> Guards(GuardTypes.begin(), GuardTypes.end());
  std::vector<StringRef> Mutexes(MutexTypes.begin(), MutexTypes.end());
  Finder->addMatcher(
      varDecl(unless(isExpansionInSystemHeader()), hasLocalStorage(),
              hasType(qualType(hasUnqualifiedDesugaredType(recordType(
                  hasDeclaration(cxxRecordDecl(hasAnyName(Guards))))))))
          .bind("guard"),
      this);
  Finder->addMatcher(
      cxxMemberCallExpr(
          unless(isExpansionInSystemHeader()),
          callee(cxxMethodDecl(hasAnyName("lock", "lock_shared"),
                               ofClass(cxxRecordDecl(hasAnyName(Mutexes))))),
          forCallable(decl().bind("fn")))
          .bind("lock"),
      this);
}

void LockInLoopCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  if (const auto *Guard = Result.Nodes.getNodeAs<VarDecl>("guard")) {
    const auto *Fn = dyn_cast_or_null<Decl>(Guard->getParentFunctionOrMethod());
    const Stmt *Body = utils::bodyOf(Fn);
    if (!Body)
      return;
    const utils::ParentIndex &P = Parents.get(*Body);
    if (auto CS = utils::sectionOfGuard(*Guard, P))
      checkSection(*CS, *Fn, P, Ctx);
    return;
  }
  const auto *Lock = Result.Nodes.getNodeAs<CXXMemberCallExpr>("lock");
  const auto *Fn = Result.Nodes.getNodeAs<Decl>("fn");
  const Stmt *Body = utils::bodyOf(Fn);
  if (!Lock || !Body)
    return;
  const utils::ParentIndex &P = Parents.get(*Body);
  if (auto CS = utils::sectionOfLockCall(*Lock, P, Ctx))
    checkSection(*CS, *Fn, P, Ctx);
}

namespace {

const Stmt *loopBody(const Stmt *L) {
  if (const auto *F = dyn_cast<ForStmt>(L))
    return F->getBody();
  if (const auto *R = dyn_cast<CXXForRangeStmt>(L))
    return R->getBody();
  if (const auto *W = dyn_cast<WhileStmt>(L))
    return W->getBody();
  if (const auto *D = dyn_cast<DoStmt>(L))
    return D->getBody();
  return nullptr;
}

// The number of iterations when it is a small compile-time constant:
// `for (int i = 0; i < 4; ++i)`, a range-for over a fixed-size array.
std::optional<uint64_t> constantTrips(const Stmt *L, const ASTContext &Ctx) {
  if (const auto *R = dyn_cast<CXXForRangeStmt>(L)) {
    QualType T = R->getRangeInit()->getType().getNonReferenceType();
    if (const auto *A = Ctx.getAsConstantArrayType(T))
      return A->getSize().getZExtValue();
    return std::nullopt;
  }
  const auto *F = dyn_cast<ForStmt>(L);
  const auto *Cond =
      F ? dyn_cast_or_null<BinaryOperator>(F->getCond()) : nullptr;
  if (!Cond || !Cond->isComparisonOp())
    return std::nullopt;
  Expr::EvalResult R;
  if (!Cond->getRHS()->EvaluateAsInt(R, Ctx))
    return std::nullopt;
  int64_t V = R.Val.getInt().getExtValue();
  return V < 0 ? 0 : uint64_t(V);
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

void LockInLoopCheck::checkSection(const utils::CriticalSection &CS,
                                   const Decl &Fn, const utils::ParentIndex &P,
                                   ASTContext &Ctx) {
  auto ParentOf = [&P](const Stmt *C) { return P.parent(C); };
  auto Loops = utils::enclosingLoops(*CS.Acquire, ParentOf);
  if (Loops.empty())
    return;
  const Stmt *Loop = Loops.front();
  const Stmt *Body = loopBody(Loop);
  // Where the lock sits in the body: its block, or blocks inside it; under
  // an `if` or `switch` it is taken only on some iterations.
  for (const Stmt *S = CS.Block; S && S != Body; S = P.parent(S)) {
    if (isa<IfStmt, SwitchStmt, ConditionalOperator, CXXTryStmt, CXXCatchStmt>(
            S) &&
        !ReportConditionalLocks)
      return;
    if (isLoop(S))
      return;
  }
  // A loop over data: not an event loop (`while (true)`), not one thread per
  // core, not a handful of iterations.
  utils::TripCount Trips = utils::classifyTripCount(*Loop, Ctx, Vocab);
  if (Trips.Kind == utils::TripKind::Unbounded ||
      Trips.Kind == utils::TripKind::CpuSized)
    return;
  if (isa<WhileStmt, DoStmt>(Loop) && Trips.Kind != utils::TripKind::Data)
    return;
  if (auto N = constantTrips(Loop, Ctx); N && *N < MinIterations)
    return;
  if (waitsOnCondition(Body))
    return;
  // A mutex made per iteration is no one else's.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(CS.Mutex->IgnoreParenImpCasts()))
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
      if (utils::spanContains(*Body, VD->getLocation(), Ctx.getSourceManager()))
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
       Prev = S, S = S == Body ? nullptr : P.parent(S)) {
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
  if (RunOnceCode.holdBack(utils::runOnceAt(*CS.Acquire, &Fn, ParentOf),
                           getID(), Loc, SM) ||
      !Reported.first(Loc))
    return;
  std::string Mutex = utils::mutexText(*CS.Mutex, Ctx);
  std::string Who = CS.Guard ? "'" + CS.Guard->getName().str() + "' locks '" +
                                   Mutex + "'"
                             : "'" + Mutex + "' is locked and unlocked";
  std::optional<utils::Hot> H = Hot.ofLoop(Loop, Loc, SM);
  diag(Loc, "%0 on every iteration of the loop around a short "
            "critical section: each iteration pays an atomic read-modify-write "
            "to lock and another to unlock, and under contention a cache-line "
            "transfer or a futex sleep; take the lock once around the loop, or "
            "collect the results locally and merge them under one lock%1")
      << Who << Hot.text(H);
  diag(Loop->getBeginLoc(), "the loop is here", DiagnosticIDs::Note);
  Hot.note(*this, Loc, H);
}

} // namespace clang::tidy::hotpath
