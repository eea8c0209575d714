//===--- HeapAllocInLoopCheck.cpp - hotpath -------------------------------===//

#include "HeapAllocInLoopCheck.h"
#include "analyses/Containers.h"
#include "analyses/Locks.h"
#include "analyses/Loops.h"
#include "support/NodeFilters.h"
#include "support/OptionList.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::hotpath {

static constexpr char DefaultAllocFunctions[] =
    "::std::make_unique;::std::make_shared;::std::make_unique_for_overwrite;"
    "::std::make_shared_for_overwrite;::malloc;::calloc";

HeapAllocInLoopCheck::HeapAllocInLoopCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : HotpathCheck(Name, Context),
      AllocFunctions(Config.getList("AllocFunctions", DefaultAllocFunctions)),
      Returning([this](const Stmt &S) { return returnsAllocation(S); }, {},
                /*MaxDepth=*/1) {
  clearEachTU(Returning);
}

void HeapAllocInLoopCheck::registerMatchers(MatchFinder *Finder) {
  // One walk per function body finds the allocations and the loops around
  // them (analyses::FunctionUsage), without clang's TU-wide parent map.
  Finder->addMatcher(
      functionDecl(support::isUserFunctionDefinition()).bind("fn"), this);
  summariseEffects(Finder, Returning);
}

namespace {

enum class Fate { Escapes, Temporary, Var };

// Where the result of an allocation goes: a variable it initializes, a
// temporary used once by `->`/`*`, or somewhere else (it escapes).
Fate fateOf(const Expr &Alloc, const analyses::FunctionUsage &FU,
            const VarDecl *&Var) {
  const Stmt *Prev = &Alloc;
  for (unsigned Depth = 0; Depth < 8; ++Depth) {
    const Stmt *S = FU.parentOf(Prev);
    if (!S)
      return Fate::Escapes;
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (VD->getInit() == Prev) {
            if (!VD->isLocalVarDecl() || VD->isStaticLocal() ||
                VD->getType()->isReferenceType())
              return Fate::Escapes;
            Var = VD;
            return Fate::Var;
          }
      return Fate::Escapes;
    }
    if (const auto *C = dyn_cast<ImplicitCastExpr>(S)) {
      // Casts to another pointer type are fine; to an integer are not.
      if (C->getCastKind() != CK_NoOp && C->getCastKind() != CK_BitCast &&
          C->getCastKind() != CK_ConstructorConversion &&
          C->getCastKind() != CK_DerivedToBase)
        return Fate::Escapes;
    } else if (const auto *C = dyn_cast<ExplicitCastExpr>(S)) {
      // `static_cast<char *>(malloc(n))`: the same pointer.
      if (!C->getType()->isPointerType() && !isa<CXXFunctionalCastExpr>(C))
        return Fate::Escapes;
    } else if (const auto *C = dyn_cast<CXXConstructExpr>(S)) {
      // unique_ptr<T> p(new T), a move of the result: still the same owner.
      if (C->getNumArgs() != 1 &&
          !(C->getNumArgs() == 2 && isa<CXXDefaultArgExpr>(C->getArg(1))))
        return Fate::Escapes;
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S)) {
      if ((Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star) &&
          Op->getNumArgs() == 1 && Prev == Op->getArg(0))
        return Fate::Temporary;
      return Fate::Escapes;
    } else if (!isa<ExprWithCleanups, MaterializeTemporaryExpr,
                    CXXBindTemporaryExpr, ParenExpr>(S)) {
      return Fate::Escapes;
    }
    Prev = S;
  }
  return Fate::Escapes;
}

} // namespace

// The allocation function \p Call calls, by its `AllocFunctions` name.
const FunctionDecl *
HeapAllocInLoopCheck::allocFunction(const CallExpr &Call) const {
  const FunctionDecl *FD = Call.getDirectCallee();
  if (!FD || !FD->getDeclName().isIdentifier())
    return nullptr;
  StringRef Plain = FD->getName();
  std::string Qualified;
  for (StringRef N : AllocFunctions) {
    if (!N.ends_with(Plain) ||
        (N.size() > Plain.size() && N[N.size() - Plain.size() - 1] != ':'))
      continue; // cheap reject before building the qualified name
    if (!N.starts_with("::"))
      return FD;
    if (Qualified.empty())
      Qualified = "::" + FD->getQualifiedNameAsString();
    if (Qualified == N)
      return FD;
  }
  return nullptr;
}

// The expression under the wrappers a returned or initialising value gets:
// temporaries, moves and conversions into an owner.
static const Expr *unwrapped(const Expr *E) {
  while ((E = analyses::ignoreWrappers(E))) {
    if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E))
      E = F->getSubExpr();
    else if (const auto *C = dyn_cast<CXXConstructExpr>(E);
             C && C->getNumArgs() == 1)
      E = C->getArg(0);
    else
      return E;
  }
  return E;
}

bool HeapAllocInLoopCheck::isAllocation(const Expr *E) const {
  if (const auto *New = dyn_cast_or_null<CXXNewExpr>(E))
    return New->getNumPlacementArgs() == 0;
  const auto *Call = dyn_cast_or_null<CallExpr>(E);
  return Call && allocFunction(*Call);
}

