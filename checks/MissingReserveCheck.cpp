//===--- MissingReserveCheck.cpp - hotpath --------------------------------===//

#include "MissingReserveCheck.h"
#include "analyses/Containers.h"
#include "analyses/TripCount.h"
#include "support/NodeFilters.h"
#include "support/OptionList.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::hotpath {

MissingReserveCheck::MissingReserveCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : HotpathCheck(Name, Context),
      ContainerTypes(Config.getList("ContainerTypes",
                                    analyses::ReservableContainerTypes)) {}

namespace {
/// `out.push_back(x)` or `out.emplace_back(x)` on a dependent object: the
/// cheap test on the callee before the matcher that looks at the object.
AST_MATCHER(CallExpr, calleeIsDependentGrowth) {
  const auto *M =
      dyn_cast_or_null<CXXDependentScopeMemberExpr>(Node.getCallee());
  if (!M || !M->getMember().isIdentifier())
    return false;
  StringRef Name = M->getMember().getAsIdentifierInfo()->getName();
  return Name == "push_back" || Name == "emplace_back";
}
} // namespace

void MissingReserveCheck::registerMatchers(MatchFinder *Finder) {
  auto Reservable = cxxRecordDecl(hasAnyName(ContainerTypes));
  auto LocalVar = declRefExpr(
      to(varDecl(hasLocalStorage(), unless(parmVarDecl())).bind("var")));
  // A container that is a member of a local object: `b.items.push_back(x)`.
  auto Container =
      anyOf(LocalVar, memberExpr(member(fieldDecl().bind("field")),
                                 hasObjectExpression(ignoringParenImpCasts(
                                     LocalVar.bind("base")))));
  // Instantiations are skipped in check() (the pattern is reported), which
  // needs no parent map, unlike isInTemplateInstantiation().
  Finder->addMatcher(
      cxxMemberCallExpr(
          support::calleeNameIsOneOf({"push_back", "emplace_back", "emplace",
                                      "insert", "try_emplace", "emplace_hint"}),
          support::isInUserCode(), callee(cxxMethodDecl(ofClass(Reservable))),
          on(ignoringParenImpCasts(Container)))
          .bind("call"),
      this);
  // In a template's pattern a member call on a dependent container is
  // unresolved: `out.push_back(x)` on a `std::vector<T>`.
  Finder->addMatcher(
      callExpr(calleeIsDependentGrowth(), support::isInUserCode(),
               callee(cxxDependentScopeMemberExpr(
                   hasObjectExpression(ignoringParenImpCasts(LocalVar)))))
          .bind("call"),
      this);
  Finder->addMatcher(
      cxxOperatorCallExpr(hasOverloadedOperatorName("+="),
                          support::isInUserCode(),
                          hasArgument(0, ignoringParenImpCasts(Container)),
                          callee(cxxMethodDecl(ofClass(Reservable))))
          .bind("call"),
      this);
}

namespace {

// `c.insert(c.end(), x)` (or emplace): one element, at the end. The
// reference to `c` of its `end()` (a non-const call, but no change), else
// null.
const DeclRefExpr *endOfAppend(const CXXMemberCallExpr &MC) {
  const CXXMethodDecl *MD = MC.getMethodDecl();
  StringRef Name = MD && MD->getIdentifier() ? MD->getName() : "";
  if ((Name != "insert" && Name != "emplace") || MC.getNumArgs() != 2)
    return nullptr;
  // Through the conversion of the iterator to a const_iterator.
  const Expr *Pos = analyses::peel(MC.getArg(0));
  while (const auto *C = dyn_cast_or_null<CXXConstructExpr>(Pos)) {
    if (C->getNumArgs() != 1)
      break;
    Pos = analyses::peel(C->getArg(0));
  }
  const auto *End = dyn_cast_or_null<CXXMemberCallExpr>(Pos);
  const auto *EndRef =
      End ? dyn_cast<DeclRefExpr>(
                End->getImplicitObjectArgument()->IgnoreParenImpCasts())
          : nullptr;
  const auto *Own = dyn_cast<DeclRefExpr>(
      MC.getImplicitObjectArgument()->IgnoreParenImpCasts());
  if (!EndRef || !Own || EndRef->getDecl() != Own->getDecl() ||
      !End->getMethodDecl() || !End->getMethodDecl()->getIdentifier() ||
      (End->getMethodDecl()->getName() != "end" &&
       End->getMethodDecl()->getName() != "cend"))
    return nullptr;
  const CXXRecordDecl *Arg = MC.getArg(1)->getType()->getAsCXXRecordDecl();
  bool One = Name == "emplace" || !Arg || !Arg->getIdentifier() ||
             Arg->getName() != "initializer_list";
  return One ? EndRef : nullptr;
}

// True when one call adds exactly one element.
bool addsOneElement(const Expr &Call, const CXXRecordDecl &RD) {
  bool Hash = analyses::isHashContainer(RD);
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call))
    return Op->getNumArgs() == 2 &&
           Op->getArg(1)->IgnoreImpCasts()->getType()->isCharType();
  if (const auto *C = dyn_cast<CallExpr>(&Call))
    if (isa<CXXDependentScopeMemberExpr>(C->getCallee()->IgnoreParens()))
      return true; // push_back / emplace_back, as matched
  const auto *MC = cast<CXXMemberCallExpr>(&Call);
  StringRef Name = MC->getMethodDecl()->getName();
  if (Name == "push_back" || Name == "emplace_back")
    return true;
  if (!Hash)
    return endOfAppend(*MC); // else insert(pos, ...), emplace(pos, ...)
  if (Name == "insert") {
    if (MC->getNumArgs() != 1)
      return false;
    const CXXRecordDecl *Arg = MC->getArg(0)->getType()->getAsCXXRecordDecl();
    return !Arg || !Arg->getDeclName().isIdentifier() ||
           Arg->getName() != "initializer_list";
  }
  return true; // emplace, try_emplace, emplace_hint
}

