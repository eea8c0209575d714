//===--- ContainerInLoopCheck.cpp - hotpath -------------------------------===//

#include "ContainerInLoopCheck.h"
#include "analyses/Containers.h"
#include "support/NodeFilters.h"
#include "support/OptionList.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include <optional>

using namespace clang::ast_matchers;

namespace clang::tidy::hotpath {

static analyses::UsageVocabulary fillVocabulary(StringRef Raw) {
  analyses::UsageVocabulary V;
  V.FillFunctions.clear();
  for (StringRef N : support::splitOptionList(Raw))
    V.FillFunctions.push_back(N.str());
  return V;
}

ContainerInLoopCheck::ContainerInLoopCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : HotpathCheck(Name, Context),
      ContainerTypes(Config.getList("ContainerTypes",
                                    analyses::KeepsCapacityContainerTypes)) {
  Usage = analyses::UsageCache(
      fillVocabulary(Config.get("FillFunctions", "::std::getline")));
}

void ContainerInLoopCheck::registerMatchers(MatchFinder *Finder) {
  auto Container = qualType(hasUnqualifiedDesugaredType(
      recordType(hasDeclaration(cxxRecordDecl(hasAnyName(ContainerTypes))))));
  Finder->addMatcher(varDecl(support::isUserLocalVariable(),
                             support::typeIsRecordNamedOneOf(
                                 support::lastNameComponents(ContainerTypes)),
                             hasType(Container))
                         .bind("var"),
                     this);
}

namespace {

// `v = parse(line);`, `v = std::move(other);`: the container takes the
// buffer of a new value; one kept from an earlier iteration would be freed
// there, so hoisting it saves nothing.
bool takesNewBuffer(const analyses::VarUse &U,
                    const analyses::FunctionUsage &FU) {
  const Stmt *P = FU.parentOf(U.Ref);
  while (P && isa<ImplicitCastExpr>(P))
    P = FU.parentOf(P);
  const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(P);
  return Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
         !Op->getArg(1)->isLValue();
}

// The declaration runs at most once per execution of the loop: a block on
// its way up to the loop ends by leaving it (`return`, `throw`, `break` out
// of this loop), as in `if (bad) { std::string msg; ...; return false; }`.
bool leavesTheLoop(const Stmt &Decl, const Stmt &Loop,
                   const analyses::FunctionUsage &FU) {
  llvm::SmallVector<const Stmt *, 8> Up;
  for (const Stmt *S = &Decl; S && S != &Loop; S = FU.parentOf(S))
    Up.push_back(S);
  for (size_t I = 0; I < Up.size(); ++I) {
    const auto *Block = dyn_cast<CompoundStmt>(Up[I]);
    if (!Block || Block->body_empty())
      continue;
    // A break under a switch leaves the switch, not the loop.
    bool InSwitch = llvm::any_of(llvm::ArrayRef(Up).drop_front(I),
                                 [](auto *S) { return isa<SwitchStmt>(S); });
    const Stmt *Last = Block->body_back();
    if (const auto *E = dyn_cast<Expr>(Last))
      Last = E->IgnoreImplicit();
    if (isa<ReturnStmt, CXXThrowExpr, GotoStmt>(Last) ||
        (isa<BreakStmt>(Last) && !InSwitch))
      return true;
  }
  return false;
}

// libstdc++'s small-string buffer, the smallest of the common libraries
// (libc++: 22): a string of up to this many characters allocates nothing.
constexpr uint64_t SmallStringChars = 15;

// The characters a string's fills add when every fill appends a literal
// (`s += ','`, `s.append("ab")`) once per iteration; std::nullopt when
// some fill adds what cannot be known, or runs in a loop of its own.
std::optional<uint64_t> literalLength(const analyses::VarUses &Uses,
                                      size_t Loops,
                                      const analyses::FunctionUsage &FU) {
  uint64_t Total = 0;
  for (const analyses::VarUse &U : Uses.Uses) {
    if (!(U.Kinds & analyses::UseFill))
      continue;
    const auto *Call = dyn_cast_or_null<CallExpr>(U.Call);
    if (!Call || FU.loopsAround(*Call).size() != Loops)
      return std::nullopt;
    const Expr *Arg = nullptr;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call))
      Arg = Op->getNumArgs() == 2 ? Op->getArg(1) : nullptr;
    else if (Call->getNumArgs() == 1)
      Arg = Call->getArg(0);
    Arg = Arg ? Arg->IgnoreParenImpCasts() : nullptr;
    if (isa_and_nonnull<CharacterLiteral>(Arg))
      Total += 1;
    else if (const auto *S = dyn_cast_or_null<StringLiteral>(Arg))
      Total += S->getLength();
    else
      return std::nullopt;
  }
  return Total;
}

} // namespace

void ContainerInLoopCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const auto *Var = Result.Nodes.getNodeAs<VarDecl>("var");
  if (!Var || !Var->isLocalVarDecl() || Var->isStaticLocal() ||
      Var->getType()->isDependentType() || analyses::isInInstantiation(*Var) ||
      !analyses::isEmptyConstruction(Var->getInit()))
    return;
  const Stmt *Body = analyses::enclosingBody(*Var);
  if (!Body)
    return;
  const analyses::FunctionUsage &FU = Usage.get(*Body, Ctx);
  const DeclStmt *DS = FU.declStmtOf(Var);
  if (!DS)
    return;
  auto Loops = FU.loopsAround(*DS);
  if (Loops.empty())
    return;
  // A loop that runs once (`do { ... } while (false)`) is no loop.
  if (const auto *Do = dyn_cast<DoStmt>(Loops.front())) {
    bool Value = true;
    if (Do->getCond()->EvaluateAsBooleanCondition(Value, Ctx) && !Value)
      return;
  }
  const analyses::VarUses &Uses = FU.uses(Var);
  // Filled by a growth call, or handed to a function by non-const
  // reference to be filled (`fill(tmp)`): the callee grows the buffer that
  // dies at the end of the iteration. An escape other than such a call (an
  // address taken, a reference stored) may keep it alive: not reported.
  bool Filled = Uses.has(analyses::UseFill | analyses::UseRefArg);
  bool OtherEscape = llvm::any_of(Uses.Uses, [](const analyses::VarUse &U) {
    return (U.Kinds & analyses::UseEscape) && !(U.Kinds & analyses::UseRefArg);
  });
  if (!Filled || OtherEscape ||
      Uses.has(analyses::UseMove | analyses::UseReturn | analyses::UseCopy) ||
      llvm::any_of(
          Uses.Uses,
          [&](const analyses::VarUse &U) { return takesNewBuffer(U, FU); }) ||
      leavesTheLoop(*DS, *Loops.front(), FU))
    return;
  // A string kept within its own small buffer has no heap buffer to keep.
  const CXXRecordDecl *RD = Var->getType()->getAsCXXRecordDecl();
  bool IsString = RD && analyses::isStringRecord(*RD);
  if (IsString) {
    std::optional<uint64_t> Chars = literalLength(Uses, Loops.size(), FU);
    if (Chars && *Chars <= SmallStringChars)
      return;
  }
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = SM.getFileLoc(Var->getLocation());
  report(
      Loc,
      relevance::runOnceAt(*DS, cast<Decl>(Var->getParentFunctionOrMethod()),
                           [&FU](const Stmt *C) { return FU.parentOf(C); }),
      SM, [&] { return Hot.ofLoop(Loops.front(), Loc, SM); },
      [&](Finding &F) {
        F.diag("%0 is created empty on every iteration of the loop, filled, "
               "and destroyed at its end: its buffer is allocated again (and "
               "grown again) each time; declare it before the loop and "
               "clear() it at the start of each iteration to keep its "
               "capacity%1")
            << Var << F.hotText();
        if (IsString)
          F.note(Var->getLocation(),
                 "a string of up to %0 characters is kept in the object "
                 "itself and allocates nothing: hoisting it saves the "
                 "allocations of longer contents only")
              << static_cast<unsigned>(SmallStringChars);
        F.noteLoop(Loops.front());
      });
}

} // namespace clang::tidy::hotpath
