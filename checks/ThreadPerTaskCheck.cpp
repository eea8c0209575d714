//===--- ThreadPerTaskCheck.cpp - hotpath ---------------------------------===//

#include "ThreadPerTaskCheck.h"
#include "analyses/ThreadEntries.h"
#include "support/CheckTrace.h"
#include "support/OptionList.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::hotpath {

ThreadPerTaskCheck::ThreadPerTaskCheck(StringRef Name,
                                       ClangTidyContext *Context)
    : HotpathCheck(Name, Context),
      ThreadTypes(Config.getList("ThreadTypes", analyses::DefaultThreadTypes)),
      ThreadFunctions(
          Config.getList("ThreadFunctions", analyses::DefaultThreadFunctions)),
      Starting(
          [this](const Stmt &S) {
            auto It = Creations.find(&S);
            return It == Creations.end() ? std::string() : It->second;
          },
          {}) {
  Vocab.CpuCountFunctions = support::toStrings(
      Config.getList("CpuCountFunctions", analyses::DefaultCpuCountFunctions));
  clearEachTU(Pending, JoiningFunctions, ReportedAtCall, Loops, Creations,
              Starting);
}

void ThreadPerTaskCheck::registerMatchers(MatchFinder *Finder) {
  auto ThreadRecord = cxxRecordDecl(hasAnyName(ThreadTypes));
  // A constructor that starts a thread: not default (no thread), not
  // copy/move (the thread already exists).
  auto StartingCtor = cxxConstructorDecl(
      ofClass(ThreadRecord), unless(isDefaultConstructor()),
      unless(isCopyConstructor()), unless(isMoveConstructor()));
  // Function bodies, for the index of those that create threads.
  Finder->addMatcher(analyses::BodyIndexCache::functionMatcher().bind("fn"),
                     this);
  // Library internals (std::async's own thread) are not the user's loop.
  auto ThreadNames = support::lastNameComponents(ThreadTypes);
  Finder->addMatcher(
      cxxConstructExpr(support::constructsClassNamedOneOf(ThreadNames),
                       support::isInUserCode(), hasDeclaration(StartingCtor))
          .bind("construct"),
      this);
  Finder->addMatcher(callExpr(support::calleeNameIsOneOf({"async"}),
                              support::isInUserCode(),
                              callee(functionDecl(hasName("::std::async"))))
                         .bind("async"),
                     this);
  if (!ThreadFunctions.empty())
    Finder->addMatcher(
        callExpr(support::calleeNameIsOneOf(
                     support::lastNameComponents(ThreadFunctions)),
                 support::isInUserCode(),
                 callee(functionDecl(hasAnyName(ThreadFunctions))))
            .bind("call"),
        this);
  // Loops, for the calls that start a thread in a helper.
  analyses::addLoopMatchers(*Finder, *this, "loop");
  // `threads.emplace_back(f)` constructs the thread inside the library; the
  // user's line is the call.
  auto ThreadElementContainer = classTemplateSpecializationDecl(
      hasTemplateArgument(0, refersToType(hasUnqualifiedDesugaredType(
                                 recordType(hasDeclaration(ThreadRecord))))));
  Finder->addMatcher(
      cxxMemberCallExpr(support::calleeNameIsOneOf(
                            {"emplace_back", "emplace_front", "emplace",
                             "push_back", "push_front", "push", "insert"}),
                        support::isInUserCode(),
                        callee(cxxMethodDecl(ofClass(ThreadElementContainer))))
          .bind("store"),
      this);
  summariseEffects(Finder, Starting);
}

// The thread construction an argument stands for, looking through the
// temporaries that wrap `std::thread(f)`.
static const CXXConstructExpr *startedThread(const Expr *Arg) {
  const Expr *E = Arg->IgnoreImplicit();
  if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
    E = M->getSubExpr()->IgnoreImplicit();
  if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
    E = B->getSubExpr()->IgnoreImplicit();
  const auto *C = dyn_cast<CXXConstructExpr>(E);
  if (!C || !C->getConstructor())
    return nullptr;
  const CXXConstructorDecl *Ctor = C->getConstructor();
  if (Ctor->isDefaultConstructor() || Ctor->isCopyOrMoveConstructor())
    return nullptr;
  return C;
}