// The growth runs on every iteration: nothing but blocks between the call
// and the loop.
bool unconditional(const Expr &Call, const Stmt &Loop,
                   const analyses::FunctionUsage &FU) {
  for (const Stmt *S = FU.parentOf(&Call); S; S = FU.parentOf(S)) {
    if (S == &Loop)
      return true;
    if (!isa<ExprWithCleanups, CompoundStmt, ParenExpr, AttributedStmt,
             LabelStmt>(S))
      return false;
  }
  return false;
}

// `break`, `continue` or `goto` that can skip the growth in some iterations.
bool hasEarlyExit(const Stmt *S, bool InNestedLoop, bool InSwitch) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (isa<GotoStmt, IndirectGotoStmt>(S))
    return true;
  if (isa<ContinueStmt>(S) && !InNestedLoop)
    return true;
  if (isa<BreakStmt>(S) && !InNestedLoop && !InSwitch)
    return true;
  bool Loop = isa<ForStmt, CXXForRangeStmt, WhileStmt, DoStmt>(S);
  bool Switch = isa<SwitchStmt>(S);
  for (const Stmt *Child : S->children())
    if (hasEarlyExit(Child, InNestedLoop || Loop, InSwitch || Switch))
      return true;
  return false;
}

} // namespace

// A string keeps short contents in its own small buffer: appending up to that
// many characters allocates nothing, so reserve() buys nothing. libstdc++'s
// buffer (16 bytes) is the smallest of the common libraries (libc++: 23).
// A count from an integer variable says nothing about its size (yaml-cpp
// appends 2, 4 or 8 escape digits under `i < codeLength`), so for strings
// only counts from data (a container's size) or constants beyond the buffer
// are reported.
bool MissingReserveCheck::isReservable(const CXXRecordDecl &RD) const {
  std::string Qualified = "::" + RD.getQualifiedNameAsString();
  return llvm::any_of(ContainerTypes,
                      [&](StringRef T) { return T == Qualified; });
}

bool MissingReserveCheck::growsInsideSmallBuffer(
    const CXXRecordDecl &RD, const analyses::ExactTripCount &C) const {
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(&RD);
  if (!Spec || Spec->getName() != "basic_string" ||
      Spec->getTemplateArgs().size() == 0)
    return false;
  if (C.Sized)
    return false;
  if (!C.Value)
    return true;
  QualType CharT = Spec->getTemplateArgs()[0].getAsType();
  std::uint64_t CharBytes =
      CharT.isNull() || CharT->isDependentType()
          ? 1
          : RD.getASTContext().getTypeSizeInChars(CharT).getQuantity();
  std::uint64_t Inline = CharBytes ? 16 / CharBytes - 1 : 0;
  return *C.Value <= Inline;
}

