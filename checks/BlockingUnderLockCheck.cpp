//===--- BlockingUnderLockCheck.cpp - hotpath -----------------------------===//

#include "BlockingUnderLockCheck.h"
#include "support/OptionList.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::hotpath {

// Free functions that block, by what they do. Methods of the standard
// library's streams, threads and futures are recognised by their class.
static const std::pair<const char *, const char *> DefaultBlocking[] = {
    {"::std::this_thread::sleep_for", "sleeps"},
    {"::std::this_thread::sleep_until", "sleeps"},
    {"::sleep", "sleeps"},
    {"::usleep", "sleeps"},
    {"::nanosleep", "sleeps"},
    {"::clock_nanosleep", "sleeps"},
    {"::fopen", "opens a file"},
    {"::fclose", "closes a file (flushing it)"},
    {"::fread", "reads a file"},
    {"::fwrite", "writes a file"},
    {"::fflush", "flushes a file"},
    {"::fgets", "reads a file"},
    {"::read", "reads a file or socket"},
    {"::pread", "reads a file"},
    {"::write", "writes a file or socket"},
    {"::pwrite", "writes a file"},
    {"::open", "opens a file"},
    {"::fsync", "waits for the disk"},
    {"::fdatasync", "waits for the disk"},
    {"::recv", "reads a socket"},
    {"::recvfrom", "reads a socket"},
    {"::send", "writes a socket"},
    {"::sendto", "writes a socket"},
    {"::connect", "connects a socket"},
    {"::accept", "waits for a connection"},
    {"::poll", "waits for I/O"},
    {"::select", "waits for I/O"},
    {"::epoll_wait", "waits for I/O"},
    {"::system", "runs a shell command"},
    {"::popen", "starts a shell command"},
    {"::pclose", "waits for a shell command"},
    // Not a wait, but a system call that maps a stack and clones: tens of
    // microseconds (bench/thread_per_task) with the lock held.
    {"::pthread_create", "starts a thread"},
    {"::thrd_create", "starts a thread"},
};

BlockingUnderLockCheck::BlockingUnderLockCheck(StringRef Name,
                                               ClangTidyContext *Context)
    : HotpathCheck(Name, Context, Needs::CPlusPlus11), Locks(Config, Bodies),
      Blocking([this](const Stmt &S) { return blockingInCallee(S); },
               globList("NotBlockingFunctions", "")),
      ExtraBlocking(globList("ExtraBlockingFunctions", "", /*Qualify=*/true)) {
  for (const auto &[Fn, What] : DefaultBlocking)
    BlockingByName[Fn] = What;
  clearEachTU(Blocking);
}

// Start from the acquisitions and walk only the statements each one guards.
void BlockingUnderLockCheck::registerMatchers(MatchFinder *Finder) {
  Locks.registerMatchers(Finder, this);
  summariseEffects(Finder, Blocking);
}

void BlockingUnderLockCheck::check(const MatchFinder::MatchResult &Result) {
  if (auto S = Locks.sectionOf(Result))
    checkSection(S->CS, *S->Fn, *S->Parents, *Result.Context);
}

// The record a member call or a stream argument is about, looking through
// the derived-to-base conversion to std::istream and the like.
static const CXXRecordDecl *recordOf(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  QualType T = E->getType();
  if (T->isPointerType())
    T = T->getPointeeType();
  return T->getAsCXXRecordDecl();
}

static bool isStd(const CXXRecordDecl *RD,
                  std::initializer_list<llvm::StringRef> Names) {
  if (!RD || !RD->getDeclName().isIdentifier() ||
      !RD->getDeclContext()->isStdNamespace())
    return false;
  for (llvm::StringRef N : Names)
    if (RD->getName() == N)
      return true;
  return false;
}

static bool isFileStream(const CXXRecordDecl *RD) {
  return isStd(RD, {"basic_fstream", "basic_ifstream", "basic_ofstream"});
}