// std::launch::deferred alone runs the task on the caller: no thread.
static bool isDeferredOnly(const CallExpr &Call, ASTContext &Ctx) {
  if (Call.getNumArgs() == 0)
    return false;
  const Expr *Policy = Call.getArg(0);
  const auto *ET = Policy->getType()->getAs<EnumType>();
  if (!ET || !ET->getDecl()->getDeclName().isIdentifier() ||
      ET->getDecl()->getName() != "launch")
    return false;
  if (Policy->isValueDependent())
    return true; // decided per instantiation
  Expr::EvalResult R;
  if (!Policy->EvaluateAsInt(R, Ctx))
    return true; // a policy chosen at run time: do not guess
  llvm::APSInt Value = R.Val.getInt();
  for (const EnumConstantDecl *E : ET->getDecl()->enumerators())
    if (E->getName() == "deferred")
      return Value == E->getInitVal();
  return false;
}

void ThreadPerTaskCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  this->Ctx = &Ctx;
  if (const auto *Store = Result.Nodes.getNodeAs<CXXMemberCallExpr>("store")) {
    StringRef Method = Store->getMethodDecl()->getName();
    bool Emplaces = Method.starts_with("emplace");
    unsigned NumArgs = Store->getNumArgs();
    // insert(pos, value) / emplace(pos, args...) for sequences: skip the
    // position; for emplace on a queue there is none.
    const Expr *Value = NumArgs ? Store->getArg(NumArgs - 1) : nullptr;
    bool Creates = false;
    if (const CXXConstructExpr *Started =
            Value ? startedThread(Value) : nullptr) {
      Creates = true;
      ReportedAtCall.insert(Started);
    } else if (Emplaces && NumArgs > 0) {
      // emplace_back(f, args...) constructs a thread unless it is handed an
      // existing one to move.
      QualType T = Value->getType().getNonReferenceType().getUnqualifiedType();
      const auto *RD = T->getAsCXXRecordDecl();
      const auto *Container = Store->getMethodDecl()->getParent();
      const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Container);
      QualType Elem =
          Spec ? Spec->getTemplateArgs()[0].getAsType() : QualType();
      bool MovesExisting = NumArgs - (Method == "emplace" ? 1 : 0) == 1 && RD &&
                           !Elem.isNull() &&
                           Ctx.hasSameUnqualifiedType(T, Elem);
      Creates = !MovesExisting;
    }
    if (Creates)
      Pending.push_back(
          {Store, Store->getExprLoc(), ("'" + Method + "' of a thread").str()});
    return;
  }
  if (const auto *C = Result.Nodes.getNodeAs<CXXConstructExpr>("construct")) {
    std::string What =
        "constructing '" +
        C->getType().getUnqualifiedType().getAsString(Ctx.getPrintingPolicy()) +
        "'";
    Pending.push_back({C, C->getBeginLoc(), std::move(What)});
    return;
  }
  if (const auto *Async = Result.Nodes.getNodeAs<CallExpr>("async")) {
    if (!isDeferredOnly(*Async, Ctx))
      Pending.push_back({Async, Async->getBeginLoc(), "'std::async'"});
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    Pending.push_back({Call, Call->getBeginLoc(),
                       "'" + Call->getDirectCallee()->getNameAsString() + "'"});
    return;
  }
  if (const auto *Loop = Result.Nodes.getNodeAs<Stmt>("loop")) {
    Loops.push_back(Loop);
    return;
  }
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn"))
    Bodies.add(FD);
}

void ThreadPerTaskCheck::onEndOfTranslationUnit() {
  support::EndOfTranslationUnitTrace Trace(getID());
  for (const PendingCreation &P : Pending)
    if (!ReportedAtCall.contains(P.Creation))
      reportIfPerTask(*P.Creation, P.Loc, P.What);
  // Without a creation in the TU, no helper starts a thread.
  for (const PendingCreation &P : Pending)
    Creations.try_emplace(P.Creation, "starts a thread");
  // Under effect summaries a helper in another TU may start one.
  if (!Creations.empty() || followsOtherUnits())
    for (const Stmt *Loop : Loops)
      reportCallsPerTask(*Loop);
  HotpathCheck::onEndOfTranslationUnit(); // the summaries, before clearing
  Pending.clear();
  Loops.clear();
  Creations.clear();
  Starting.clear();
  Bodies.clear();
}