// A member container of a local object starts empty when the object is
// default-constructed by a constructor nobody wrote (so nothing fills the
// member) and the member has no initialiser of its own, or an empty one.
static bool memberStartsEmpty(const VarDecl &Var, const FieldDecl &Field) {
  const auto *Owner = dyn_cast<CXXRecordDecl>(Field.getParent());
  if (!Owner || Owner->isUnion() || Var.getType()->isReferenceType() ||
      Var.getType()->isPointerType())
    return false;
  if (const Expr *Init = Field.getInClassInitializer())
    if (!analyses::isEmptyConstruction(Init))
      return false;
  const Expr *Init = Var.getInit() ? analyses::peel(Var.getInit()) : nullptr;
  if (!Init)
    return true; // a trivially default-constructed aggregate
  if (const auto *C = dyn_cast<CXXConstructExpr>(Init))
    return C->getNumArgs() == 0 && !C->getConstructor()->isUserProvided();
  if (const auto *L = dyn_cast<InitListExpr>(Init))
    return L->getNumInits() == 0;
  return false;
}

void MissingReserveCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const SourceManager &SM = Ctx.getSourceManager();
  const auto *Call = Result.Nodes.getNodeAs<Expr>("call");
  const auto *Var = Result.Nodes.getNodeAs<VarDecl>("var");
  // With a member container, Var is the local object that holds it.
  const auto *Field = Result.Nodes.getNodeAs<FieldDecl>("field");
  const auto *BaseRef = Result.Nodes.getNodeAs<DeclRefExpr>("base");
  if (!Call || !Var || !Var->isLocalVarDecl() || Var->isStaticLocal() ||
      Var->getType()->isReferenceType() || analyses::isInInstantiation(*Var) ||
      (Field ? !memberStartsEmpty(*Var, *Field)
             : !analyses::isEmptyConstruction(Var->getInit())))
    return;
  // A dependent container (`std::vector<T>` in a template's pattern) counts
  // by its class template; the pattern is reported once for every
  // instantiation.
  const CXXRecordDecl *RD =
      analyses::recordOrPatternOf(Field ? Field->getType() : Var->getType());
  if (!RD || !addsOneElement(*Call, *RD))
    return;
  if (Var->getType()->isDependentType() && !isReservable(*RD))
    return;
  // How the container is spelled: 'v', or 'b.items'.
  std::string Name = Var->getName().str();
  if (Field)
    Name += "." + Field->getName().str();
  // The growing call's own reference to the container.
  const Expr *CallObject = nullptr;
  if (const auto *C = dyn_cast<CallExpr>(Call))
    if (const auto *DM = dyn_cast<CXXDependentScopeMemberExpr>(
            C->getCallee()->IgnoreParens()))
      CallObject = DM->getBase()->IgnoreParenImpCasts();
  const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
  const DeclRefExpr *EndObject = Member ? endOfAppend(*Member) : nullptr;
  const Stmt *Body = analyses::enclosingBody(*Var);
  if (!Body)
    return;
  const analyses::FunctionUsage &FU = Usage.get(*Body, Ctx);
  auto Loops = FU.loopsAround(*Call);
  if (Loops.empty())
    return;
  const Stmt *Loop = Loops.front();
  // Declared before this loop, and no other loop in between: then the
  // container is empty when the loop starts (checked below) and grows once
  // per iteration of this loop only.
  if (analyses::spanContains(*Loop, Var->getLocation(), SM) ||
      (Loops.size() > 1 &&
       !analyses::spanContains(*Loops[1], Var->getLocation(), SM)))
    return;
  const Stmt *LoopBody = nullptr;
  if (const auto *F = dyn_cast<ForStmt>(Loop))
    LoopBody = F->getBody();
  else if (const auto *R = dyn_cast<CXXForRangeStmt>(Loop))
    LoopBody = R->getBody();
  if (!LoopBody || !unconditional(*Call, *Loop, FU) ||
      hasEarlyExit(LoopBody, false, false))
    return;
  SourceLocation LoopBegin = SM.getExpansionLoc(Loop->getBeginLoc());
  for (const analyses::VarUse &U : FU.uses(Var).Uses) {
    SourceLocation L = SM.getExpansionLoc(U.Ref->getBeginLoc());
    if (SM.isBeforeInTranslationUnit(L, LoopBegin))
      return; // used (reserved, filled, passed) before the loop
    if (analyses::spanContains(*Loop, L, SM) && U.Call != Call &&
        U.Ref != CallObject && U.Ref != BaseRef && U.Ref != EndObject &&
        (U.Kinds & ~(analyses::UseRead | analyses::UseCopy)))
      return; // another change inside the loop
    // Of the object holding the container, anything else in the loop may
    // touch the container (a member function, a reference handed out).
    if (Field && U.Ref != BaseRef && analyses::spanContains(*Loop, L, SM))
      return;
  }
  std::optional<analyses::ExactTripCount> C =
      analyses::exactTripCount(*Loop, *Var, FU, Ctx);
  if (!C || growsInsideSmallBuffer(*RD, *C))
    return;
  SourceLocation Loc = SM.getFileLoc(Call->getExprLoc());
  if (const auto *C = dyn_cast<CallExpr>(Call))
    if (const auto *DM = dyn_cast<CXXDependentScopeMemberExpr>(
            C->getCallee()->IgnoreParens()))
      Loc = SM.getFileLoc(DM->getMemberLoc()); // like a resolved call
  // Measured: the loop's iterations and entries (their ratio is the
  // average trip count), inclusive cost over its lines.
  report(
      Loc,
      relevance::runOnceAt(*Call, cast<Decl>(Var->getParentFunctionOrMethod()),
                           [&FU](const Stmt *C) { return FU.parentOf(C); }),
      SM, [&] { return Hot.ofLoop(Loop, Loc, SM); },
      [&](Finding &F) { describe(F, *C, Name, *Loop, FU, SM); });
}

