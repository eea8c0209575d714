//===--- Locks.cpp - hotpath ----------------------------------------------===//

#include "analyses/Locks.h"
#include "support/OptionList.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::hotpath::analyses {

const Expr *ignoreWrappers(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *C = dyn_cast<ExprWithCleanups>(E))
      E = C->getSubExpr();
    else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else
      return E;
  }
  return E;
}

// std::defer_lock_t, std::try_to_lock_t, std::adopt_lock_t arguments.
static bool isLockTag(const Expr *Arg, llvm::StringRef Tag) {
  const auto *RD = Arg->getType()->getAsCXXRecordDecl();
  return RD && RD->getName() == Tag;
}

const Expr *mutexLockedBy(const VarDecl &Guard) {
  if (Guard.getType()->isDependentType())
    return nullptr;
  const auto *Ctor =
      dyn_cast_or_null<CXXConstructExpr>(ignoreWrappers(Guard.getInit()));
  if (!Ctor || Ctor->getNumArgs() == 0)
    return nullptr;
  const Expr *First = Ctor->getArg(0);
  // A move from another guard, not a new acquisition.
  if (const auto *RD = First->getType()->getAsCXXRecordDecl())
    if (RD == Guard.getType()->getAsCXXRecordDecl())
      return nullptr;
  for (const Expr *Arg : Ctor->arguments())
    if (isLockTag(Arg, "defer_lock_t") || isLockTag(Arg, "try_to_lock_t"))
      return nullptr;
  // scoped_lock(std::adopt_lock, m...): the mutexes follow the tag.
  if (isLockTag(First, "adopt_lock_t"))
    return Ctor->getNumArgs() > 1 ? Ctor->getArg(1) : nullptr;
  return First;
}

bool locksOnConstruction(const VarDecl &Guard) {
  const auto *Ctor =
      dyn_cast_or_null<CXXConstructExpr>(ignoreWrappers(Guard.getInit()));
  return Ctor && mutexLockedBy(Guard) &&
         llvm::none_of(Ctor->arguments(), [](const Expr *Arg) {
           return isLockTag(Arg, "adopt_lock_t");
         });
}

// The member call `G.Method()` as a whole statement, where G names \p Guard.
static bool isGuardCall(const Stmt *S, const VarDecl &Guard,
                        llvm::StringRef Method) {
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(S);
  if (!Call || !Call->getMethodDecl() ||
      !Call->getMethodDecl()->getDeclName().isIdentifier() ||
      Call->getMethodDecl()->getName() != Method)
    return false;
  const auto *Ref = dyn_cast<DeclRefExpr>(
      Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
  return Ref && Ref->getDecl() == &Guard;
}

static bool containsGuardCall(const Stmt *S, const VarDecl &Guard,
                              llvm::StringRef Method) {
  if (!S)
    return false;
  if (isGuardCall(S, Guard, Method))
    return true;
  for (const Stmt *C : S->children())
    if (containsGuardCall(C, Guard, Method))
      return true;
  return false;
}

// The statement of \p Block that contains \p S, by index.
static std::optional<unsigned> indexIn(const CompoundStmt &Block,
                                       const Stmt *S) {
  unsigned I = 0;
  for (const Stmt *Child : Block.body()) {
    if (Child == S)
      return I;
    ++I;
  }
  return std::nullopt;
}

std::optional<CriticalSection> sectionOfGuard(const VarDecl &Guard,
                                              const BodyIndex &Parents) {
  const Expr *Mutex = mutexLockedBy(Guard);
  if (!Mutex)
    return std::nullopt;
  // The DeclStmt declaring the guard is the parent of its initializer.
  const Stmt *Decl = Parents.parentOf(Guard.getInit());
  while (Decl && !isa<DeclStmt>(Decl))
    Decl = Parents.parentOf(Decl);
  if (!Decl)
    return std::nullopt;
  const auto *Block = dyn_cast_or_null<CompoundStmt>(Parents.parentOf(Decl));
  if (!Block)
    return std::nullopt; // `if (std::lock_guard g(m); ...)` and the like
  std::optional<unsigned> At = indexIn(*Block, Decl);
  if (!At)
    return std::nullopt;
  CriticalSection CS;
  CS.Acquire = Decl;
  CS.Guard = &Guard;
  CS.Mutex = Mutex;
  CS.Block = Block;
  CS.First = *At + 1;
  CS.End = Block->size();
  CS.ToBlockEnd = true;
  for (unsigned I = CS.First; I < Block->size(); ++I) {
    const Stmt *S = Block->body_begin()[I];
    if (isGuardCall(S, Guard, "unlock")) {
      CS.End = I;
      CS.ToBlockEnd = false;
      break;
    }
    // An unlock() in a branch: held or not depends on the path.
    if (containsGuardCall(S, Guard, "unlock"))
      return std::nullopt;
  }
  return CS;
}

std::string mutexText(const Expr &Mutex, const ASTContext &Ctx) {
  const Expr *E = Mutex.IgnoreParenImpCasts();
  CharSourceRange R = CharSourceRange::getTokenRange(E->getSourceRange());
  llvm::StringRef Text =
      Lexer::getSourceText(R, Ctx.getSourceManager(), Ctx.getLangOpts());
  if (Text.empty() || Text.size() > 60)
    return "the mutex";
  return Text.str();
}

bool sameMutex(const Expr &A, const Expr &B, const ASTContext &Ctx) {
  const Expr *EA = A.IgnoreParenImpCasts(), *EB = B.IgnoreParenImpCasts();
  if (const auto *RA = dyn_cast<DeclRefExpr>(EA))
    if (const auto *RB = dyn_cast<DeclRefExpr>(EB))
      return RA->getDecl() == RB->getDecl();
  std::string TA = mutexText(A, Ctx);
  return TA != "the mutex" && TA == mutexText(B, Ctx);
}

const Expr *posixMutexOf(const CallExpr &Call, bool Unlock) {
  const FunctionDecl *FD = Call.getDirectCallee();
  if (!FD || !FD->getIdentifier() || Call.getNumArgs() != 1 || !FD->isExternC())
    return nullptr;
  llvm::StringRef N = FD->getName();
  if (!N.consume_front("pthread_"))
    return nullptr;
  bool Match = Unlock ? (N == "mutex_unlock" || N == "rwlock_unlock" ||
                         N == "spin_unlock")
                      : (N == "mutex_lock" || N == "rwlock_rdlock" ||
                         N == "rwlock_wrlock" || N == "spin_lock");
  if (!Match)
    return nullptr;
  const Expr *Arg = Call.getArg(0)->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(Arg);
      U && U->getOpcode() == UO_AddrOf)
    return U->getSubExpr();
  return Arg;
}

