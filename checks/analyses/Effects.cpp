//===--- Effects.cpp - hotpath --------------------------------------------===//

#include "analyses/Effects.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

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

// The chain's last element in its one-line form: "fwrite", "std::thread".
std::string primitiveText(const Stmt &S, const ASTContext &Ctx) {
  if (const auto *Call = dyn_cast<CallExpr>(&S)) {
    if (const FunctionDecl *FD = Call->getDirectCallee())
      return FD->getNameAsString();
  } else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(&S)) {
    return Ctor->getType().getUnqualifiedType().getAsString(
        Ctx.getPrintingPolicy());
  }
  return "";
}

// A place for another TU: the absolute file and byte offset of \p Loc.
support::ChainStep placeOf(SourceLocation Loc, std::string Name,
                           const SourceManager &SM) {
  support::ChainStep S;
  S.Name = std::move(Name);
  auto [FID, Offset] = SM.getDecomposedLoc(SM.getFileLoc(Loc));
  S.Offset = Offset;
  if (OptionalFileEntryRef F = SM.getFileEntryRefForID(FID)) {
    llvm::SmallString<256> Path(F->getName());
    SM.getFileManager().makeAbsolutePath(Path);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    S.File = Path.str().str();
  }
  return S;
}

// The functions another TU may call into this one's main file for: defined
// there out of line, visible outside, not templates (their instances are
// made where they are used).
void definedIn(const DeclContext &DC, const SourceManager &SM,
               std::vector<const FunctionDecl *> &Out) {
  for (const Decl *D : DC.decls()) {
    if (!SM.isInMainFile(SM.getExpansionLoc(D->getLocation())))
      continue;
    if (isa<NamespaceDecl, LinkageSpecDecl>(D)) {
      definedIn(*cast<DeclContext>(D), SM, Out);
    } else if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
      if (FD->doesThisDeclarationHaveABody() && !FD->isInlined() &&
          FD->isExternallyVisible() && !FD->isDependentContext() &&
          !FD->isTemplateInstantiation())
        Out.push_back(FD);
    }
  }
}

std::vector<const FunctionDecl *> definedForOthers(ASTContext &Ctx) {
  std::vector<const FunctionDecl *> Out;
  definedIn(*Ctx.getTranslationUnitDecl(), Ctx.getSourceManager(), Out);
  return Out;
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
                                 std::vector<llvm::GlobPattern> NotThrough,
                                 unsigned MaxDepth)
    : Classify(std::move(Classify)), NotThrough(std::move(NotThrough)),
      MaxDepth(MaxDepth) {}

void EffectSummaries::clear() {
  Directs.clear();
  Memo.clear();
  Reaches.clear();
  Mangler.reset();
  PendingRoots.clear();
  UnitPrefix.clear();
  Names.clear();
}