static bool isStdRecord(QualType T, std::initializer_list<StringRef> Names) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         llvm::is_contained(Names, RD->getName());
}

// A function that waits for the threads it starts: join() on a thread,
// get()/wait() on a future, or a local std::jthread (or container of them)
// joined when it goes out of scope. Threads that start and end within one
// call are a fork-join per call, whatever bounds the loop; a pool's workers
// outlive the call.
bool ThreadPerTaskCheck::joinsInFunction(const Decl *Fn) {
  if (!Fn || !Fn->getBody())
    return false;
  auto [It, New] = JoiningFunctions.try_emplace(Fn, false);
  if (!New)
    return It->second;
  llvm::SmallVector<const Stmt *, 64> Stack{Fn->getBody()};
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!S)
      continue;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
      const CXXMethodDecl *M = MC->getMethodDecl();
      if (M && M->getIdentifier() &&
          ((M->getName() == "join" &&
            isStdRecord(MC->getObjectType(), {"thread", "jthread"})) ||
           ((M->getName() == "get" || M->getName() == "wait") &&
            isStdRecord(MC->getObjectType(), {"future", "shared_future"}))))
        return JoiningFunctions[Fn] = true;
    } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D)) {
          QualType T = VD->getType();
          const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
              T->getAsCXXRecordDecl());
          if (isStdRecord(T, {"jthread"}) ||
              (Spec && Spec->getTemplateArgs().size() > 0 &&
               Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
               isStdRecord(Spec->getTemplateArgs()[0].getAsType(),
                           {"jthread"})))
            return JoiningFunctions[Fn] = true;
        }
    }
    for (const Stmt *Child : S->children())
      Stack.push_back(Child);
  }
  return false;
}

// A thread, or a container whose elements are threads.
static bool holdsThreads(QualType T) {
  if (isStdRecord(T, {"thread", "jthread"}))
    return true;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  return Spec && Spec->getTemplateArgs().size() > 0 &&
         Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
         isStdRecord(Spec->getTemplateArgs()[0].getAsType(),
                     {"thread", "jthread"});
}

// A pool being built, not a thread per task: a constructor that keeps the
// threads in a member of its class (started once per object, joined by its
// destructor), or a loop over the container of threads itself (its count is
// the pool's size, whatever it follows).
static bool buildsPool(const Decl *Fn, const Stmt &Loop) {
  if (const auto *Ctor = dyn_cast_or_null<CXXConstructorDecl>(Fn))
    if (llvm::any_of(Ctor->getParent()->fields(), [](const FieldDecl *F) {
          return holdsThreads(F->getType());
        }))
      return true;
  const Expr *Range = nullptr;
  if (const auto *RF = dyn_cast<CXXForRangeStmt>(&Loop))
    Range = RF->getRangeInit();
  else if (const auto *For = dyn_cast<ForStmt>(&Loop); For && For->getCond())
    if (const auto *Cond =
            dyn_cast<BinaryOperator>(For->getCond()->IgnoreImplicit()))
      if (const auto *Size =
              dyn_cast<CXXMemberCallExpr>(Cond->getRHS()->IgnoreImpCasts()))
        Range = Size->getImplicitObjectArgument();
  return Range && holdsThreads(Range->IgnoreImpCasts()->getType());
}