// The mutex \p Call releases, if it is an unlock.
static const Expr *unlockedBy(const Stmt *S) {
  const auto *Call = dyn_cast_or_null<CallExpr>(S);
  if (!Call)
    return nullptr;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if (MD && MD->getIdentifier() &&
        (MD->getName() == "unlock" || MD->getName() == "unlock_shared"))
      return MC->getImplicitObjectArgument();
    return nullptr;
  }
  return posixMutexOf(*Call, /*Unlock=*/true);
}

std::optional<CriticalSection> sectionOfLockCall(const CallExpr &Lock,
                                                 const BodyIndex &Parents,
                                                 const ASTContext &Ctx) {
  const Stmt *S = &Lock;
  const Stmt *P = Parents.parentOf(S);
  while (P && isa<ExprWithCleanups>(P)) {
    S = P;
    P = Parents.parentOf(P);
  }
  const auto *Block = dyn_cast_or_null<CompoundStmt>(P);
  if (!Block)
    return std::nullopt;
  std::optional<unsigned> At = indexIn(*Block, S);
  if (!At)
    return std::nullopt;
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Lock);
  const Expr *Mutex = Member ? Member->getImplicitObjectArgument()
                             : posixMutexOf(Lock, /*Unlock=*/false);
  if (!Mutex)
    return std::nullopt;
  for (unsigned I = *At + 1; I < Block->size(); ++I) {
    const Stmt *T = Block->body_begin()[I];
    // `out: pthread_mutex_unlock(&m);`, the cleanup a goto jumps to.
    while (const auto *L = dyn_cast<LabelStmt>(T))
      T = L->getSubStmt();
    if (const auto *C = dyn_cast<ExprWithCleanups>(T))
      T = C->getSubExpr();
    const Expr *Released = unlockedBy(T);
    if (Released && sameMutex(*Released, *Mutex, Ctx)) {
      CriticalSection CS;
      CS.Acquire = &Lock;
      CS.Mutex = Mutex;
      CS.Block = Block;
      CS.First = *At + 1;
      CS.End = I;
      return CS;
    }
  }
  return std::nullopt;
}

static std::vector<std::string> typeList(llvm::StringRef Defaults,
                                         llvm::StringRef Extra) {
  std::vector<std::string> Out;
  for (llvm::StringRef T : support::splitOptionList(Defaults))
    Out.push_back(T.str());
  for (llvm::StringRef T : support::splitOptionList(Extra))
    Out.push_back(T.str());
  return Out;
}

