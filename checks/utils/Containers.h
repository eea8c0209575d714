//===--- Containers.h - hotpath -------------------------------------------===//
//
// What the allocation checks share about heap-owning containers: the default
// type lists, whether an initializer builds an empty object, and how many
// allocations building one from a braced list costs.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_UTILS_CONTAINERS_H
#define HOTPATH_CHECKS_UTILS_CONTAINERS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::hotpath::utils {

/// Every standard heap-owning container and std::basic_string.
inline constexpr char DefaultContainerTypes[] =
    "::std::vector;::std::basic_string;::std::deque;::std::list;"
    "::std::forward_list;::std::map;::std::multimap;::std::set;"
    "::std::multiset;::std::unordered_map;::std::unordered_multimap;"
    "::std::unordered_set;::std::unordered_multiset";

/// Containers whose clear() keeps the memory they allocated (the buffer,
/// the block map, the bucket array): hoisting one out of a loop saves its
/// allocations. Node-based ones (list, map, set) free every node in clear(),
/// so a hoisted one allocates as much as a fresh one (googletest's
/// gtest-param-util.h builds a std::set per iteration; nothing to gain).
inline constexpr char KeepsCapacityContainerTypes[] =
    "::std::vector;::std::basic_string;::std::deque;::std::unordered_map;"
    "::std::unordered_multimap;::std::unordered_set;::std::unordered_multiset";

/// The class behind \p T (through typedefs and sugar), or nullptr.
inline const CXXRecordDecl *recordOf(QualType T) {
  return T.isNull() ? nullptr : T->getAsCXXRecordDecl();
}

/// The same, and for a dependent specialization in a template pattern
/// (`std::vector<T>`) the class template's own definition.
inline const CXXRecordDecl *recordOrPatternOf(QualType T) {
  if (const CXXRecordDecl *RD = recordOf(T))
    return RD;
  if (T.isNull())
    return nullptr;
  const auto *TST =
      T.getNonReferenceType()->getAs<TemplateSpecializationType>();
  const auto *CTD = TST ? dyn_cast_or_null<ClassTemplateDecl>(
                              TST->getTemplateName().getAsTemplateDecl())
                        : nullptr;
  return CTD ? CTD->getTemplatedDecl() : nullptr;
}

/// True when \p RD allocates one node per element (map, set, list, ...).
inline bool isNodeContainer(const CXXRecordDecl &RD) {
  if (!RD.getDeclName().isIdentifier())
    return false;
  StringRef N = RD.getName();
  return N.contains("map") || N.contains("set") || N.ends_with("list");
}

/// True when \p RD is a hash container (one more allocation: the buckets).
inline bool isHashContainer(const CXXRecordDecl &RD) {
  return RD.getDeclName().isIdentifier() &&
         RD.getName().starts_with("unordered");
}

/// True when \p RD is std::basic_string.
inline bool isStringRecord(const CXXRecordDecl &RD) {
  return RD.getDeclName().isIdentifier() && RD.getName() == "basic_string";
}

/// \p Init with the nodes that do not change what is built peeled off.
inline const Expr *peel(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *C = dyn_cast<CXXFunctionalCastExpr>(Next))
      Next = C->getSubExpr();
    if (Next == E)
      break;
    E = Next;
  }
  return E;
}

/// True when \p Init leaves a container empty: default construction, `{}`,
/// or `= {}` (no elements, no count).
inline bool isEmptyConstruction(const Expr *Init) {
  if (!Init)
    return true;
  Init = peel(Init);
  if (const auto *C = dyn_cast<CXXConstructExpr>(Init)) {
    if (C->getConstructor()->isDefaultConstructor())
      return true;
    // `std::vector<int> v = {};` with an empty initializer_list.
    if (C->getNumArgs() >= 1)
      if (const auto *IL =
              dyn_cast<CXXStdInitializerListExpr>(peel(C->getArg(0))))
        if (const auto *L = dyn_cast<InitListExpr>(peel(IL->getSubExpr())))
          return L->getNumInits() == 0 &&
                 llvm::all_of(
                     llvm::drop_begin(C->arguments()),
                     [](const Expr *A) { return isa<CXXDefaultArgExpr>(A); });
    return false;
  }
  if (const auto *L = dyn_cast<InitListExpr>(Init))
    return L->getNumInits() == 0;
  return false;
}

/// True when \p D is in a template instantiation (a function, member of a
/// class template, or lambda inside one): checks report at the pattern.
inline bool isInInstantiation(const Decl &D) {
  for (const DeclContext *DC = D.getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DC)) {
      if (FD->isTemplateInstantiation())
        return true;
    } else if (const auto *RD = dyn_cast<CXXRecordDecl>(DC)) {
      if (isTemplateInstantiation(RD->getTemplateSpecializationKind()))
        return true;
    }
  }
  return false;
}

} // namespace clang::tidy::hotpath::utils

#endif // HOTPATH_CHECKS_UTILS_CONTAINERS_H
