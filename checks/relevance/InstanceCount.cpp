//===--- InstanceCount.cpp - hotpath --------------------------------------===//

#include "relevance/InstanceCount.h"
#include "analyses/RecordType.h"
#include "analyses/TripCount.h"
#include "support/NodeFilters.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include <algorithm>

using namespace clang::ast_matchers;

namespace clang::tidy::hotpath::relevance {

namespace {

AST_MATCHER(DeclaratorDecl, hasArrayOfRecordsType) {
  const Type *T = Node.getType().getTypePtrOrNull();
  return T && T->isArrayType() && T->getBaseElementTypeUnsafe()->isRecordType();
}

/// Standard containers whose element type can be a record.
const char *const ContainerNames[] = {"vector",
                                      "deque",
                                      "array",
                                      "list",
                                      "forward_list",
                                      "set",
                                      "multiset",
                                      "map",
                                      "multimap",
                                      "unordered_set",
                                      "unordered_multiset",
                                      "unordered_map",
                                      "unordered_multimap",
                                      "valarray"};

} // namespace

void ManyInstances::registerMatchers(MatchFinder &Finder,
                                     MatchFinder::MatchCallback &Callback) {
  auto NotSystem = support::isInUserCode();
  Finder.addMatcher(
      varDecl(hasArrayOfRecordsType(), NotSystem).bind("many.array"),
      &Callback);
  Finder.addMatcher(
      fieldDecl(hasArrayOfRecordsType(), NotSystem).bind("many.array"),
      &Callback);
  Finder.addMatcher(cxxNewExpr(NotSystem).bind("many.new"), &Callback);
  Finder.addMatcher(
      callExpr(support::calleeNameIsOneOf(
                   {"make_unique", "make_shared", "allocate_shared"}),
               NotSystem,
               callee(functionDecl(hasAnyName("::std::make_unique",
                                              "::std::make_shared",
                                              "::std::allocate_shared"))))
          .bind("many.make"),
      &Callback);
  // One matcher per loop kind: MatchFinder dispatches on the node kind, so
  // the other statements of the TU never see them.
  Finder.addMatcher(forStmt(NotSystem).bind("many.loop"), &Callback);
  Finder.addMatcher(cxxForRangeStmt(NotSystem).bind("many.loop"), &Callback);
  Finder.addMatcher(whileStmt(NotSystem).bind("many.loop"), &Callback);
  Finder.addMatcher(doStmt(NotSystem).bind("many.loop"), &Callback);
}

bool ManyInstances::handle(const MatchFinder::MatchResult &Result) {
  if (const auto *D = Result.Nodes.getNodeAs<DeclaratorDecl>("many.array")) {
    note(D->getType(), "it is the element type of an array in this file, so "
                       "every element carries the padding");
    return true;
  }
  if (const auto *New = Result.Nodes.getNodeAs<CXXNewExpr>("many.new")) {
    if (New->isArray())
      note(New->getAllocatedType(),
           "it is the element type of an array allocated with new[] in this "
           "file, so every element carries the padding");
    else
      Allocations.push_back({New->getAllocatedType(), New->getBeginLoc()});
    return true;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("many.make")) {
    if (const FunctionDecl *FD = Call->getDirectCallee())
      if (const TemplateArgumentList *Args =
              FD->getTemplateSpecializationArgs())
        if (Args->size() > 0 &&
            Args->get(0).getKind() == TemplateArgument::Type)
          Allocations.push_back(
              {Args->get(0).getAsType(), Call->getBeginLoc()});
    return true;
  }
  if (const auto *Loop = Result.Nodes.getNodeAs<Stmt>("many.loop")) {
    if (const Stmt *Body = analyses::loopBody(*Loop))
      LoopBodies.push_back(Body->getSourceRange());
    return true;
  }
  return false;
}

void ManyInstances::note(QualType T, std::string What) {
  if (const RecordDecl *RD = analyses::canonicalRecordOf(T))
    Many.try_emplace(RD, std::move(What));
}

void ManyInstances::finish(ASTContext &Ctx) {
  // Elements of the standard containers this TU instantiates.
  PrintingPolicy Policy = Ctx.getPrintingPolicy();
  Policy.SuppressTagKeyword = true;
  IdentifierInfo &Std = Ctx.Idents.get("std");
  llvm::SmallVector<const DeclContext *, 4> Scopes;
  for (const NamedDecl *D : Ctx.getTranslationUnitDecl()->lookup(&Std))
    if (const auto *NS = dyn_cast<NamespaceDecl>(D)) {
      Scopes.push_back(NS);
      for (const Decl *Inner : NS->decls()) // libc++'s std::__1
        if (const auto *INS = dyn_cast<NamespaceDecl>(Inner))
          if (INS->isInline())
            Scopes.push_back(INS);
    }
  for (const DeclContext *Scope : Scopes)
    for (const char *Name : ContainerNames)
      for (const NamedDecl *D : Scope->lookup(&Ctx.Idents.get(Name))) {
        const auto *Template = dyn_cast<ClassTemplateDecl>(D);
        if (!Template)
          continue;
        bool IsMap = StringRef(Name).ends_with("map");
        for (const ClassTemplateSpecializationDecl *Spec :
             Template->specializations()) {
          const TemplateArgumentList &Args = Spec->getTemplateArgs();
          for (unsigned I = 0; I < Args.size() && I < (IsMap ? 2u : 1u); ++I)
            if (Args[I].getKind() == TemplateArgument::Type)
              note(Args[I].getAsType(),
                   "it is the element type of '" +
                       analyses::recordType(Ctx, Spec).getAsString(Policy) +
                       "' in this file, so every element carries the padding");
        }
      }

  // Allocations inside a loop body: one object per item. Loop bodies are
  // few; a sorted sweep would only matter for very large files.
  const SourceManager &SM = Ctx.getSourceManager();
  for (const auto &[T, Loc] : Allocations) {
    SourceLocation L = SM.getExpansionLoc(Loc);
    bool InLoop = llvm::any_of(LoopBodies, [&](SourceRange R) {
      SourceLocation B = SM.getExpansionLoc(R.getBegin());
      SourceLocation E = SM.getExpansionLoc(R.getEnd());
      return !SM.isBeforeInTranslationUnit(L, B) &&
             !SM.isBeforeInTranslationUnit(E, L);
    });
    if (InLoop)
      note(T, "it is allocated inside a loop in this file, one object per "
              "iteration");
  }

  // Held by value in a record that exists many times (a few levels deep).
  std::vector<const RecordDecl *> Work;
  for (const auto &KV : Many)
    Work.push_back(KV.first);
  for (unsigned Round = 0; Round < 4 && !Work.empty(); ++Round) {
    std::vector<const RecordDecl *> Next;
    for (const RecordDecl *Outer : Work) {
      const RecordDecl *Def = Outer->getDefinition();
      if (!Def)
        continue;
      for (const FieldDecl *FD : Def->fields()) {
        QualType T = FD->getType();
        if (T->isReferenceType())
          continue;
        if (T->isArrayType())
          T = QualType(T->getBaseElementTypeUnsafe(), 0);
        const RecordDecl *Inner = analyses::canonicalRecordOf(T);
        if (!Inner || !T->isRecordType())
          continue;
        std::string OuterName = Outer->getNameAsString();
        if (Many.try_emplace(Inner, "it is held by value in '" + OuterName +
                                        "', which exists many times")
                .second)
          Next.push_back(Inner);
      }
    }
    Work = std::move(Next);
  }
}

std::string ManyInstances::why(const RecordDecl &RD) const {
  auto It = Many.find(cast<RecordDecl>(RD.getCanonicalDecl()));
  return It == Many.end() ? std::string() : It->second;
}

void ManyInstances::clear() {
  Many.clear();
  Allocations.clear();
  LoopBodies.clear();
}

} // namespace clang::tidy::hotpath::relevance
