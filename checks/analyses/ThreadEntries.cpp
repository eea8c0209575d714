//===--- ThreadEntries.cpp - hotpath --------------------------------------===//

#include "analyses/ThreadEntries.h"
#include "support/NodeFilters.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace clang::ast_matchers;

namespace clang::tidy::hotpath::analyses {

namespace {

const Decl *canonical(const Decl *D) {
  return D ? D->getCanonicalDecl() : nullptr;
}

bool isThreadRecord(const CXXRecordDecl *RD) {
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         (RD->getName() == "thread" || RD->getName() == "jthread");
}

// A container of threads: `threads.emplace_back(f)` starts one.
AST_MATCHER(CXXMethodDecl, ofThreadContainer) {
  const auto *Spec =
      dyn_cast<ClassTemplateSpecializationDecl>(Node.getParent());
  if (!Spec || Spec->getTemplateArgs().size() == 0 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return false;
  return isThreadRecord(
      Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl());
}

AST_MATCHER(CXXConstructorDecl, startsThread) {
  return isThreadRecord(Node.getParent()) && !Node.isDefaultConstructor() &&
         !Node.isCopyOrMoveConstructor();
}

const Expr *unwrap(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = M->getSubExpr();
    if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = B->getSubExpr();
    if (const auto *C = dyn_cast<CXXConstructExpr>(Next))
      if (C->getNumArgs() == 1 &&
          C->getConstructor()->isCopyOrMoveConstructor())
        Next = C->getArg(0);
    if (Next == E)
      break;
    E = Next;
  }
  return E;
}

// The function (or lambda call operator) a callable argument stands for.
const Decl *callableOf(const Expr *Arg) {
  Arg = unwrap(Arg);
  if (const auto *L = dyn_cast_or_null<LambdaExpr>(Arg))
    return L->getCallOperator();
  if (const auto *U = dyn_cast_or_null<UnaryOperator>(Arg))
    if (U->getOpcode() == UO_AddrOf)
      Arg = unwrap(U->getSubExpr());
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(Arg))
    return dyn_cast<FunctionDecl>(DRE->getDecl());
  return nullptr;
}

} // namespace

void ThreadEntries::registerMatchers(
    MatchFinder &Finder, MatchFinder::MatchCallback &Callback,
    const std::vector<std::string> &SubmitMethods) {
  auto NotSystem = support::isInUserCode();
  Finder.addMatcher(
      cxxConstructExpr(
          support::constructsClassNamedOneOf({"thread", "jthread"}), NotSystem,
          hasDeclaration(cxxConstructorDecl(startsThread())))
          .bind("threads.start"),
      &Callback);
  Finder.addMatcher(
      callExpr(
          support::calleeNameIsOneOf({"async", "pthread_create"}), NotSystem,
          callee(functionDecl(hasAnyName("::std::async", "::pthread_create"))))
          .bind("threads.start"),
      &Callback);
  Finder.addMatcher(
      cxxMemberCallExpr(
          support::calleeNameIsOneOf({"emplace_back", "emplace_front",
                                      "emplace", "push_back", "push_front"}),
          NotSystem, callee(cxxMethodDecl(ofThreadContainer())))
          .bind("threads.start"),
      &Callback);
  if (!SubmitMethods.empty())
    Finder.addMatcher(
        cxxMemberCallExpr(
            support::calleeNameIsOneOf(
                support::lastNameComponents(SubmitMethods)),
            NotSystem,
            callee(cxxMethodDecl(hasAnyName(std::vector<StringRef>(
                SubmitMethods.begin(), SubmitMethods.end())))))
            .bind("threads.start"),
        &Callback);
}

bool ThreadEntries::handle(const MatchFinder::MatchResult &Result) {
  const auto *Start = Result.Nodes.getNodeAs<Expr>("threads.start");
  if (!Start)
    return false;
  llvm::SmallVector<const Expr *, 4> Args;
  if (const auto *C = dyn_cast<CXXConstructExpr>(Start))
    Args.append(C->arg_begin(), C->arg_end());
  else if (const auto *Call = dyn_cast<CallExpr>(Start))
    Args.append(Call->arg_begin(), Call->arg_end());
  bool PassesThis = llvm::any_of(
      Args, [](const Expr *A) { return isa<CXXThisExpr>(unwrap(A)); });
  for (const Expr *A : Args) {
    const Decl *Fn = callableOf(A);
    if (!Fn)
      continue;
    Entries.insert(canonical(Fn));
    // A class running its own members on threads: &Server::loop with
    // `this`, or a lambda capturing `this`.
    if (const auto *MD = dyn_cast<CXXMethodDecl>(Fn)) {
      if (MD->getParent()->isLambda()) {
        const auto *L = dyn_cast<LambdaExpr>(unwrap(A));
        bool CapturesThis =
            L && llvm::any_of(L->captures(), [](const LambdaCapture &C) {
              return C.capturesThis();
            });
        // The closure's context is the method it is written in.
        if (CapturesThis)
          if (const auto *Outer = dyn_cast_or_null<CXXMethodDecl>(
                  MD->getParent()->getDeclContext()))
            ThreadedClasses.insert(Outer->getParent()->getCanonicalDecl());
      } else if (PassesThis) {
        ThreadedClasses.insert(MD->getParent()->getCanonicalDecl());
      }
    }
  }
  ReachableDone = false;
  return true;
}