EffectSummaries::Reach EffectSummaries::reach(const FunctionDecl *FD) {
  auto [It, New] = Reaches.try_emplace(FD, Reach::Nothing);
  if (!New)
    return It->second;
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  const FunctionDecl *Def = nullptr;
  Reach R = Reach::Nothing;
  if (FD->hasBody(Def))
    R = SM.isInSystemHeader(Def->getLocation()) ? Reach::Nothing : Reach::Body;
  else if (!SM.isInSystemHeader(FD->getLocation()) &&
           FD->isExternallyVisible() && !FD->isDependentContext() &&
           !FD->isDeleted() && !FD->isImplicit())
    R = Reach::Elsewhere;
  if (R != Reach::Nothing && !NotThrough.empty()) {
    std::string Name = "::" + FD->getQualifiedNameAsString();
    if (llvm::any_of(NotThrough,
                     [&](const llvm::GlobPattern &P) { return P.match(Name); }))
      R = Reach::Nothing;
  }
  return Reaches[FD] = R;
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

const EffectSummaries::Result &
EffectSummaries::search(const FunctionDecl *Root) {
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
  Result R;
  // The hops from the root to node \p N, and whether all are on `this`.
  auto PathTo = [&](int N, bool &SameObject) {
    std::vector<CallHop> Hops;
    for (; Nodes[N].Parent >= 0; N = Nodes[N].Parent) {
      Hops.insert(Hops.begin(), Nodes[N].Via);
      SameObject = SameObject && onThis(Nodes[N].Via.Call);
    }
    return Hops;
  };
  for (size_t I = 0; I < Nodes.size(); ++I) {
    const Direct &D = direct(Nodes[I].FD);
    if (D.Primitive) {
      EffectChain C;
      C.Primitive = D.Primitive;
      C.What = D.What;
      C.Hops = PathTo(static_cast<int>(I), C.SameObject);
      R.Found = std::move(C);
      break;
    }
    if (Nodes[I].Depth >= MaxDepth)
      continue;
    for (const CallHop &H : D.Calls) {
      if (Nodes.size() >= NodeBound)
        break;
      if (!Visited.insert(H.Callee).second)
        continue;
      switch (reach(H.Callee)) {
      case Reach::Body:
        Nodes.push_back({H.Callee, static_cast<int>(I), H, Nodes[I].Depth + 1});
        break;
      case Reach::Elsewhere:
        R.Leaves = true;
        break;
      case Reach::Nothing:
        break;
      }
    }
  }
  return Memo[Root] = std::move(R);
}

std::optional<EffectChain> EffectSummaries::ofCall(const Expr &Call) {
  const FunctionDecl *Callee = staticCallee(Call);
  if (!Callee || reach(Callee) != Reach::Body)
    return std::nullopt;
  std::optional<EffectChain> C = search(Callee).Found;
  if (C)
    C->Hops.insert(C->Hops.begin(), CallHop{&Call, Callee});
  return C;
}

std::string EffectSummaries::nodeName(const FunctionDecl &FD) {
  auto [It, New] = Names.try_emplace(&FD);
  if (New)
    It->second = mangledName(FD);
  return It->second;
}

std::string EffectSummaries::mangledName(const FunctionDecl &FD) {
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  // Only this TU's records name a function other TUs cannot call (internal
  // linkage, or a dependent one the mangler must not see): by the digest of
  // the main file (not its path, which a distributed compile makes a
  // temporary) and where it is declared.
  if (!FD.isExternallyVisible() || FD.isDependentContext()) {
    const SourceManager &SM = FD.getASTContext().getSourceManager();
    if (UnitPrefix.empty())
      UnitPrefix = llvm::utohexstr(llvm::xxh3_64bits(
                       SM.getBufferData(SM.getMainFileID()))) +
                   "#";
    support::ChainStep At =
        placeOf(FD.getCanonicalDecl()->getLocation(), "", SM);
    OS << UnitPrefix << At.File << ':' << At.Offset;
    return Name;
  }
  if (!Mangler)
    Mangler.reset(FD.getASTContext().createMangleContext());
  if (!Mangler->shouldMangleDeclName(&FD)) {
    OS << FD.getName(); // extern "C"
    return Name;
  }
  // Constructors and destructors are mangled as one of their variants.
  if (const auto *C = dyn_cast<CXXConstructorDecl>(&FD))
    Mangler->mangleName(GlobalDecl(C, Ctor_Complete), OS);
  else if (const auto *D = dyn_cast<CXXDestructorDecl>(&FD))
    Mangler->mangleName(GlobalDecl(D, Dtor_Complete), OS);
  else
    Mangler->mangleName(GlobalDecl(&FD), OS);
  return Name;
}

support::ChainStep EffectSummaries::step(const CallHop &H) {
  return placeOf(H.Call->getExprLoc(), functionName(*H.Callee),
                 H.Callee->getASTContext().getSourceManager());
}

std::optional<support::PendingRecord>
EffectSummaries::pendingOfCall(const Expr &Call) {
  const FunctionDecl *Callee = staticCallee(Call);
  if (!Callee)
    return std::nullopt;
  switch (reach(Callee)) {
  case Reach::Nothing:
    return std::nullopt;
  case Reach::Body: {
    const Result &R = search(Callee);
    if (R.Found || !R.Leaves)
      return std::nullopt;
    PendingRoots.push_back(Callee);
    break;
  }
  case Reach::Elsewhere:
    break;
  }
  support::PendingRecord P;
  P.Root = nodeName(*Callee);
  P.At = step({&Call, Callee});
  P.MaxDepth = MaxDepth;
  return P;
}

std::vector<support::FunctionRecord> EffectSummaries::records(ASTContext &Ctx) {
  const std::vector<const FunctionDecl *> Defined = definedForOthers(Ctx);
  // The graph of bodies reachable from what other TUs may call, each
  // function once; NodeBound per root keeps a pathological TU bounded.
  std::vector<const FunctionDecl *> Work;
  llvm::DenseMap<const FunctionDecl *, unsigned> Index;
  // One node per function, whichever declaration a call names.
  auto Add = [&](const FunctionDecl *FD) {
    if (Index.try_emplace(FD->getCanonicalDecl(), Work.size()).second)
      Work.push_back(FD);
  };
  llvm::for_each(Defined, Add);
  llvm::for_each(PendingRoots, Add);
  const size_t Bound = NodeBound * (Work.size() + 1);
  for (size_t I = 0; I < Work.size() && Work.size() < Bound; ++I)
    if (reach(Work[I]) == Reach::Body && !direct(Work[I]).Primitive)
      for (const CallHop &H : direct(Work[I]).Calls)
        if (reach(H.Callee) == Reach::Body)
          Add(H.Callee);
  // Only what may lead to an effect goes out: a function with a primitive,
  // or one that calls into another TU or into such a function. Most of a
  // TU's functions (accessors, leaves) lead nowhere.
  std::vector<bool> Leads(Work.size(), false);
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (size_t I = Work.size(); I-- > 0;) {
      if (Leads[I] || reach(Work[I]) != Reach::Body)
        continue;
      const Direct &D = direct(Work[I]);
      bool L = D.Primitive != nullptr;
      for (size_t C = 0; !L && C < D.Calls.size(); ++C) {
        Reach R = reach(D.Calls[C].Callee);
        auto It = Index.find(D.Calls[C].Callee->getCanonicalDecl());
        L = R == Reach::Elsewhere ||
            (R == Reach::Body && It != Index.end() && Leads[It->second]);
      }
      if (L)
        Leads[I] = Changed = true;
    }
  }
  std::vector<support::FunctionRecord> Out;
  for (size_t I = 0; I < Work.size(); ++I) {
    if (!Leads[I])
      continue;
    const Direct &D = direct(Work[I]);
    support::FunctionRecord Rec;
    Rec.Function = nodeName(*Work[I]);
    if (D.Primitive) {
      support::PrimitiveRecord P;
      P.At = placeOf(D.Primitive->getBeginLoc(),
                     primitiveName(*D.Primitive, Ctx), Ctx.getSourceManager());
      P.Text = primitiveText(*D.Primitive, Ctx);
      P.What = D.What;
      P.Tag = Tag ? Tag(*D.Primitive) : "";
      Rec.Primitive = std::move(P);
    } else {
      for (const CallHop &H : D.Calls) {
        auto It = Index.find(H.Callee->getCanonicalDecl());
        if (reach(H.Callee) == Reach::Elsewhere ||
            (It != Index.end() && Leads[It->second]))
          Rec.Calls.push_back({nodeName(*H.Callee), step(H), onThis(H.Call)});
      }
    }
    Out.push_back(std::move(Rec));
  }
  return Out;
}

std::vector<std::pair<SourceLocation, std::string>>
chainNotes(const EffectChain &C, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::vector<std::pair<SourceLocation, std::string>> Notes;
  for (size_t I = 1; I < C.Hops.size(); ++I)
    Notes.push_back({SM.getFileLoc(C.Hops[I].Call->getExprLoc()),
                     support::hopNoteText(functionName(*C.Hops[I - 1].Callee),
                                          functionName(*C.Hops[I].Callee))});
  Notes.push_back(
      {SM.getFileLoc(C.Primitive->getBeginLoc()),
       support::primitiveNoteText(functionName(*C.Hops.back().Callee), C.What,
                                  primitiveName(*C.Primitive, Ctx))});
  return Notes;
}

std::string chainText(const EffectChain &C, const ASTContext &Ctx) {
  std::string Text;
  for (const CallHop &H : C.Hops)
    support::appendChainLine(Text, functionName(*H.Callee));
  support::appendChainLine(Text, primitiveText(*C.Primitive, Ctx));
  return Text;
}

} // namespace clang::tidy::hotpath::analyses
