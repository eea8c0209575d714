//===--- Effects.cpp - hotpath --------------------------------------------===//

#include "analyses/Effects.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::hotpath::analyses {

namespace {

// A search visits at most this many functions: the chains worth reporting
// are short, and a call graph of 100,000 functions must stay cheap.
constexpr size_t NodeBound = 512;

// A call ending the process ([[noreturn]], analyzer_noreturn): what comes
// before it in its block is an error path (as BlockingUnderLock judges a
// direct call).
bool endsProcess(const Stmt *S) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  const auto *Call = E ? dyn_cast<CallExpr>(E->IgnoreImplicit()) : nullptr;
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  return FD && (FD->isNoReturn() || FD->hasAttr<AnalyzerNoReturnAttr>());
}

std::string functionName(const FunctionDecl &FD) {
  if (const auto *MD = dyn_cast<CXXMethodDecl>(&FD))
    if (MD->getParent()->getIdentifier())
      return (MD->getParent()->getName() + "::" + FD.getNameAsString()).str();
  return FD.getNameAsString();
}

// What the primitive statement is, for the last note: "'fwrite'",
// "constructing 'std::ofstream'".
std::string primitiveName(const Stmt &S, const ASTContext &Ctx) {
  if (const auto *C = dyn_cast<CXXConstructExpr>(&S))
    return "constructing '" +
           C->getType().getUnqualifiedType().getAsString(
               Ctx.getPrintingPolicy()) +
           "'";
  if (const auto *Call = dyn_cast<CallExpr>(&S))
    if (const FunctionDecl *FD = Call->getDirectCallee())
      return "'" + FD->getNameAsString() + "'";
  return "";
}

// A member call on `this`: the callee's members are the caller's.
bool onThis(const Expr *Call) {
  const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(Call);
  if (!MC)
    return false;
  const Expr *Obj = MC->getImplicitObjectArgument();
  return Obj && isa<CXXThisExpr>(Obj->IgnoreParenImpCasts());
}

} // namespace

const FunctionDecl *staticCallee(const Expr &Call) {
  const FunctionDecl *FD = nullptr;
  if (const auto *C = dyn_cast<CXXConstructExpr>(&Call))
    FD = C->getConstructor();
  else if (const auto *CE = dyn_cast<CallExpr>(&Call))
    FD = CE->getDirectCallee();
  if (!FD)
    return nullptr;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD); MD && MD->isVirtual()) {
    // `Base::f()` does not dispatch; nor does a final method or class.
    const auto *MC = dyn_cast<CXXMemberCallExpr>(&Call);
    const auto *ME =
        MC ? dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens()) : nullptr;
    bool Qualified = ME && ME->hasQualifier();
    if (!Qualified && !MD->hasAttr<FinalAttr>() &&
        !MD->getParent()->hasAttr<FinalAttr>())
      return nullptr;
  }
  return FD;
}

EffectSummaries::EffectSummaries(Classifier Classify,
                                 std::vector<StringRef> Names,
                                 unsigned MaxDepth)
    : Classify(std::move(Classify)), MaxDepth(MaxDepth) {
  for (StringRef N : Names)
    if (auto P = llvm::GlobPattern::create(N))
      NotThrough.push_back(std::move(*P));
    else
      llvm::consumeError(P.takeError());
}

void EffectSummaries::clear() {
  Directs.clear();
  Memo.clear();
  Skipped.clear();
}

bool EffectSummaries::skipped(const FunctionDecl *FD) {
  auto [It, New] = Skipped.try_emplace(FD, false);
  if (!New)
    return It->second;
  const FunctionDecl *Def = nullptr;
  bool Skip = !FD->hasBody(Def) ||
              FD->getASTContext().getSourceManager().isInSystemHeader(
                  Def->getLocation());
  if (!Skip && !NotThrough.empty()) {
    std::string Name = "::" + FD->getQualifiedNameAsString();
    Skip = llvm::any_of(
        NotThrough, [&](const llvm::GlobPattern &P) { return P.match(Name); });
  }
  return Skipped[FD] = Skip;
}