LockAcquisitions::LockAcquisitions(support::DeclaredOptions &Options,
                                   BodyIndexCache &Bodies)
    : GuardTypes(
          typeList(DefaultGuardTypes, Options.get("ExtraLockTypes", ""))),
      MutexTypes(
          typeList(DefaultMutexTypes, Options.get("ExtraMutexTypes", ""))),
      Bodies(Bodies) {}

// A record of the configured types, by its qualified name.
static bool isOneOf(const CXXRecordDecl *RD,
                    const std::vector<std::string> &Types) {
  if (!RD || !RD->getIdentifier())
    return false;
  // A cheap reject on the plain name first.
  llvm::StringRef Name = RD->getName();
  if (llvm::none_of(Types, [&](const std::string &T) {
        return llvm::StringRef(T).ends_with(Name);
      }))
    return false;
  std::string Qualified = "::" + RD->getQualifiedNameAsString();
  return llvm::is_contained(Types, Qualified);
}

const Expr *LockAcquisitions::acquiredBy(const Stmt &S) const {
  if (const auto *DS = dyn_cast<DeclStmt>(&S)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (isOneOf(VD->getType()->getAsCXXRecordDecl(), GuardTypes))
          if (const Expr *M = mutexLockedBy(*VD))
            return M;
    return nullptr;
  }
  const auto *MC = dyn_cast<CXXMemberCallExpr>(&S);
  if (const auto *Call = dyn_cast<CallExpr>(&S); Call && !MC)
    return posixMutexOf(*Call, /*Unlock=*/false);
  const CXXMethodDecl *MD = MC ? MC->getMethodDecl() : nullptr;
  if (!MD || !MD->getIdentifier() ||
      (MD->getName() != "lock" && MD->getName() != "lock_shared") ||
      !isOneOf(MD->getParent(), MutexTypes))
    return nullptr;
  return MC->getImplicitObjectArgument();
}

void LockAcquisitions::registerMatchers(
    ast_matchers::MatchFinder *Finder,
    ast_matchers::MatchFinder::MatchCallback *Check) const {
  using namespace ast_matchers;
  std::vector<llvm::StringRef> Guards(GuardTypes.begin(), GuardTypes.end());
  Finder->addMatcher(
      varDecl(support::typeIsRecordNamedOneOf(
                  support::lastNameComponents(GuardTypes)),
              hasLocalStorage(), support::isInUserCode(),
              hasType(qualType(hasUnqualifiedDesugaredType(recordType(
                  hasDeclaration(cxxRecordDecl(hasAnyName(Guards))))))))
          .bind("guard"),
      Check);
  // The function around a lock() call comes from the body indices, not from
  // forCallable, which would build the TU's parent map (a wrapper such as
  // leveldb's port::Mutex::Lock() calls lock() in every file).
  Finder->addMatcher(BodyIndexCache::functionMatcher().bind("lock-fn"), Check);
  // `m.lock()` on a mutex type and the POSIX locks (also behind a
  // project's macro, matched as expanded): one matcher, acquiredBy() tells
  // them from other calls of those names.
  Finder->addMatcher(
      callExpr(support::calleeNameIsOneOf(
                   {"lock", "lock_shared", "pthread_mutex_lock",
                    "pthread_rwlock_rdlock", "pthread_rwlock_wrlock",
                    "pthread_spin_lock"}),
               support::isInUserCode())
          .bind("lock"),
      Check);
}

std::optional<LockAcquisitions::Section> LockAcquisitions::sectionOf(
    const ast_matchers::MatchFinder::MatchResult &Result) {
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("lock-fn")) {
    Bodies.add(FD);
    return std::nullopt;
  }
  const Decl *Fn = nullptr;
  const auto *Guard = Result.Nodes.getNodeAs<VarDecl>("guard");
  const auto *Lock = Result.Nodes.getNodeAs<CallExpr>("lock");
  if (Lock && !acquiredBy(*Lock))
    return std::nullopt;
  if (Guard) {
    Fn = dyn_cast_or_null<Decl>(Guard->getParentFunctionOrMethod());
  } else if (Lock) {
    // The innermost function seen so far whose body holds the call.
    if (auto Owner = Bodies.owning(*Lock, Result.Context->getSourceManager()))
      Fn = Owner->Function;
  }
  const Stmt *Body = bodyOf(Fn);
  if (!Body || (!Guard && !Lock))
    return std::nullopt;
  const BodyIndex &P = Bodies.get(*Body);
  std::optional<CriticalSection> CS =
      Guard ? sectionOfGuard(*Guard, P)
            : sectionOfLockCall(*Lock, P, *Result.Context);
  if (!CS)
    return std::nullopt;
  return Section{*CS, Fn, &P};
}

} // namespace clang::tidy::hotpath::analyses
