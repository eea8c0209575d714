//===--- HeapAllocInLoopCheck.cpp - hotpath -------------------------------===//

#include "HeapAllocInLoopCheck.h"
#include "utils/Containers.h"
#include "utils/LoopContext.h"
#include "utils/OptionList.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::hotpath {

static constexpr char DefaultAllocFunctions[] =
    "::std::make_unique;::std::make_shared;::std::make_unique_for_overwrite;"
    "::std::make_shared_for_overwrite;::malloc;::calloc";

HeapAllocInLoopCheck::HeapAllocInLoopCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      RawAllocFunctions(Options.get("AllocFunctions", DefaultAllocFunctions)),
      AllocFunctions(utils::splitOptionList(RawAllocFunctions)) {}

void HeapAllocInLoopCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "AllocFunctions", RawAllocFunctions);
}

void HeapAllocInLoopCheck::onStartOfTranslationUnit() {
  Reported.clear();
  Usage.clear();
}

void HeapAllocInLoopCheck::registerMatchers(MatchFinder *Finder) {
  auto NotHere =
      anyOf(isInTemplateInstantiation(), isExpansionInSystemHeader());
  Finder->addMatcher(cxxNewExpr(unless(NotHere)).bind("alloc"), this);
  if (!AllocFunctions.empty())
    Finder->addMatcher(
        callExpr(callee(functionDecl(hasAnyName(AllocFunctions))),
                 unless(NotHere))
            .bind("alloc"),
        this);
}

namespace {

enum class Fate { Escapes, Temporary, Var };

// Where the result of an allocation goes: a variable it initializes, a
// temporary used once by `->`/`*`, or somewhere else (it escapes).
Fate fateOf(const Expr &Alloc, ASTContext &Ctx, const VarDecl *&Var) {
  DynTypedNode Node = DynTypedNode::create(Alloc);
  const Stmt *Prev = &Alloc;
  for (unsigned Depth = 0; Depth < 8; ++Depth) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return Fate::Escapes;
    const DynTypedNode &P = Parents[0];
    if (const auto *VD = P.get<VarDecl>()) {
      if (VD->getInit() != Prev || !VD->isLocalVarDecl() ||
          VD->isStaticLocal() || VD->getType()->isReferenceType())
        return Fate::Escapes;
      Var = VD;
      return Fate::Var;
    }
    const auto *S = P.get<Stmt>();
    if (!S)
      return Fate::Escapes;
    if (isa<ImplicitCastExpr, ExprWithCleanups, MaterializeTemporaryExpr,
            CXXBindTemporaryExpr, ParenExpr, CXXFunctionalCastExpr>(S)) {
      // Casts to another pointer type are fine; to an integer are not.
      if (const auto *C = dyn_cast<ImplicitCastExpr>(S))
        if (C->getCastKind() != CK_NoOp && C->getCastKind() != CK_BitCast &&
            C->getCastKind() != CK_ConstructorConversion &&
            C->getCastKind() != CK_DerivedToBase)
          return Fate::Escapes;
      Prev = S;
      Node = P;
      continue;
    }
    if (const auto *C = dyn_cast<ExplicitCastExpr>(S)) {
      // `static_cast<char *>(malloc(n))`: the same pointer.
      if (!C->getType()->isPointerType())
        return Fate::Escapes;
      Prev = S;
      Node = P;
      continue;
    }
    if (const auto *C = dyn_cast<CXXConstructExpr>(S)) {
      // unique_ptr<T> p(new T), a move of the result: still the same owner.
      if (C->getNumArgs() != 1 &&
          !(C->getNumArgs() == 2 && isa<CXXDefaultArgExpr>(C->getArg(1))))
        return Fate::Escapes;
      Prev = S;
      Node = P;
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S))
      if ((Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star) &&
          Op->getNumArgs() == 1 && Prev == Op->getArg(0))
        return Fate::Temporary;
    return Fate::Escapes;
  }
  return Fate::Escapes;
}

} // namespace

void HeapAllocInLoopCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const auto *Alloc = Result.Nodes.getNodeAs<Expr>("alloc");
  if (!Alloc)
    return;
  if (const auto *New = dyn_cast<CXXNewExpr>(Alloc))
    if (New->getNumPlacementArgs() > 0)
      return; // placement new: no heap allocation
  auto Loops = utils::enclosingLoops(*Alloc, Ctx);
  if (Loops.empty())
    return;
  const VarDecl *Var = nullptr;
  Fate F = fateOf(*Alloc, Ctx, Var);
  if (F == Fate::Escapes)
    return;
  std::string What;
  if (F == Fate::Var) {
    if (Var->getType()->isDependentType())
      return;
    const Stmt *Body = utils::enclosingBody(*Var);
    if (!Body)
      return;
    const utils::VarUses &Uses = Usage.get(*Body, Ctx).uses(Var);
    if (Uses.has(utils::UseMove | utils::UseReturn | utils::UseEscape |
                 utils::UseCopy))
      return;
    // A raw pointer dies in the iteration only when it is freed there.
    if (Var->getType()->isPointerType() && !Uses.has(utils::UseDelete))
      return;
    What = ("'" + Var->getName() + "'").str();
  } else {
    What = "the temporary";
  }
  SourceLocation Loc = Ctx.getSourceManager().getFileLoc(Alloc->getBeginLoc());
  if (!Reported.first(Loc))
    return;
  const char *Kind = isa<CXXNewExpr>(Alloc) ? "'new'" : nullptr;
  std::string Callee;
  if (!Kind)
    if (const auto *Call = dyn_cast<CallExpr>(Alloc))
      if (const FunctionDecl *FD = Call->getDirectCallee())
        Callee = "'" + FD->getQualifiedNameAsString() + "'";
  diag(Loc, "%0 allocates on every iteration of the loop and %1 dies in the "
            "same iteration: one allocation and one free per iteration; "
            "reuse one object declared before the loop, use a stack object, "
            "or take it from a hotpath::Pool")
      << (Kind ? std::string(Kind) : Callee) << What;
  diag(Loops.front()->getBeginLoc(), "the loop is here", DiagnosticIDs::Note);
}

} // namespace clang::tidy::hotpath