const EffectSummaries::Direct &EffectSummaries::direct(const FunctionDecl *FD) {
  auto [It, New] = Directs.try_emplace(FD);
  if (!New)
    return It->second;
  Direct D;
  const FunctionDecl *Def = nullptr;
  if (FD->hasBody(Def)) {
    llvm::SmallPtrSet<const FunctionDecl *, 16> Seen;
    llvm::SmallVector<const Stmt *, 64> Stack{Def->getBody()};
    // Constructors run their member initialisers too.
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isWritten())
          Stack.push_back(Init->getInit());
    while (!Stack.empty()) {
      const Stmt *S = Stack.pop_back_val();
      if (!S || isa<LambdaExpr, BlockExpr>(S))
        continue; // runs later, maybe elsewhere
      if (!D.Primitive) {
        std::string What = Classify(*S);
        if (!What.empty()) {
          D.Primitive = S;
          D.What = std::move(What);
        }
      }
      if (isa<CallExpr, CXXConstructExpr>(S))
        if (const FunctionDecl *C = staticCallee(*cast<Expr>(S)))
          if (Seen.insert(C).second)
            D.Calls.push_back({cast<Expr>(S), C});
      // Children in reverse, so that they pop in source order; in a block,
      // what precedes a call ending the process is an error path.
      llvm::SmallVector<const Stmt *, 8> Children(S->children());
      size_t From = 0;
      if (isa<CompoundStmt>(S))
        for (size_t I = Children.size(); I-- > 0;)
          if (endsProcess(Children[I])) {
            From = I;
            break;
          }
      for (size_t I = Children.size(); I-- > From;)
        Stack.push_back(Children[I]);
    }
  }
  return Directs[FD] = std::move(D);
}

std::optional<EffectChain> EffectSummaries::search(const FunctionDecl *Root) {
  if (auto It = Memo.find(Root); It != Memo.end())
    return It->second;
  struct Node {
    const FunctionDecl *FD;
    int Parent;
    CallHop Via;
    unsigned Depth;
  };
  std::vector<Node> Nodes{{Root, -1, {}, 1}};
  llvm::DenseSet<const FunctionDecl *> Visited{Root};
  std::optional<EffectChain> Found;
  for (size_t I = 0; I < Nodes.size() && !Found; ++I) {
    const Direct &D = direct(Nodes[I].FD);
    if (D.Primitive) {
      EffectChain C;
      C.Primitive = D.Primitive;
      C.What = D.What;
      for (int N = static_cast<int>(I); Nodes[N].Parent >= 0;
           N = Nodes[N].Parent) {
        C.Hops.insert(C.Hops.begin(), Nodes[N].Via);
        C.SameObject = C.SameObject && onThis(Nodes[N].Via.Call);
      }
      Found = std::move(C);
      break;
    }
    if (Nodes[I].Depth >= MaxDepth)
      continue;
    for (const CallHop &H : D.Calls) {
      if (Nodes.size() >= NodeBound)
        break;
      if (Visited.insert(H.Callee).second && !skipped(H.Callee))
        Nodes.push_back({H.Callee, static_cast<int>(I), H, Nodes[I].Depth + 1});
    }
  }
  return Memo[Root] = std::move(Found);
}

std::optional<EffectChain> EffectSummaries::ofCall(const Expr &Call) {
  const FunctionDecl *Callee = staticCallee(Call);
  if (!Callee || skipped(Callee))
    return std::nullopt;
  std::optional<EffectChain> C = search(Callee);
  if (C)
    C->Hops.insert(C->Hops.begin(), CallHop{&Call, Callee});
  return C;
}

std::vector<std::pair<SourceLocation, std::string>>
chainNotes(const EffectChain &C, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::vector<std::pair<SourceLocation, std::string>> Notes;
  for (size_t I = 1; I < C.Hops.size(); ++I)
    Notes.push_back({SM.getFileLoc(C.Hops[I].Call->getExprLoc()),
                     "'" + functionName(*C.Hops[I - 1].Callee) + "' calls '" +
                         functionName(*C.Hops[I].Callee) + "' here"});
  std::string Name = primitiveName(*C.Primitive, Ctx);
  Notes.push_back({SM.getFileLoc(C.Primitive->getBeginLoc()),
                   "'" + functionName(*C.Hops.back().Callee) + "' " + C.What +
                       " here" + (Name.empty() ? "" : " (" + Name + ")")});
  return Notes;
}

std::string chainText(const EffectChain &C, const ASTContext &Ctx) {
  std::string Text;
  for (const CallHop &H : C.Hops)
    Text += (Text.empty() ? "" : " -> ") + functionName(*H.Callee);
  if (const auto *Call = dyn_cast<CallExpr>(C.Primitive)) {
    if (const FunctionDecl *FD = Call->getDirectCallee())
      Text += " -> " + FD->getNameAsString();
  } else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(C.Primitive)) {
    Text += " -> " + Ctor->getType().getUnqualifiedType().getAsString(
                         Ctx.getPrintingPolicy());
  }
  return Text;
}

} // namespace clang::tidy::hotpath::analyses