void ThreadPerTaskCheck::reportIfPerTask(const Stmt &Creation,
                                         SourceLocation Loc, StringRef What) {
  if (Loc.isInvalid())
    return;
  // The function is found only now, at the end of the TU: the functions
  // that create threads are walked, once each, and no other.
  auto Owner = Bodies.owning(Creation, Ctx->getSourceManager());
  if (!Owner)
    return;
  auto ParentOf = Owner->Index->parents();
  ASTContext &Ctx = *this->Ctx;
  // In a macro, report where the user wrote the macro.
  Loc = Ctx.getSourceManager().getFileLoc(Loc);
  for (const Stmt *Loop : analyses::enclosingLoops(Creation, ParentOf)) {
    analyses::TripCount TC = analyses::classifyTripCount(*Loop, Ctx, Vocab);
    bool ForkJoin = TC.Kind == analyses::TripKind::Unknown &&
                    joinsInFunction(Owner->Function);
    if ((!analyses::followsData(TC.Kind) && !ForkJoin) ||
        buildsPool(Owner->Function, *Loop))
      continue;
    const SourceManager &SM = Ctx.getSourceManager();
    report(
        Loc, relevance::runOnceAt(Creation, Owner->Function, ParentOf), SM,
        [&] { return Hot.ofLoop(Loop, Loc, SM); },
        [&](Finding &F) {
          F.diag("%0 starts a new thread on every iteration of a loop over "
                 "the data; creating and joining a thread costs tens of "
                 "microseconds, far more than handing the task to running "
                 "workers: submit it to a worker pool such as "
                 "hotpath::WorkerPool%1")
              << What << F.hotText({1, "threads started"});
          if (ForkJoin)
            F.note(Loop->getBeginLoc(),
                   "the threads are started and joined within this "
                   "function: a fork-join on every call, whatever bounds the "
                   "loop; a pool's workers are started once and outlive the "
                   "calls");
          else
            F.note(Loop->getBeginLoc(),
                   "the loop's trip count follows the data: %0")
                << TC.Why;
        });
    return;
  }
}

// The calls and constructions of a loop body, not into lambdas (they run
// later) or nested loops (matched on their own).
static void loopCalls(const Stmt *S, llvm::SmallVectorImpl<const Expr *> &Out,
                      bool Top = true) {
  if (!S || isa<LambdaExpr>(S) ||
      (!Top && isa<ForStmt, CXXForRangeStmt, WhileStmt, DoStmt>(S)))
    return;
  if ((isa<CallExpr>(S) && !isa<CXXOperatorCallExpr>(S)) ||
      isa<CXXConstructExpr>(S))
    Out.push_back(cast<Expr>(S));
  for (const Stmt *C : S->children())
    loopCalls(C, Out, false);
}

void ThreadPerTaskCheck::reportCallsPerTask(const Stmt &Loop) {
  llvm::SmallVector<const Expr *, 8> Calls;
  loopCalls(analyses::loopBody(Loop), Calls);
  std::optional<analyses::TripCount> TC;
  std::optional<analyses::BodyIndexCache::Owner> Owner;
  const SourceManager &SM = Ctx->getSourceManager();
  for (const Expr *Call : Calls) {
    if (Creations.contains(Call))
      continue; // a creation of its own, judged by reportIfPerTask
    std::optional<analyses::EffectChain> Chain = Starting.ofCall(*Call);
    std::optional<support::PendingRecord> Waits;
    if (!Chain && followsOtherUnits())
      Waits = Starting.pendingOfCall(*Call);
    if (!Chain && !Waits)
      continue;
    if (!TC)
      TC = analyses::classifyTripCount(Loop, *Ctx, Vocab);
    if (!analyses::followsData(TC->Kind))
      return;
    if (!Owner && !(Owner = Bodies.owning(Loop, SM)))
      return;
    auto ParentOf = Owner->Index->parents();
    SourceLocation Loc = SM.getFileLoc(Call->getBeginLoc());
    report(
        Loc, relevance::runOnceAt(*Call, Owner->Function, ParentOf), SM,
        [&] { return Hot.ofLoop(&Loop, Loc, SM); },
        [&](Finding &F) {
          F.diag("'%0' starts a new thread (%1) on every iteration of a loop "
                 "over the data; creating and joining a thread costs tens of "
                 "microseconds, far more than handing the task to running "
                 "workers: submit it to a worker pool such as "
                 "hotpath::WorkerPool%2")
              << analyses::staticCallee(*Call)->getNameAsString()
              << (Chain ? analyses::chainText(*Chain, *Ctx)
                        : F.filled(support::ChainPlaceholder.str()))
              << F.hotText({1, "threads started"});
          F.noteChain(Chain ? &*Chain : nullptr, *Ctx);
          F.note(Loop.getBeginLoc(),
                 "the loop's trip count follows the data: %0")
              << TC->Why;
        },
        Waits);
  }
}

} // namespace clang::tidy::hotpath
