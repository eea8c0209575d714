//===--- Subscripts.h - hotpath ---------------------------------*- C++ -*-===//
//
// Element accesses through subscripts, dimension by dimension: `a[j][i]` on a
// built-in multi-dimensional array, `v[j][i]` through operator[] of a
// container (`std::vector<std::vector<T>>`, `std::array` of `std::array`s),
// and the flat row-major index of a one-dimensional buffer, `p[i * n + j]`.
// What a check needs to tell which loop walks which dimension, and how far
// apart in memory two consecutive elements of a dimension are.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_ANALYSES_SUBSCRIPTS_H
#define HOTPATH_CHECKS_ANALYSES_SUBSCRIPTS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <optional>

namespace clang::tidy::hotpath::analyses {

/// Which classes index contiguous elements with operator[] (a configured
/// list: `std::vector`, `std::array`, ...).
using ContainerFilter = llvm::function_ref<bool(const CXXRecordDecl &)>;

/// A chain of subscripts ending at one element.
struct SubscriptChain {
  /// The whole access (`a[j][i]`), the outermost subscript node.
  const Expr *Access = nullptr;
  /// What the first subscript indexes (`a`), parentheses and implicit casts
  /// peeled off.
  const Expr *Base = nullptr;
  /// The indices, outermost dimension first: `j`, `i`.
  llvm::SmallVector<const Expr *, 4> Indices;
  /// Types[k] is the type that Indices[k] indexes, references removed and
  /// before array-to-pointer decay: `float[8][16]`, `float[16]`. Types[0] is
  /// the base's type.
  llvm::SmallVector<QualType, 4> Types;
  /// Every subscript node of the chain, outermost first (Nodes[0] == Access).
  llvm::SmallVector<const Expr *, 4> Nodes;

  /// The type of one element (the access's type, reference removed).
  QualType element() const;
};

/// True for a built-in subscript (ArraySubscriptExpr) and for operator[] of
/// a class \p IsContainer accepts when it returns an lvalue reference (so
/// not `std::vector<bool>`'s proxy).
bool isSubscript(const Expr &E, ContainerFilter IsContainer);

/// The chain that ends at \p E (which isSubscript accepts): its base and its
/// indices. Follows subscripts of subscripts through parentheses and
/// implicit casts; stops at the first base that is not a subscript.
std::optional<SubscriptChain> subscriptChain(const Expr &E,
                                             ContainerFilter IsContainer);

/// The number of elements of \p T when it is a built-in array of constant
/// size or a `std::array`.
std::optional<std::uint64_t> fixedExtent(QualType T);

/// True when \p T is a `std::array` specialisation (its elements are stored
/// in the object, like a built-in array's).
bool isStdArray(QualType T);

/// A flat row-major index, `Row * Length + Col`, in any operand order:
/// `i * n + j`, `j + n * i`, `(y * w + x) + 1`.
struct RowMajorIndex {
  const Expr *Row = nullptr;
  const Expr *Length = nullptr;
  /// The other terms of the sum (`j`, `1`); a subtracted term counts too.
  llvm::SmallVector<const Expr *, 2> Col;
};

/// Splits \p Index into its row and column parts: the row is the factor of
/// a product term that mentions \p RowVar, the length the other factor
/// (which must not mention it); no other term may mention RowVar. nullopt
/// when \p Index has no such shape.
std::optional<RowMajorIndex> splitRowMajorIndex(const Expr *Index,
                                                const ValueDecl *RowVar);

} // namespace clang::tidy::hotpath::analyses

#endif // HOTPATH_CHECKS_ANALYSES_SUBSCRIPTS_H
