//===--- UnnecessaryHeapCheck.cpp - hotpath -------------------------------===//

#include "UnnecessaryHeapCheck.h"
#include "analyses/Containers.h"
#include "support/NodeFilters.h"
#include "support/OptionList.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::hotpath {

UnnecessaryHeapCheck::UnnecessaryHeapCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : HotpathCheck(Name, Context),
      MaxStackBytes(Config.get("MaxStackBytes", 1024U)),
      OwningPointerTypes(
          Config.getList("OwningPointerTypes", "::std::unique_ptr")) {}

void UnnecessaryHeapCheck::registerMatchers(MatchFinder *Finder) {
  auto Owning = qualType(hasUnqualifiedDesugaredType(recordType(
      hasDeclaration(cxxRecordDecl(hasAnyName(OwningPointerTypes))))));
  // One matcher for both shapes: MatchFinder offers every variable of the
  // TU, parameters of library instantiations included, to each top-level
  // matcher (support/NodeFilters.h).
  Finder->addMatcher(
      varDecl(support::isUserLocalVariable(),
              anyOf(allOf(support::typeIsRecordNamedOneOf(
                              support::lastNameComponents(OwningPointerTypes)),
                          hasType(Owning), hasInitializer(expr())),
                    allOf(hasType(pointerType()),
                          hasInitializer(ignoringParenImpCasts(cxxNewExpr())))))
          .bind("var"),
      this);
}

// The object type allocated by the initializer of an owning pointer:
// `std::make_unique<T>(...)`, `new T(...)`, `unique_ptr<T>(new T)`.
static QualType allocatedType(const Expr *Init) {
  const Expr *E = analyses::peel(Init);
  if (const auto *C = dyn_cast_or_null<CXXConstructExpr>(E)) {
    if (C->getNumArgs() == 0)
      return {};
    E = analyses::peel(C->getArg(0));
  }
  if (const auto *New = dyn_cast_or_null<CXXNewExpr>(E)) {
    if (New->isArray() || New->getNumPlacementArgs() > 0)
      return {};
    return New->getAllocatedType();
  }
  const auto *Call = dyn_cast_or_null<CallExpr>(E);
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  if (!FD || !FD->getDeclName().isIdentifier() ||
      FD->getName() != "make_unique" || !FD->isInStdNamespace())
    return {};
  const TemplateArgumentList *Args = FD->getTemplateSpecializationArgs();
  if (!Args || Args->size() < 1 ||
      Args->get(0).getKind() != TemplateArgument::Type)
    return {};
  return Args->get(0).getAsType();
}

// The source between the first and the last of \p Args; "" in a macro.
static std::string argsText(llvm::ArrayRef<const Expr *> Args,
                            const ASTContext &Ctx) {
  if (Args.empty())
    return "";
  SourceRange R(Args.front()->getBeginLoc(), Args.back()->getEndLoc());
  if (R.getBegin().isMacroID() || R.getEnd().isMacroID())
    return "";
  return Lexer::getSourceText(CharSourceRange::getTokenRange(R),
                              Ctx.getSourceManager(), Ctx.getLangOpts())
      .str();
}

// How the stack object is declared so that it is built as the allocation
// built it: `T name(args);` with the constructor's arguments, `T name{};`
// for a value-initialised object without a constructor of its own, else
// `T name;`; "" when that cannot be said (a type without a default
// constructor whose arguments are spelled in a macro).
static std::string stackSpelling(const Expr *Init, QualType T, StringRef Name,
                                 const ASTContext &Ctx) {
  const Expr *E = analyses::peel(Init);
  if (const auto *C = dyn_cast_or_null<CXXConstructExpr>(E))
    E = analyses::peel(C->getArg(0));
  std::vector<const Expr *> Args;
  bool Braced = false, ValueInit = true;
  if (const auto *New = dyn_cast_or_null<CXXNewExpr>(E)) {
    const Expr *I = New->getInitializer();
    ValueInit = I != nullptr;
    if (const auto *L = dyn_cast_or_null<InitListExpr>(I)) {
      Braced = true;
      Args.assign(L->inits().begin(), L->inits().end());
    } else if (const auto *P = dyn_cast_or_null<ParenListExpr>(I)) {
      for (unsigned I = 0; I < P->getNumExprs(); ++I)
        Args.push_back(P->getExpr(I));
    } else if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(I)) {
      for (const Expr *A : CE->arguments())
        if (!isa<CXXDefaultArgExpr>(A))
          Args.push_back(A);
      Braced = CE->isListInitialization();
    } else if (I && !isa<ImplicitValueInitExpr>(I)) {
      Args.push_back(I);
    }
  } else if (const auto *Call = dyn_cast_or_null<CallExpr>(E)) {
    Args.assign(Call->arguments().begin(), Call->arguments().end());
  }
  std::string Type =
      T.getUnqualifiedType().getAsString(Ctx.getPrintingPolicy());
  std::string Text = argsText(Args, Ctx);
  if (!Args.empty())
    return Text.empty() ? ""
                        : Type + " " + Name.str() + (Braced ? "{" : "(") +
                              Text + (Braced ? "};" : ");");
  const auto *RD = T->getAsCXXRecordDecl();
  if (RD && !RD->hasDefaultConstructor())
    return "";
  bool OwnConstructor = RD && !RD->hasTrivialDefaultConstructor();
  return Type + " " + Name.str() + (ValueInit && !OwnConstructor ? "{};" : ";");
}