void MissingReserveCheck::describe(Finding &F,
                                   const analyses::ExactTripCount &C,
                                   const std::string &Name, const Stmt &Loop,
                                   const analyses::FunctionUsage &FU,
                                   const SourceManager &SM) {
  std::string HotText = F.hotText();
  const std::string Quoted = "'" + Name + "'";
  if (!C.Unbounded.empty()) {
    // Reserving a count nothing bounds turns a malformed input into a huge
    // allocation (or std::bad_alloc) before the first element is read: no
    // automatic fix; the message shows the capped form.
    F.diag("%0 grows by one element per iteration of a loop whose trip "
           "count is known before it starts, without reserve(): it "
           "reallocates and moves its elements about log2(n) times; no "
           "fix-it: the count %1 is %2, not the size of anything this code "
           "holds, and reserving it up front allocates whatever it says "
           "before one element is read; if it can come from input, cap it: "
           "'%3.reserve(std::min<std::size_t>(%4, limit));'%5")
        << Quoted
        << (C.Text.empty() ? std::string("(spelled in a macro)")
                           : "'" + C.Text + "'")
        << C.Unbounded << Name
        << (C.Text.empty() ? std::string("count") : C.Text) << HotText;
    return;
  }
  if (C.Text.empty()) {
    F.diag("%0 grows by one element per iteration of a loop whose trip "
           "count is known before it starts, without reserve(): it "
           "reallocates and moves its elements about log2(n) times; call "
           "reserve() with the trip count before the loop (no fix-it: %1)%2")
        << Quoted << C.WhyNoText << HotText;
    return;
  }
  std::string Reserve = Name + ".reserve(" + C.Text + ");";
  if (C.Signed) {
    bool Simple = llvm::all_of(C.Text, [](char Ch) {
      return llvm::isAlnum(Ch) || Ch == '_' || Ch == '.';
    });
    std::string Count = Simple ? C.Text : "(" + C.Text + ")";
    Reserve = "if (" + Count + " > 0) " + Name +
              ".reserve(static_cast<std::size_t>(" + C.Text + "));";
  }
  auto D = F.diag("%0 grows by one element per iteration of a loop whose "
                  "trip count is known before it starts, without "
                  "reserve(): it reallocates and moves its elements about "
                  "log2(n) times; call '%1' before the loop%2")
           << Quoted << Reserve << HotText;
  // Insert on its own line before the loop, with the loop's indentation.
  if (Loop.getBeginLoc().isMacroID())
    return;
  if (!isa_and_nonnull<CompoundStmt>(FU.parentOf(&Loop)))
    return;
  std::pair<FileID, unsigned> Pos = SM.getDecomposedLoc(Loop.getBeginLoc());
  StringRef Buffer = SM.getBufferData(Pos.first);
  unsigned LineStart = Pos.second;
  while (LineStart > 0 && Buffer[LineStart - 1] != '\n')
    --LineStart;
  StringRef Indent = Buffer.slice(LineStart, Pos.second);
  if (Indent.find_first_not_of(" \t") != StringRef::npos)
    Indent = "";
  D << FixItHint::CreateInsertion(
      Loop.getBeginLoc(),
      Reserve + (Indent.empty() && LineStart != Pos.second ? " " : "\n") +
          Indent.str());
}

} // namespace clang::tidy::hotpath