std::string BlockingUnderLockCheck::blockingKind(const Stmt &S) const {
  if (const auto *Ctor = dyn_cast<CXXConstructExpr>(&S)) {
    // Opening a file stream by name (not a move from another stream).
    const CXXRecordDecl *RD = Ctor->getConstructor()->getParent();
    if (Ctor->getNumArgs() > 0 && isFileStream(RD) &&
        !isFileStream(recordOf(Ctor->getArg(0))))
      return "opens a file";
    // A thread started from a callable (not a move from another thread).
    if (Ctor->getNumArgs() > 0 && isStd(RD, {"thread", "jthread"}) &&
        !isStd(recordOf(Ctor->getArg(0)), {"thread", "jthread"}))
      return "starts a thread";
    return "";
  }
  const auto *Call = dyn_cast<CallExpr>(&S);
  if (!Call)
    return "";
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->getDeclName().isIdentifier())
    return "";
  llvm::StringRef Name = FD->getName();
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXRecordDecl *RD = recordOf(MC->getImplicitObjectArgument());
    if (isFileStream(RD) && (Name == "open" || Name == "read" ||
                             Name == "write" || Name == "flush"))
      return Name == "open" ? "opens a file" : "does file I/O";
    if (isStd(RD, {"thread", "jthread"}) && Name == "join")
      return "waits for a thread to finish";
    if (isStd(RD, {"future", "shared_future"}) &&
        (Name == "get" || Name == "wait" || Name == "wait_for" ||
         Name == "wait_until"))
      return "waits for a future";
    // `workers.emplace_back(fn)`: the thread is constructed in the library.
    if ((Name == "emplace_back" || Name == "emplace") && RD &&
        RD->isInStdNamespace() && MC->getNumArgs() > 0)
      if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
          Spec && Spec->getTemplateArgs().size() > 0 &&
          Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
          isStd(Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl(),
                {"thread", "jthread"}) &&
          !isStd(recordOf(MC->getArg(0)), {"thread", "jthread"}))
        return "starts a thread";
  }
  if (Name == "getline" && FD->isInStdNamespace() && Call->getNumArgs() >= 1 &&
      isFileStream(recordOf(Call->getArg(0))))
    return "reads a file";
  // Free functions and the configured extras, by qualified name; a cheap
  // reject on the plain name first.
  if (isa<CXXMethodDecl>(FD) && !isa<CXXMemberCallExpr>(Call))
    return "";
  std::string Qualified = "::" + FD->getQualifiedNameAsString();
  auto It = BlockingByName.find(Qualified);
  if (It != BlockingByName.end())
    return It->second;
  for (const llvm::GlobPattern &G : ExtraBlocking)
    if (G.match(Qualified))
      return "can block (ExtraBlockingFunctions)";
  return "";
}

std::string BlockingUnderLockCheck::blockingInCallee(const Stmt &S) const {
  std::string Kind = blockingKind(S);
  if (!Kind.empty())
    return Kind;
  // cv.wait(lock) blocks the caller's lock only when the function took
  // `lock` itself: a lock handed in, or one adopting a mutex the caller
  // locked (leveldb's CondVar::Wait), is the caller's, and the wait
  // releases it.
  const auto *MC = dyn_cast<CXXMemberCallExpr>(&S);
  const CXXMethodDecl *MD = MC ? MC->getMethodDecl() : nullptr;
  if (!MD || !MD->getIdentifier() || !MD->getName().starts_with("wait") ||
      !isStd(MD->getParent(),
             {"condition_variable", "condition_variable_any"}) ||
      MC->getNumArgs() == 0)
    return "";
  const auto *Ref = dyn_cast<DeclRefExpr>(MC->getArg(0)->IgnoreParenImpCasts());
  const auto *Lock = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Lock || isa<ParmVarDecl>(Lock) || !Lock->hasLocalStorage() ||
      !analyses::locksOnConstruction(*Lock))
    return "";
  return "waits on a condition variable";
}

// A statement that is a call ending the process: [[noreturn]] (abort, exit,
// std::terminate, a project's own fatal-error function) or marked
// analyzer_noreturn. Only the statement itself: a branch that may exit
// does not make the path an error path.
static bool endsProcess(const Stmt *S) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  const auto *Call = E ? dyn_cast<CallExpr>(E->IgnoreImplicit()) : nullptr;
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  return FD && (FD->isNoReturn() || FD->hasAttr<AnalyzerNoReturnAttr>());
}