// The pointee of `std::unique_ptr<T>` (with the default deleter) or `T *`.
static QualType pointeeOf(QualType T) {
  if (T->isPointerType())
    return T->getPointeeType();
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() < 1)
    return {};
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args.size() == 2) {
    const auto *Deleter = Args[1].getKind() == TemplateArgument::Type
                              ? Args[1].getAsType()->getAsCXXRecordDecl()
                              : nullptr;
    if (!Deleter || Deleter->getName() != "default_delete")
      return {};
  }
  return Args[0].getKind() == TemplateArgument::Type ? Args[0].getAsType()
                                                     : QualType();
}

// `delete p;` before the end of p's block, for an object whose destructor
// does something: the code after it relies on the object being gone (a test
// checks that a destructor ran, pugixml and onetbb's tests do), which a
// stack object would not be until the block ends.
static bool deletedBeforeScopeEnd(const VarDecl &Var, QualType Allocated,
                                  const analyses::VarUses &Uses,
                                  const analyses::FunctionUsage &FU) {
  const auto *RD = Allocated->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition() || RD->hasTrivialDestructor())
    return false;
  const DeclStmt *DS = FU.declStmtOf(&Var);
  const auto *Block =
      DS ? dyn_cast_or_null<CompoundStmt>(FU.parentOf(DS)) : nullptr;
  if (!Block || Block->body_empty())
    return true; // no block to compare with: do not guess
  for (const analyses::VarUse &U : Uses.Uses) {
    if (!(U.Kinds & analyses::UseDelete))
      continue;
    // The statement of the block that holds the delete.
    const Stmt *S = U.Ref;
    while (S && FU.parentOf(S) != Block)
      S = FU.parentOf(S);
    if (!S)
      return true;
    const Stmt *Last = Block->body_back();
    const Stmt *BeforeLast = Block->size() >= 2
                                 ? *(Block->body_begin() + (Block->size() - 2))
                                 : nullptr;
    if (S != Last && !(isa<ReturnStmt>(Last) && S == BeforeLast))
      return true;
  }
  return false;
}

void UnnecessaryHeapCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const auto *Var = Result.Nodes.getNodeAs<VarDecl>("var");
  if (!Var || !Var->isLocalVarDecl() || Var->isStaticLocal() ||
      Var->getType()->isDependentType() || !Var->getInit() ||
      analyses::isInInstantiation(*Var))
    return;
  QualType Allocated = allocatedType(Var->getInit());
  QualType Pointee = pointeeOf(Var->getType());
  if (Allocated.isNull() || Pointee.isNull() || Allocated->isDependentType() ||
      Allocated->isArrayType() || Allocated->isIncompleteType() ||
      !Ctx.hasSameUnqualifiedType(Allocated, Pointee))
    return;
  if (const auto *RD = Allocated->getAsCXXRecordDecl())
    if (RD->isAbstract())
      return;
  uint64_t Bytes = Ctx.getTypeSizeInChars(Allocated).getQuantity();
  if (Bytes > MaxStackBytes)
    return;
  const Stmt *Body = analyses::enclosingBody(*Var);
  if (!Body)
    return;
  const analyses::FunctionUsage &FU = Usage.get(*Body, Ctx);
  // Inside a loop the allocation is hotpath-heap-alloc-in-loop's finding.
  if (!FU.loopsAround(*Var->getInit()).empty())
    return;
  const analyses::VarUses &Uses = FU.uses(Var);
  if (Uses.has(analyses::UseMove | analyses::UseReturn | analyses::UseEscape |
               analyses::UseMutate | analyses::UseCopy | analyses::UseFill))
    return;
  bool Raw = Var->getType()->isPointerType();
  if (Raw && !Uses.has(analyses::UseDelete))
    return; // leaked or freed elsewhere: ownership is not local
  if (Raw && deletedBeforeScopeEnd(*Var, Allocated, Uses, FU))
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = SM.getFileLoc(Var->getLocation());
  const auto *Fn = cast<Decl>(Var->getParentFunctionOrMethod());
  report(
      Loc,
      relevance::runOnceAt(*Var->getInit(), Fn,
                           [&FU](const Stmt *C) { return FU.parentOf(C); }),
      SM, [&] { return Hot.ofFunction(dyn_cast<FunctionDecl>(Fn), SM); },
      [&](Finding &F) {
        std::string Spelling =
            stackSpelling(Var->getInit(), Allocated, Var->getName(), Ctx);
        F.diag("%0 owns a heap-allocated %1 (%2 bytes) that never leaves "
               "this function: the allocation and free on every call buy "
               "nothing; declare the object on the stack instead%3%4")
            << Var << Allocated.getUnqualifiedType()
            << static_cast<unsigned>(Bytes)
            << (Spelling.empty() ? "" : " ('" + Spelling + "')")
            << F.hotText({1, "heap allocations"});
      });
}

} // namespace clang::tidy::hotpath
