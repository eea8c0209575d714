//===--- CacheUnfriendlyTraversalCheck.cpp - hotpath ----------------------===//

#include "CacheUnfriendlyTraversalCheck.h"
#include "analyses/Containers.h"
#include "analyses/LoopInterchange.h"
#include "support/NodeFilters.h"
#include "support/OptionList.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/FoldingSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <algorithm>

using namespace clang::ast_matchers;

namespace clang::tidy::hotpath {

static constexpr char DefaultContainerTypes[] = "::std::vector;::std::array";

// Plain char and the character types of text, not the byte types.
static bool isTextCharacter(QualType T) {
  const auto *BT = T->getAs<BuiltinType>();
  if (!BT)
    return false;
  switch (BT->getKind()) {
  case BuiltinType::Char_S:
  case BuiltinType::Char_U:
  case BuiltinType::WChar_S:
  case BuiltinType::WChar_U:
  case BuiltinType::Char8:
  case BuiltinType::Char16:
  case BuiltinType::Char32:
    return true;
  default:
    return false;
  }
}

CacheUnfriendlyTraversalCheck::CacheUnfriendlyTraversalCheck(
    StringRef Name, ClangTidyContext *Context)
    : HotpathCheck(Name, Context),
      CacheLineBytes(std::max(1U, Config.get("CacheLineBytes", 64U))),
      MinInnerTripCount(Config.get("MinInnerTripCount", 8U)),
      ContainerTypes(Config.getList("ContainerTypes", DefaultContainerTypes)) {
  clearEachTU(ContainerCache);
}

void CacheUnfriendlyTraversalCheck::registerMatchers(MatchFinder *Finder) {
  // Every `for` loop is a candidate for the loop whose variable should be
  // innermost; one walk of its body (collectLoops) finds the loops nested in
  // it and the subscripts in their bodies. No parent map, no
  // hasAncestor/hasDescendant, no walk of code outside loops.
  Finder->addMatcher(forStmt(support::isInUserCode()).bind("for"), this);
}

bool CacheUnfriendlyTraversalCheck::isContainer(const CXXRecordDecl &RD) {
  auto [It, Inserted] = ContainerCache.try_emplace(&RD, false);
  if (!Inserted)
    return It->second;
  if (!RD.getDeclName().isIdentifier())
    return false;
  StringRef Plain = RD.getName();
  std::string Qualified;
  for (StringRef T : ContainerTypes) {
    if (!T.ends_with(Plain))
      continue; // cheap reject before building the qualified name
    if (!T.starts_with("::")) {
      if (T == Plain)
        return It->second = true;
      continue;
    }
    if (Qualified.empty())
      Qualified = "::" + RD.getQualifiedNameAsString();
    if (Qualified == T)
      return It->second = true;
  }
  return false;
}

// A level of a chain whose elements live outside the object: a pointer, or
// a listed container other than std::array (its elements are on the heap).
bool CacheUnfriendlyTraversalCheck::isHeapRow(QualType T) {
  if (T.isNull())
    return false;
  if (T->isPointerType())
    return true;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  return RD && isContainer(*RD) && !analyses::isStdArray(T);
}

void CacheUnfriendlyTraversalCheck::collectLoops(const Stmt *Body,
                                                 LoopMap &Loops) {
  enum Action { Visit, Enter, Leave };
  struct Item {
    const Stmt *S;
    Action A;
  };
  llvm::SmallVector<Item, 64> Work{{Body, Visit}};
  // The loops whose body the walk is in, innermost last.
  llvm::SmallVector<const Stmt *, 8> Open;
  // Subscripts inside a chain already recorded (`a[j]` of `a[j][i]`).
  llvm::SmallPtrSet<const Expr *, 16> InChain;
  auto IsContainer = [this](const CXXRecordDecl &RD) {
    return isContainer(RD);
  };
  llvm::SmallVector<const Stmt *, 8> Children;
  while (!Work.empty()) {
    Item It = Work.pop_back_val();
    if (It.A == Enter) {
      Open.push_back(It.S);
      continue;
    }
    if (It.A == Leave) {
      Open.pop_back();
      continue;
    }
    const Stmt *S = It.S;
    // A lambda's body runs when it is called (its call operator is a
    // function of its own); sizeof and friends evaluate nothing.
    if (!S || isa<LambdaExpr, BlockExpr, UnaryExprOrTypeTraitExpr>(S))
      continue;
    const Stmt *LoopBody = analyses::loopBody(*S);
    Children.assign(S->child_begin(), S->child_end());
    if (LoopBody) {
      const Stmt *Parent = Open.empty() ? nullptr : Open.back();
      if (Parent)
        Loops[Parent].HasNestedLoop = true;
      Loops[S].Parent = Parent;
      // The header runs in the enclosing loop; the body in this one.
      Work.push_back({S, Leave});
      Work.push_back({LoopBody, Visit});
      Work.push_back({S, Enter});
      for (const Stmt *C : llvm::reverse(Children))
        if (C != LoopBody)
          Work.push_back({C, Visit});
      continue;
    }
    // The loop whose body is walked encloses all of these: a subscript is
    // recorded when its nearest loop is a nested `for`.
    if (!Open.empty() && isa<ForStmt>(Open.back()))
      if (const auto *E = dyn_cast<Expr>(S);
          E && !InChain.count(E) && analyses::isSubscript(*E, IsContainer))
        if (std::optional<analyses::SubscriptChain> C =
                analyses::subscriptChain(*E, IsContainer)) {
          for (const Expr *N : llvm::drop_begin(C->Nodes))
            InChain.insert(N);
          Loops[Open.back()].Accesses.push_back(E);
        }
    for (const Stmt *C : llvm::reverse(Children))
      Work.push_back({C, Visit});
  }
}

void CacheUnfriendlyTraversalCheck::check(
    const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const auto *Outer = Result.Nodes.getNodeAs<ForStmt>("for");
  if (!Outer || !Outer->getBody())
    return;
  LoopMap Loops;
  collectLoops(Outer->getBody(), Loops);
  if (llvm::none_of(Loops,
                    [](const auto &L) { return !L.second.Accesses.empty(); }))
    return; // no nested `for` indexes anything
  std::optional<analyses::CanonicalFor> O = analyses::canonicalFor(*Outer, Ctx);
  if (!O)
    return;
  // The function around the loops: where its variable is declared.
  const auto *FD = dyn_cast<FunctionDecl>(O->Var->getDeclContext());
  if (!FD || !FD->getBody() || !O->Var->isLocalVarDecl())
    return;
  for (const auto &[Loop, Info] : Loops)
    if (!Info.Accesses.empty())
      if (const auto *F = dyn_cast<ForStmt>(Loop))
        analyseNest(*F, Info, Loops, *Outer, *O, *FD, Ctx);
}

namespace {

bool constantSize(QualType T) {
  return !T.isNull() && !T->isDependentType() && !T->isIncompleteType() &&
         T->isConstantSizeType() && !T->isFunctionType();
}

} // namespace

// Whether chain \p C, in a loop over \p InnerVar nested in a loop over
// \p PartnerVar, walks down a column: the inner loop's variable selects the
// row, the partner's the position in the row (the last, contiguous index).
std::optional<CacheUnfriendlyTraversalCheck::Stride>
CacheUnfriendlyTraversalCheck::columnWalk(
    const analyses::SubscriptChain &C, const VarDecl *InnerVar,
    const VarDecl *PartnerVar, std::optional<std::uint64_t> InnerTrips,
    ASTContext &Ctx) {
  if (InnerTrips && *InnerTrips < MinInnerTripCount)
    return std::nullopt; // a few rows: their lines stay in the cache
  QualType Elem = C.element();
  if (!constantSize(Elem))
    return std::nullopt;
  Stride S;
  S.ElementBytes = Ctx.getTypeSizeInChars(Elem).getQuantity();
  // An element of half a line or more fills its lines in either order.
  if (S.ElementBytes == 0 || S.ElementBytes * 2 > CacheLineBytes)
    return std::nullopt;
  const unsigned N = C.Indices.size();
  const Expr *Last = C.Indices.back();
  // Dimension by dimension: `a[j][i]`, `v[j][i]`, `a[k][j][i]`.
  if (N >= 2 && !analyses::mentions(Last, InnerVar) &&
      analyses::isAffineIn(Last, PartnerVar)) {
    int Dim = -1;
    for (unsigned K = 0; K + 1 < N; ++K)
      if (analyses::mentions(C.Indices[K], InnerVar)) {
        if (Dim >= 0)
          return std::nullopt;
        Dim = static_cast<int>(K);
      }
    if (Dim < 0 || !analyses::isAffineIn(C.Indices[Dim], InnerVar) ||
        analyses::mentions(C.Indices[Dim], PartnerVar))
      return std::nullopt;
    // The loop may be unbounded in the source, but the array is not.
    if (std::optional<std::uint64_t> Extent =
            analyses::fixedExtent(C.Types[Dim]))
      if (*Extent < MinInnerTripCount)
        return std::nullopt;
    S.WholeRow = static_cast<unsigned>(Dim) + 2 == N;
    for (unsigned K = Dim + 1; K < N; ++K)
      if (isHeapRow(C.Types[K])) {
        // `char **lines`: an array of strings, whose "rows" are short;
        // `uint8_t **rows` (unsigned or signed char) are an image's rows.
        if (C.Types[K]->isPointerType() && isTextCharacter(Elem))
          return std::nullopt;
        S.K = Stride::HeapRows;
        return S;
      }
    QualType Row = C.Types[Dim + 1];
    if (!constantSize(Row))
      return std::nullopt;
    S.RowBytes = Ctx.getTypeSizeInChars(Row).getQuantity();
    if (S.RowBytes < CacheLineBytes)
      return std::nullopt; // consecutive rows share lines
    return S;
  }
  // A flat row-major index: `p[j * n + i]`.
  for (unsigned K = 0; K + 1 < N; ++K)
    if (analyses::mentions(C.Indices[K], InnerVar))
      return std::nullopt;
  std::optional<analyses::RowMajorIndex> R =
      analyses::splitRowMajorIndex(Last, InnerVar);
  if (!R || !analyses::isAffineIn(R->Row, InnerVar) ||
      analyses::mentions(R->Row, PartnerVar) ||
      analyses::mentions(R->Length, PartnerVar))
    return std::nullopt;
  bool Walks = false;
  for (const Expr *T : R->Col) {
    if (analyses::isAffineIn(T, PartnerVar))
      Walks = true;
    else if (analyses::mentions(T, PartnerVar))
      return std::nullopt;
  }
  if (!Walks)
    return std::nullopt;
  if (std::optional<std::int64_t> Length =
          analyses::constantValue(R->Length, Ctx)) {
    if (*Length <= 0)
      return std::nullopt;
    S.RowBytes = static_cast<std::uint64_t>(*Length) * S.ElementBytes;
    if (S.RowBytes < CacheLineBytes)
      return std::nullopt;
    return S;
  }
  // A row length known at run time: images, matrices sized by their input.
  S.K = Stride::Elements;
  S.LengthText = analyses::tokenText(R->Length->IgnoreParenImpCasts(), Ctx);
  if (S.LengthText.empty())
    S.LengthText = "the row length";
  else
    S.LengthText = "'" + S.LengthText + "'";
  return S;
}

void CacheUnfriendlyTraversalCheck::analyseNest(
    const ForStmt &Inner, const LoopInfo &Info, const LoopMap &Loops,
    const ForStmt &OuterLoop, const analyses::CanonicalFor &O,
    const FunctionDecl &FD, ASTContext &Ctx) {
  std::optional<analyses::CanonicalFor> I = analyses::canonicalFor(Inner, Ctx);
  if (!I)
    return;
  // The counted `for` loops between the two, innermost first: an access
  // whose row one of them walks belongs to that loop's analysis (when the
  // matcher reaches it), not to this one.
  llvm::SmallVector<const VarDecl *, 4> Between;
  for (const Stmt *P = Info.Parent; P;) {
    if (const auto *F = dyn_cast<ForStmt>(P))
      if (std::optional<analyses::CanonicalFor> C =
              analyses::canonicalFor(*F, Ctx))
        Between.push_back(C->Var);
    auto It = Loops.find(P);
    P = It == Loops.end() ? nullptr : It->second.Parent;
  }
  auto IsContainer = [this](const CXXRecordDecl &RD) {
    return isContainer(RD);
  };
  llvm::SmallVector<analyses::SubscriptChain, 4> Chains;
  for (const Expr *A : Info.Accesses)
    if (std::optional<analyses::SubscriptChain> C =
            analyses::subscriptChain(*A, IsContainer))
      Chains.push_back(std::move(*C));
  // The first access that walks down a column while the outer loop walks
  // along its rows, and how many distinct ones do.
  const analyses::SubscriptChain *First = nullptr;
  Stride S;
  llvm::SmallVector<llvm::FoldingSetNodeID, 4> Strided;
  for (const analyses::SubscriptChain &C : Chains) {
    std::optional<Stride> W = columnWalk(C, I->Var, O.Var, I->TripCount, Ctx);
    if (!W || llvm::any_of(Between, [&](const VarDecl *V) {
          return columnWalk(C, I->Var, V, I->TripCount, Ctx).has_value();
        }))
      continue;
    if (!First) {
      First = &C;
      S = *W;
    }
    llvm::FoldingSetNodeID ID;
    C.Access->Profile(ID, Ctx, /*Canonical=*/true);
    if (!llvm::is_contained(Strided, ID))
      Strided.push_back(ID);
  }
  if (!First)
    return;
  // An access that needs the current order: after the interchange it would
  // walk down a column itself (a transpose, `b[i][j] = a[j][i]`).
  for (const analyses::SubscriptChain &C : Chains)
    if (columnWalk(C, O.Var, I->Var, O.TripCount, Ctx))
      return;

  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = SM.getFileLoc(First->Access->getBeginLoc());
  const analyses::BodyIndex &Parents = Bodies.get(*FD.getBody());
  auto ParentOf = Parents.parents();
  // Measured: the inner loop.
  report(
      Loc, relevance::runOnceAt(*First->Access, &FD, ParentOf), SM,
      [&] { return Hot.ofLoop(&Inner, Loc, SM); },
      [&](Finding &F) {
        std::string Blocker = analyses::interchangeBlocker(
            OuterLoop, O, Inner, *I,
            {Info.Parent != nullptr, Info.HasNestedLoop, Info.Accesses}, FD,
            Ctx, IsContainer);
        const std::string Base = analyses::tokenText(First->Base, Ctx);
        std::string Apart;
        switch (S.K) {
        case Stride::Bytes:
          Apart = "are " + std::to_string(S.RowBytes) + " bytes apart (" +
                  (S.WholeRow ? "one row" : "one slice") + " of '" + Base +
                  "')";
          break;
        case Stride::HeapRows:
          Apart = "are in different rows of '" + Base +
                  "', each a separate heap block";
          break;
        case Stride::Elements:
          Apart = "are " + S.LengthText + " elements apart (one row of '" +
                  Base + "')";
          break;
        }
        std::string Lines =
            S.K == Stride::Elements
                ? "so each touches a new cache line once a row is " +
                      std::to_string(CacheLineBytes) + " bytes or more"
                : std::string("so each touches a new cache line");
        const std::uint64_t PerLine = CacheLineBytes / S.ElementBytes;
        // Each iteration of the inner loop touches a new line per strided
        // access.
        std::string HotText =
            S.K == Stride::Elements
                ? F.hotText()
                : F.hotText({Strided.size(), "new cache lines touched"});
        auto D = F.diag("'%0' is accessed column by column: consecutive "
                        "iterations of the inner loop over '%1' %2, %3 (%4 "
                        "lines per %4 elements instead of 1); interchange the "
                        "loops over '%5' and '%1'%6%7")
                 << analyses::tokenText(First->Access, Ctx) << I->Var->getName()
                 << Apart << Lines << static_cast<unsigned>(PerLine)
                 << O.Var->getName()
                 << (Blocker.empty() ? std::string()
                                     : " (no fix-it: " + Blocker + ")")
                 << HotText;
        if (!Blocker.empty())
          return;
        auto Header = [](const ForStmt &L) {
          return CharSourceRange::getCharRange(
              L.getForLoc(), L.getRParenLoc().getLocWithOffset(1));
        };
        std::string OuterText =
            Lexer::getSourceText(Header(OuterLoop), SM, Ctx.getLangOpts())
                .str();
        std::string InnerText =
            Lexer::getSourceText(Header(Inner), SM, Ctx.getLangOpts()).str();
        if (OuterText.empty() || InnerText.empty())
          return;
        D << FixItHint::CreateReplacement(Header(OuterLoop), InnerText)
          << FixItHint::CreateReplacement(Header(Inner), OuterText);
      });
}

} // namespace clang::tidy::hotpath
