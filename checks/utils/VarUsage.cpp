//===--- VarUsage.cpp - hotpath -------------------------------------------===//
//
// The per-function index of every local's uses and its cache; how one use is
// classified is VarUseClimb.cpp.

#include "VarUsage.h"
#include "LoopContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::hotpath::utils {

const VarUse *VarUses::first(unsigned Kinds) const {
  for (const VarUse &U : Uses)
    if (U.Kinds & Kinds)
      return &U;
  return nullptr;
}

bool isGrowthMethod(StringRef Name) {
  static constexpr llvm::StringLiteral Names[] = {
      "push_back",       "emplace_back", "emplace",    "insert",
      "append",          "operator+=",   "push_front", "emplace_front",
      "try_emplace",     "emplace_hint", "resize",     "assign",
      "insert_or_assign"};
  return llvm::is_contained(Names, Name);
}

bool hasConstOverload(const CXXMethodDecl &MD) {
  if (MD.isConst())
    return true;
  const CXXRecordDecl *RD = MD.getParent();
  if (!RD)
    return false;
  for (const NamedDecl *ND : RD->lookup(MD.getDeclName())) {
    // The lookup also yields using-declarations (`using Base::at;`), their
    // shadows and, in templates, unresolved using-declarations: only some
    // of them stand for a function.
    const auto *Other = dyn_cast_or_null<CXXMethodDecl>(
        ND->getUnderlyingDecl()->getAsFunction());
    if (Other && Other != &MD && Other->isConst() &&
        Other->getNumParams() == MD.getNumParams())
      return true;
  }
  return false;
}

// The standard library's emplace family and make_* take their arguments by
// forwarding reference: an lvalue binds as `T&`, but it is only copied into
// the new element (`v.emplace_back(i)` reads `i`).
bool copiesFromForwardedLvalue(const FunctionDecl &FD) {
  if (!FD.getIdentifier() || !FD.isTemplateInstantiation())
    return false;
  StringRef Name = FD.getName();
  if (!Name.starts_with("emplace") && Name != "try_emplace" &&
      !Name.starts_with("make_"))
    return false;
  const DeclContext *DC = FD.getDeclContext();
  while (DC && !DC->isFileContext())
    DC = DC->getParent(); // out of the class
  while (DC && DC->isInlineNamespace())
    DC = DC->getParent(); // libc++'s std::__1
  return DC && DC->isStdNamespace();
}

const Stmt *enclosingBody(const VarDecl &Var) {
  const DeclContext *DC = Var.getParentFunctionOrMethod();
  if (const auto *FD = dyn_cast_or_null<FunctionDecl>(DC))
    return FD->getBody();
  if (const auto *BD = dyn_cast_or_null<BlockDecl>(DC))
    return BD->getBody();
  return nullptr;
}

namespace {

struct Index {
  llvm::DenseMap<const VarDecl *, VarUses> &Map;
  llvm::DenseMap<const Stmt *, const Stmt *> &Parents;
  llvm::DenseMap<const VarDecl *, const DeclStmt *> &DeclStmts;
  std::vector<const Stmt *> &Order;
};

void walk(const Stmt *S, llvm::SmallVectorImpl<const Stmt *> &Stack,
          ASTContext &Ctx, const UsageVocabulary &Vocab, Index &Out) {
  if (!S)
    return;
  if (!Stack.empty())
    Out.Parents.try_emplace(S, Stack.back());
  Out.Order.push_back(S);
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        Out.DeclStmts.try_emplace(VD, DS);
  auto &Map = Out.Map;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
      if (VD->isLocalVarDeclOrParm()) {
        VarUse U = classifyUse(*Ref, Stack, Ctx, Vocab);
        VarUses &Entry = Map[VD];
        Entry.All |= U.Kinds;
        Entry.Uses.push_back(U);
      }
    return;
  }
  Stack.push_back(S);
  for (const Stmt *Child : S->children())
    walk(Child, Stack, Ctx, Vocab, Out);
  Stack.pop_back();
}

} // namespace

FunctionUsage::FunctionUsage(const Stmt &Body, ASTContext &Ctx,
                             const UsageVocabulary &Vocab) {
  llvm::SmallVector<const Stmt *, 32> Stack;
  Index Out{Map, Parents, DeclStmts, Order};
  walk(&Body, Stack, Ctx, Vocab, Out);
}

llvm::SmallVector<const Stmt *, 4>
FunctionUsage::loopsAround(const Stmt &S) const {
  return enclosingLoops(S, [this](const Stmt *C) { return parentOf(C); });
}

const VarUses &FunctionUsage::uses(const VarDecl *Var) const {
  auto It = Map.find(Var);
  return It == Map.end() ? Empty : It->second;
}

const FunctionUsage &UsageCache::get(const Stmt &Body, ASTContext &Ctx) {
  std::unique_ptr<FunctionUsage> &Slot = Cache[&Body];
  if (!Slot)
    Slot = std::make_unique<FunctionUsage>(Body, Ctx, Vocab);
  return *Slot;
}

} // namespace clang::tidy::hotpath::utils
