//===--- SyncMembers.cpp - hotpath ----------------------------------------===//

#include "analyses/SyncMembers.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::hotpath::analyses {

/// `::ns::Name`, leaving out inline namespaces (libc++'s `std::__1`).
static std::string qualifiedName(const NamedDecl &D) {
  std::string Out = "::" + D.getNameAsString();
  for (const DeclContext *DC = D.getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (!NS->isInline())
        Out = "::" + NS->getNameAsString() + Out;
    } else if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
      Out = "::" + RD->getNameAsString() + Out;
    }
  }
  return Out;
}

static bool matchesName(llvm::StringRef Qualified, llvm::StringRef Pattern) {
  if (Pattern.starts_with("::"))
    return Qualified == Pattern;
  return Qualified.ends_with(("::" + Pattern).str());
}

SyncKind syncKind(QualType T, llvm::ArrayRef<std::string> Extra) {
  if (T.isNull())
    return SyncKind::None;
  const auto *RD = T.getCanonicalType()->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier())
    return SyncKind::None;
  // Runs on every member access: compare names before building strings.
  llvm::StringRef Name = RD->getName();
  if (RD->isInStdNamespace()) {
    if (Name == "atomic") {
      if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD)) {
        const TemplateArgumentList &Args = Spec->getTemplateArgs();
        if (Args.size() > 0 && Args[0].getKind() == TemplateArgument::Type &&
            Args[0].getAsType()->isBooleanType())
          return SyncKind::Flag;
      }
      return SyncKind::Atomic;
    }
    if (Name == "atomic_flag")
      return SyncKind::Atomic; // a spin lock far more often than a flag
    if (Name == "mutex" || Name == "shared_mutex" || Name == "timed_mutex" ||
        Name == "recursive_mutex" || Name == "recursive_timed_mutex" ||
        Name == "shared_timed_mutex")
      return SyncKind::Mutex;
    if (Name == "condition_variable" || Name == "condition_variable_any")
      return SyncKind::CondVar;
  }
  for (const std::string &E : Extra) {
    llvm::StringRef Last = llvm::StringRef(E).rsplit("::").second;
    if (Last.empty())
      Last = E;
    if (Last == Name && matchesName(qualifiedName(*RD), E))
      return SyncKind::Other;
  }
  return SyncKind::None;
}

/// The mutex (member or variable) a lock guard or a lock() call names.
static const ValueDecl *lockedObject(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->getMemberDecl();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl();
  return nullptr;
}

void noteLocksTakenBy(const Stmt &S,
                      llvm::SmallVectorImpl<const ValueDecl *> &Held) {
  if (const auto *DS = dyn_cast<DeclStmt>(&S)) {
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD || !VD->getInit())
        continue;
      const CXXRecordDecl *RD = VD->getType()->getAsCXXRecordDecl();
      const auto *CE =
          dyn_cast<CXXConstructExpr>(VD->getInit()->IgnoreImplicit());
      if (RD && RD->getIdentifier() &&
          RD->getName().contains_insensitive("lock") && CE &&
          CE->getNumArgs() > 0)
        if (const ValueDecl *M = lockedObject(CE->getArg(0)))
          Held.push_back(M);
    }
  } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(&S)) {
    const CXXMethodDecl *M = MC->getMethodDecl();
    if (M && M->getIdentifier() && M->getName() == "lock")
      if (const ValueDecl *Obj = lockedObject(MC->getImplicitObjectArgument()))
        Held.push_back(Obj);
  }
}

bool isWrite(const Expr &Node, const Stmt *Parent) {
  if (!Parent)
    return true;
  if (const auto *ME = dyn_cast<MemberExpr>(Parent)) {
    if (ME->getBase()->IgnoreParenImpCasts() != &Node)
      return true;
    const auto *M = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
    if (!M)
      return true;
    if (isa<CXXConversionDecl>(M))
      return false;
    if (!M->getDeclName().isIdentifier())
      return true;
    llvm::StringRef Name = M->getName();
    return !(Name == "load" || Name == "test" || Name == "is_lock_free" ||
             Name == "wait");
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Parent)) {
    if (Op->getNumArgs() == 0 || Op->getArg(0)->IgnoreParenImpCasts() != &Node)
      return true;
    switch (Op->getOperator()) {
    case OO_Equal:
    case OO_PlusPlus:
    case OO_MinusMinus:
    case OO_PlusEqual:
    case OO_MinusEqual:
    case OO_AmpEqual:
    case OO_PipeEqual:
    case OO_CaretEqual:
      return true;
    default:
      return false;
    }
  }
  return true;
}

} // namespace clang::tidy::hotpath::analyses
