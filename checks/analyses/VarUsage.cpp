//===--- VarUsage.cpp - hotpath -------------------------------------------===//
//
// The per-function index of every local's uses and its cache; how one use is
// classified is VarUseClimb.cpp.

#include "analyses/VarUsage.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::hotpath::analyses {

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

FunctionUsage::FunctionUsage(const Stmt &Body, ASTContext &Ctx,
                             const UsageVocabulary &Vocab)
    : BodyIndex(Body, Unbuilt{}) {
  build([&](const Stmt &S, llvm::ArrayRef<const Stmt *> Up) {
    const auto *Ref = dyn_cast<DeclRefExpr>(&S);
    const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!VD || !VD->isLocalVarDeclOrParm())
      return;
    VarUse U = classifyUse(*Ref, Up, Ctx, Vocab);
    VarUses &Entry = Map[VD];
    Entry.All |= U.Kinds;
    Entry.Uses.push_back(U);
  });
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

} // namespace clang::tidy::hotpath::analyses
