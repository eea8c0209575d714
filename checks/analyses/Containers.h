//===--- Containers.h - hotpath -------------------------------------------===//
//
// What the allocation checks share about heap-owning containers: the default
// type lists, whether an initializer builds an empty object, and how many
// allocations building one from a braced list costs.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_ANALYSES_CONTAINERS_H
#define HOTPATH_CHECKS_ANALYSES_CONTAINERS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::hotpath::analyses {

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

/// Containers with reserve(): growing one by a known count reallocates
/// log2(count) times unless it is reserved first.
inline constexpr char ReservableContainerTypes[] =
    "::std::vector;::std::basic_string;::std::unordered_map;"
    "::std::unordered_set;::std::unordered_multimap;::std::unordered_multiset";

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

/// What calling a member of a standard container on a non-const object does
/// to the container, by the member's name. The standard specifies these
/// members, so the answer holds before overload resolution: in a template's
/// pattern `m.count(k)` or `v[k]` is unresolved until instantiation.
enum class MemberEffect {
  Read,       ///< Const, returns a value: size, empty, count, contains, ...
  ElementRef, ///< Returns a reference to an element: at, front, back, and
              ///< operator[] of a sequence (a map's inserts).
  Handle,     ///< Returns an iterator or pointer into it: begin, find, data.
  Unknown,    ///< May modify it, or not a member known here.
};

/// The effect of \p Name called on the standard container \p RD (a
/// specialization or a class template's pattern); Unknown for other classes.
inline MemberEffect standardMemberEffect(const CXXRecordDecl &RD,
                                         StringRef Name) {
  if (!RD.isInStdNamespace() || !RD.getDeclName().isIdentifier())
    return MemberEffect::Unknown;
  StringRef C = RD.getName();
  bool String = C == "basic_string";
  bool Sequence = String || C == "vector" || C == "deque" || C == "array";
  bool Known = Sequence || C == "list" || C == "forward_list" ||
               C.ends_with("set") || C.ends_with("map");
  if (!Known)
    return MemberEffect::Unknown;
  // Sizes, observers, const iterators, buckets (not max_load_factor: with
  // an argument it sets) and a string's members that return new values.
  static constexpr llvm::StringLiteral Sizes[] = {
      "size", "empty", "max_size", "capacity", "length", "count", "contains"};
  static constexpr llvm::StringLiteral Observers[] = {
      "get_allocator", "key_comp", "value_comp", "hash_function", "key_eq",
      "cbegin",        "cend",     "crbegin",    "crend"};
  static constexpr llvm::StringLiteral Buckets[] = {
      "bucket_count", "bucket_size", "bucket", "max_bucket_count",
      "load_factor"};
  static constexpr llvm::StringLiteral StringValues[] = {
      "c_str",           "compare",      "substr",
      "starts_with",     "ends_with",    "rfind",
      "find_first_of",   "find_last_of", "find_first_not_of",
      "find_last_not_of"};
  if (llvm::is_contained(Sizes, Name) || llvm::is_contained(Observers, Name) ||
      llvm::is_contained(Buckets, Name) ||
      llvm::is_contained(StringValues, Name))
    return MemberEffect::Read;
  if (Name == "find")
    return String ? MemberEffect::Read : MemberEffect::Handle;
  if (Name == "at" || Name == "front" || Name == "back" ||
      (Name == "operator[]" && Sequence))
    return MemberEffect::ElementRef;
  if (Name == "begin" || Name == "end" || Name == "rbegin" || Name == "rend" ||
      Name == "data" || Name == "lower_bound" || Name == "upper_bound" ||
      Name == "equal_range")
    return MemberEffect::Handle;
  return MemberEffect::Unknown;
}

/// The first template argument of \p T's class when it is a type (`int` for
/// `std::vector<int>`, `T` for `std::vector<T>` in a pattern), else null.
inline QualType firstTypeArgument(QualType T) {
  if (T.isNull())
    return QualType();
  T = T.getNonReferenceType();
  llvm::ArrayRef<TemplateArgument> Args;
  if (const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          T->getAsCXXRecordDecl()))
    Args = S->getTemplateArgs().asArray();
  else if (const auto *TST = T->getAs<TemplateSpecializationType>())
    Args = TST->template_arguments();
  if (Args.empty() || Args[0].getKind() != TemplateArgument::Type)
    return QualType();
  return Args[0].getAsType();
}

/// True when \p T is or may be (`std::vector<T>` in a pattern)
/// std::vector<bool>: its element accessors and iterators return a proxy by
/// value, and a copy of the proxy writes into the container.
inline bool mayBeBitVector(QualType T) {
  const CXXRecordDecl *RD = recordOrPatternOf(T);
  if (!RD || !RD->isInStdNamespace() || !RD->getDeclName().isIdentifier() ||
      RD->getName() != "vector")
    return false;
  QualType E = firstTypeArgument(T);
  return E.isNull() || E->isDependentType() || E->isBooleanType();
}

/// True when \p T, a type in a template's pattern, is a standard sequence or
/// set container spelled with one argument (`std::vector<T>`) and \p Elem
/// is that argument: then \p Elem is not a reference in any instantiation,
/// since the default allocator of a reference type is ill-formed.
inline bool isElementTypeOf(QualType Elem, QualType T) {
  const auto *TST =
      T.isNull() ? nullptr : T->getAs<TemplateSpecializationType>();
  if (!TST || TST->template_arguments().size() != 1)
    return false;
  const TemplateDecl *TD = TST->getTemplateName().getAsTemplateDecl();
  if (!TD || !isa<ClassTemplateDecl>(TD) || !TD->isInStdNamespace() ||
      !TD->getDeclName().isIdentifier())
    return false;
  StringRef C = TD->getName();
  if (C != "vector" && C != "deque" && C != "list" && C != "forward_list" &&
      C != "basic_string" && !C.ends_with("set"))
    return false;
  QualType Arg = firstTypeArgument(T);
  return !Arg.isNull() && Elem.getCanonicalType().getUnqualifiedType() ==
                              Arg.getCanonicalType().getUnqualifiedType();
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

} // namespace clang::tidy::hotpath::analyses

#endif // HOTPATH_CHECKS_ANALYSES_CONTAINERS_H