// An error path: the statements after \p S in its block end the process
// (an assertion's failure branch flushing stderr before abort()); no other
// thread waits for long on a process that is about to die.
static bool beforeProcessEnd(const Stmt &S, const analyses::BodyIndex &P) {
  const Stmt *Child = &S;
  for (const Stmt *Parent = P.parentOf(Child); Parent;
       Child = Parent, Parent = P.parentOf(Parent)) {
    const auto *Block = dyn_cast<CompoundStmt>(Parent);
    if (!Block)
      continue;
    const auto *It = llvm::find(Block->body(), Child);
    return It != Block->body_end() &&
           std::any_of(std::next(It), Block->body_end(), endsProcess);
  }
  return false;
}

void BlockingUnderLockCheck::checkSection(const analyses::CriticalSection &CS,
                                          const Decl &Fn,
                                          const analyses::BodyIndex &P,
                                          ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::string Mutex = analyses::mutexText(*CS.Mutex, Ctx);
  std::string Holder = "'" + Mutex + ".lock()'";
  if (CS.Guard)
    Holder = "'" + CS.Guard->getName().str() + "'";
  else if (const auto *Call = dyn_cast<CallExpr>(CS.Acquire);
           Call && !isa<CXXMemberCallExpr>(Call) && Call->getDirectCallee())
    Holder = "'" + Call->getDirectCallee()->getName().str() + "'";
  SourceLocation AcquireLoc = SM.getFileLoc(
      CS.Guard ? CS.Guard->getLocation() : CS.Acquire->getBeginLoc());
  // A local walk of the guarded statements; code in a lambda runs later.
  llvm::SmallVector<const Stmt *, 32> Work;
  for (unsigned I = CS.First; I < CS.End; ++I)
    Work.push_back(CS.Block->body_begin()[I]);
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S || isa<LambdaExpr, BlockExpr>(S))
      continue;
    for (const Stmt *C : S->children())
      Work.push_back(C);
    std::string Kind = blockingKind(*S);
    std::optional<analyses::EffectChain> Chain;
    std::optional<support::PendingRecord> Waits;
    if (Kind.empty() && isa<CallExpr, CXXConstructExpr>(S)) {
      if ((Chain = Blocking.ofCall(*cast<Expr>(S))))
        Kind = Chain->What + " (" + analyses::chainText(*Chain, Ctx) + ")";
      else if (followsOtherUnits() &&
               (Waits = Blocking.pendingOfCall(*cast<Expr>(S))))
        Kind =
            (support::WhatPlaceholder + " (" + support::ChainPlaceholder + ")")
                .str();
    }
    if (Kind.empty() || beforeProcessEnd(*S, P))
      continue;
    SourceLocation Loc = SM.getFileLoc(S->getBeginLoc());
    auto ParentOf = [&P](const Stmt *C) { return P.parentOf(C); };
    // Executions of the call: the loop around it, else its function.
    auto Measure = [&] {
      return measureLoopOrFunction(analyses::enclosingLoops(*S, ParentOf),
                                   dyn_cast<FunctionDecl>(&Fn), Loc, SM);
    };
    report(
        Loc, relevance::runOnceAt(*S, &Fn, ParentOf), SM, Measure,
        [&](Finding &F) {
          std::string Callee;
          if (const auto *Call = dyn_cast<CallExpr>(S))
            Callee = "'" + Call->getDirectCallee()->getNameAsString() + "'";
          else
            Callee = "constructing '" +
                     cast<CXXConstructExpr>(S)->getType().getAsString(
                         Ctx.getPrintingPolicy()) +
                     "'";
          F.diag("%0 %1 while %2 holds '%3' (line %4): every other thread "
                 "that needs '%3' waits for it too; release the lock first "
                 "(copy what the call needs while holding it)%5")
              << Callee << F.filled(Kind) << Holder << Mutex
              << SM.getPresumedLineNumber(AcquireLoc) << F.hotText();
          F.note(AcquireLoc, "'%0' is locked here") << Mutex;
          F.noteChain(Chain ? &*Chain : nullptr, Ctx);
        },
        Waits);
  }
}

} // namespace clang::tidy::hotpath