std::string HeapAllocInLoopCheck::returnsAllocation(const Stmt &S) const {
  const auto *R = dyn_cast<ReturnStmt>(&S);
  const Expr *E = R ? unwrapped(R->getRetValue()) : nullptr;
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
        VD && VD->isLocalVarDecl() && !VD->isStaticLocal())
      E = unwrapped(VD->getInit());
  return isAllocation(E) ? "returns a new heap object" : "";
}

// What a function in another TU may return a new heap object as: a
// pointer or a smart pointer (what returnsAllocation sees returned).
static bool returnsOwner(QualType T) {
  if (T->isPointerType())
    return true;
  const auto *RD = T->getAsCXXRecordDecl();
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         (RD->getName() == "unique_ptr" || RD->getName() == "shared_ptr");
}

void HeapAllocInLoopCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!FD || !FD->getBody() || FD->isTemplateInstantiation() ||
      analyses::isInInstantiation(*FD))
    return;
  // A lambda inside a function is walked with that function's body.
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
    if (MD->getParent()->isLambda() &&
        MD->getParent()->getParentFunctionOrMethod())
      return;
  const analyses::FunctionUsage &FU = Usage.get(*FD->getBody(), Ctx);
  for (const Stmt *S : FU.statements()) {
    if (const auto *New = dyn_cast<CXXNewExpr>(S)) {
      if (New->getNumPlacementArgs() == 0) // placement: no heap allocation
        checkAllocation(*New, "'new'", *FD, FU, Ctx);
    } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
      if (const FunctionDecl *Callee = allocFunction(*Call)) {
        checkAllocation(*Call, "'" + Callee->getQualifiedNameAsString() + "'",
                        *FD, FU, Ctx);
      } else if (!isa<CXXOperatorCallExpr>(Call) &&
                 !FU.loopsAround(*Call).empty()) {
        // A helper that returns what it allocated: the call allocates.
        if (auto Chain = Returning.ofCall(*Call))
          checkAllocation(*Call,
                          "'" + Chain->Hops.front().Callee->getNameAsString() +
                              "' (which returns a new heap object)",
                          *FD, FU, Ctx, &*Chain);
        else if (followsOtherUnits() && returnsOwner(Call->getType()))
          if (auto Waits = Returning.pendingOfCall(*Call))
            checkAllocation(*Call,
                            "'" + Call->getDirectCallee()->getNameAsString() +
                                "' (which returns a new heap object)",
                            *FD, FU, Ctx, nullptr, Waits);
      }
    }
  }
}

// `delete Var` (or `delete[]`) as a statement of the loop's body itself: run
// on every iteration that gets there, whatever the pointer was lent to
// before (a callee that kept it would keep a dangling pointer).
static bool deletedEachIteration(const VarDecl &Var, const Stmt &Loop) {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(analyses::loopBody(Loop));
  if (!Body)
    return false;
  return llvm::any_of(Body->body(), [&](const Stmt *S) {
    const auto *Del = dyn_cast<CXXDeleteExpr>(S);
    const auto *Ref =
        Del ? dyn_cast<DeclRefExpr>(Del->getArgument()->IgnoreImpCasts())
            : nullptr;
    return Ref && Ref->getDecl() == &Var;
  });
}

void HeapAllocInLoopCheck::checkAllocation(
    const Expr &Alloc, const std::string &Kind, const FunctionDecl &FD,
    const analyses::FunctionUsage &FU, ASTContext &Ctx,
    const analyses::EffectChain *Chain,
    const std::optional<support::PendingRecord> &Waits) {
  auto Loops = FU.loopsAround(Alloc);
  if (Loops.empty())
    return;
  const VarDecl *Var = nullptr;
  Fate F = fateOf(Alloc, FU, Var);
  if (F == Fate::Escapes)
    return;
  std::string What;
  if (F == Fate::Var) {
    if (Var->getType()->isDependentType())
      return;
    const Stmt *Body = analyses::enclosingBody(*Var);
    if (!Body)
      return;
    const analyses::VarUses &Uses = Usage.get(*Body, Ctx).uses(Var);
    // A raw pointer deleted by the iteration itself dies there, whatever
    // it was passed to (`compute(tmp, n); delete[] tmp;`).
    bool Lent = Var->getType()->isPointerType() &&
                !Uses.has(analyses::UseReturn | analyses::UseMove) &&
                deletedEachIteration(*Var, *Loops.front());
    if (!Lent && Uses.has(analyses::UseMove | analyses::UseReturn |
                          analyses::UseEscape | analyses::UseCopy))
      return;
    // A raw pointer dies in the iteration only when it is freed there.
    if (Var->getType()->isPointerType() && !Uses.has(analyses::UseDelete))
      return;
    What = ("'" + Var->getName() + "'").str();
  } else {
    What = "the temporary";
  }
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = SM.getFileLoc(Alloc.getBeginLoc());
  report(
      Loc,
      relevance::runOnceAt(Alloc, &FD,
                           [&FU](const Stmt *C) { return FU.parentOf(C); }),
      SM, [&] { return Hot.ofLoop(Loops.front(), Loc, SM); },
      [&](Finding &F) {
        F.diag("%0 allocates on every iteration of the loop and %1 dies in "
               "the same iteration: one allocation and one free per "
               "iteration; reuse one object declared before the loop, use a "
               "stack object, or take it from a hotpath::Pool%2")
            << Kind << What << F.hotText();
        F.noteChain(Chain, Ctx);
        F.noteLoop(Loops.front());
      },
      Waits);
}

} // namespace clang::tidy::hotpath