bool ThreadEntries::isEntry(const Decl *Fn) const {
  return Fn && Entries.contains(canonical(Fn));
}

// Functions the entries call directly, and what those call: the worker
// loop a thread lambda calls (`[&] { count_line(c); }`). Bodies outside
// this TU are not followed.
void ThreadEntries::computeReachable() const {
  ReachableDone = true;
  Reachable.clear();
  std::vector<const Decl *> Work(Entries.begin(), Entries.end());
  for (unsigned Level = 0; Level < 2 && !Work.empty(); ++Level) {
    std::vector<const Decl *> Next;
    for (const Decl *D : Work) {
      const Stmt *Body = D->getBody();
      if (!Body)
        if (const auto *FD = dyn_cast<FunctionDecl>(D))
          if (const FunctionDecl *Def = FD->getDefinition())
            Body = Def->getBody();
      llvm::SmallVector<const Stmt *, 32> Stack;
      if (Body)
        Stack.push_back(Body);
      while (!Stack.empty()) {
        const Stmt *S = Stack.pop_back_val();
        if (!S)
          continue;
        if (const auto *Call = dyn_cast<CallExpr>(S))
          if (const FunctionDecl *Callee = Call->getDirectCallee())
            if (Reachable.insert(canonical(Callee)).second)
              Next.push_back(Callee);
        for (const Stmt *Child : S->children())
          Stack.push_back(Child);
      }
    }
    Work = std::move(Next);
  }
}

bool ThreadEntries::runsOnThread(const Decl *Fn) const {
  for (unsigned Depth = 0; Fn && Depth < 8; ++Depth) {
    Fn = canonical(Fn);
    if (Entries.contains(Fn))
      return true;
    if (!ReachableDone)
      computeReachable();
    if (Reachable.contains(Fn))
      return true;
    const auto *MD = dyn_cast<CXXMethodDecl>(Fn);
    if (!MD)
      return false;
    if (!isa<CXXConstructorDecl, CXXDestructorDecl>(MD) &&
        ThreadedClasses.contains(MD->getParent()->getCanonicalDecl()))
      return true;
    // A lambda runs where it is defined (called there, or handed on).
    if (!MD->getParent()->isLambda())
      return false;
    Fn = dyn_cast_or_null<Decl>(MD->getParent()->getDeclContext());
  }
  return false;
}

void ThreadEntries::clear() {
  Entries.clear();
  ThreadedClasses.clear();
  Reachable.clear();
  ReachableDone = false;
}

/// A call that names the running thread or worker: thread_index(),
/// worker_id(), omp_get_thread_num(), sched_getcpu() ... A call that hashes
/// data (`slot_for(key)`) indexes by data, not by thread.
static bool isThreadIdCall(const CallExpr &Call) {
  const auto *FD = Call.getDirectCallee();
  if (!FD || !FD->getIdentifier())
    return false;
  std::string Name = FD->getName().lower();
  for (const char *Word : {"thread", "worker", "tid", "cpu", "core", "shard"})
    if (Name.find(Word) != std::string::npos)
      return true;
  return false;
}

/// An index that names one thread's slot: a parameter, a captured variable,
/// a constant local, or a call (`thread_index()`), but not a loop counter
/// or a constant.
bool isPerThreadIndex(const Expr *Idx, ASTContext &Ctx) {
  // Through casts: `counts[(long)arg]`, the thread's argument is the slot.
  const Expr *E = Idx->IgnoreParenCasts();
  if (E->isValueDependent() || E->isIntegerConstantExpr(Ctx))
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return isThreadIdCall(*Call);
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  if (!DRE)
    return false;
  if (isa<ParmVarDecl>(DRE->getDecl()) ||
      DRE->refersToEnclosingVariableOrCapture())
    return true;
  const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
  if (!VD || !VD->getInit())
    return false;
  const Expr *Init = VD->getInit()->IgnoreParenImpCasts();
  // `int id = arg->id;`: from the thread's argument struct (a parameter,
  // or a local cast from one: `auto *arg = static_cast<Arg *>(p);`).
  if (const auto *ME = dyn_cast<MemberExpr>(Init))
    if (const auto *Base =
            dyn_cast<DeclRefExpr>(ME->getBase()->IgnoreParenCasts())) {
      if (isa<ParmVarDecl>(Base->getDecl()) ||
          Base->refersToEnclosingVariableOrCapture())
        return true;
      const auto *Arg = dyn_cast<VarDecl>(Base->getDecl());
      const auto *From =
          Arg && Arg->getInit()
              ? dyn_cast<DeclRefExpr>(Arg->getInit()->IgnoreParenCasts())
              : nullptr;
      return From && isa<ParmVarDecl>(From->getDecl());
    }
  if (const auto *Call = dyn_cast<CallExpr>(Init))
    return isThreadIdCall(*Call);
  // `long slot = (long)arg;`: a cast of a parameter, never changed after.
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(Init))
    if (const auto *From =
            dyn_cast<DeclRefExpr>(Cast->getSubExpr()->IgnoreParenImpCasts()))
      return isa<ParmVarDecl>(From->getDecl());
  return VD->getType().isConstQualified() && isa<DeclRefExpr>(Init) &&
         isPerThreadIndex(Init, Ctx);
}

} // namespace clang::tidy::hotpath::analyses
