//===--- NodeFilters.h - hotpath --------------------------------*- C++ -*-===//
//
// Cheap first tests for the checks' top-level matchers.
//
// MatchFinder runs a matcher on every node of its kind in the translation
// unit, the instantiations in system headers included, and every nested
// matcher is one more DynTypedMatcher dispatch (a traversal-kind scope, the
// ignored-node lookup, the kind test) before it tests anything. A matcher
// such as `varDecl(unless(parmVarDecl()), hasLocalStorage(),
// unless(isExpansionInSystemHeader()), hasType(...))` paid five of them for
// every parameter of every instantiated library function. The matchers here
// do the same tests in one call, cheapest first, so that almost every node
// is turned away after one dispatch; the precise matcher that follows them
// runs only on what is left (callgrind over leveldb's db_impl.cc,
// docs/corpus.md "Speed").
//
// Each filter accepts a superset of what the matcher after it accepts: a
// name filter compares the last component of a qualified name only.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_SUPPORT_NODEFILTERS_H
#define HOTPATH_CHECKS_SUPPORT_NODEFILTERS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/STLExtras.h"
#include <string>
#include <vector>

namespace clang::tidy::hotpath::support {

/// The identifiers that \p Names (possibly qualified: `::std::vector`) end
/// in, for the name filters below.
template <typename Range>
std::vector<std::string> lastNameComponents(const Range &Names) {
  std::vector<std::string> Out;
  for (const auto &N : Names) {
    llvm::StringRef S(N);
    size_t Colon = S.rfind("::");
    Out.push_back(
        (Colon == llvm::StringRef::npos ? S : S.drop_front(Colon + 2)).str());
  }
  return Out;
}

namespace detail {
inline bool isNamedOneOf(const NamedDecl *D,
                         const std::vector<std::string> &Names) {
  const IdentifierInfo *II = D ? D->getIdentifier() : nullptr;
  return II && llvm::is_contained(Names, II->getName());
}

} // namespace detail

/// The test of `unless(isExpansionInSystemHeader())`, for a check's own
/// matchers that combine it with cheaper ones.
template <typename NodeT> bool inUserCode(const NodeT &Node, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation L = SM.getExpansionLoc(Node.getBeginLoc());
  return L.isInvalid() || !SM.isInSystemHeader(L);
}

/// `unless(isExpansionInSystemHeader())` in one dispatch.
AST_POLYMORPHIC_MATCHER(isInUserCode,
                        AST_POLYMORPHIC_SUPPORTED_TYPES(Decl, Stmt)) {
  return inUserCode(Node, Finder->getASTContext());
}

/// A variable with automatic storage that is not a parameter, outside
/// system headers: `unless(parmVarDecl()), hasLocalStorage(),
/// unless(isExpansionInSystemHeader())`.
AST_MATCHER(VarDecl, isUserLocalVariable) {
  return !isa<ParmVarDecl>(Node) && Node.hasLocalStorage() &&
         inUserCode(Node, Finder->getASTContext());
}

/// `isDefinition(), unless(isExpansionInSystemHeader())` for functions.
AST_MATCHER(FunctionDecl, isUserFunctionDefinition) {
  return Node.isThisDeclarationADefinition() &&
         inUserCode(Node, Finder->getASTContext());
}

/// `isDefinition(), hasBody(stmt()), unless(isExpansionInSystemHeader())`.
AST_MATCHER(FunctionDecl, isUserFunctionWithBody) {
  return Node.isThisDeclarationADefinition() &&
         Node.doesThisDeclarationHaveABody() && Node.getBody() &&
         inUserCode(Node, Finder->getASTContext());
}

/// `isDefinition(), unless(isImplicit()), unless(isExpansionInSystemHeader())`
/// for records (the implicit one is every class's injected class name).
AST_MATCHER(RecordDecl, isUserRecordDefinition) {
  return !Node.isImplicit() && Node.isThisDeclarationADefinition() &&
         inUserCode(Node, Finder->getASTContext());
}

/// The call's callee (a function or a method) is named one of \p Names.
AST_MATCHER_P(CallExpr, calleeNameIsOneOf, std::vector<std::string>, Names) {
  return detail::isNamedOneOf(dyn_cast_or_null<NamedDecl>(Node.getCalleeDecl()),
                              Names);
}

/// The constructed class is named one of \p Names.
AST_MATCHER_P(CXXConstructExpr, constructsClassNamedOneOf,
              std::vector<std::string>, Names) {
  const CXXConstructorDecl *Ctor = Node.getConstructor();
  return Ctor && detail::isNamedOneOf(Ctor->getParent(), Names);
}

/// The declaration's type, desugared, is a record named one of \p Names, or
/// (in a template's pattern) a specialization of a template named so.
AST_MATCHER_P(ValueDecl, typeIsRecordNamedOneOf, std::vector<std::string>,
              Names) {
  const Type *T = Node.getType()->getUnqualifiedDesugaredType();
  if (const auto *RT = dyn_cast<RecordType>(T))
    return detail::isNamedOneOf(RT->getDecl(), Names);
  if (const auto *TST = dyn_cast<TemplateSpecializationType>(T)) {
    const TemplateDecl *TD = TST->getTemplateName().getAsTemplateDecl();
    return !TD || detail::isNamedOneOf(TD, Names);
  }
  return false;
}

} // namespace clang::tidy::hotpath::support

#endif // HOTPATH_CHECKS_SUPPORT_NODEFILTERS_H
