//===--- RecordLayoutMath.h - hotpath -------------------------------------===//
//
// The layout arithmetic behind hotpath-struct-padding, free of any AST: how
// the Itanium C++ ABI places a record's fields in a given order, and the
// order of the fields that gives the smallest record.
//
// The model is the part of the ABI that reordering can change. Bases (and a
// vtable pointer) come first and are not moved: they are summarised by the
// offset at which fields start (the data size after the bases, which may lie
// inside a base's tail padding) and the size they already occupy. Each field
// is placed at the next offset aligned to its alignment; a
// `[[no_unique_address]]` field lets the next field reuse its tail padding
// (its data size is smaller than its size), and an empty one takes no space
// at all (it goes to offset 0). The record's alignment does not depend on the
// order. The checks compare this model with clang's real layout of the
// current order and only trust it when they agree.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_ANALYSES_RECORDLAYOUTMATH_H
#define HOTPATH_CHECKS_ANALYSES_RECORDLAYOUTMATH_H

#include "llvm/ADT/ArrayRef.h"
#include <cstddef>
#include <cstdint>
#include <vector>

namespace clang::tidy::hotpath::analyses {

struct LayoutField {
  /// sizeof the field's type (for an array: the whole array).
  std::uint64_t Size = 0;
  /// Bytes the following fields cannot reuse: Size, except for a
  /// `[[no_unique_address]]` field of a class type (that type's data size).
  std::uint64_t DataSize = 0;
  /// The field's alignment (the type's, raised by `alignas`): a power of two.
  std::uint64_t Align = 1;
  /// An empty `[[no_unique_address]]` member: placed at offset 0, takes no
  /// space, whatever the order.
  bool OverlappingEmpty = false;
};

struct LayoutInput {
  /// Where fields start: the data size after the bases and vtable pointer.
  std::uint64_t Start = 0;
  /// The size the bases already occupy (at least Start).
  std::uint64_t MinSize = 0;
  /// The record's alignment (a power of two); reordering cannot change it.
  std::uint64_t RecordAlign = 1;
  std::vector<LayoutField> Fields;
};

struct LayoutResult {
  std::uint64_t Size = 0;
  /// The offset of each field, indexed like LayoutInput::Fields.
  std::vector<std::uint64_t> Offsets;
};

/// Lays the fields out in \p Order (indices into In.Fields, each once).
LayoutResult layoutInOrder(const LayoutInput &In,
                           llvm::ArrayRef<unsigned> Order);

/// Lays the fields out in declaration order.
LayoutResult layoutAsDeclared(const LayoutInput &In);

struct BestLayout {
  /// Indices into LayoutInput::Fields, in the suggested order. Fields of the
  /// same size and alignment keep their declaration order.
  std::vector<unsigned> Order;
  std::uint64_t Size = 0;
  /// True when the order is proven to give the smallest size; false when the
  /// search was cut short and the order is only the best one found.
  bool Proven = true;
};

/// The field order giving the smallest record. Exact: sorting by decreasing
/// alignment when it provably reaches the lower bound, otherwise a dynamic
/// programme over (fields left per kind, offset modulo the largest
/// alignment, overhanging tail). \p MaxStates bounds the programme; past it
/// the best of a few greedy orders is returned with Proven == false.
BestLayout bestLayout(const LayoutInput &In, std::size_t MaxStates = 1u << 20);

/// Bytes of the record that belong neither to a base nor to a field, given
/// its size: alignment gaps between fields and tail padding.
std::uint64_t paddingBytes(const LayoutInput &In, std::uint64_t Size);

/// Cache lines a record of \p Size bytes spans when it starts on a line.
inline std::uint64_t cacheLines(std::uint64_t Size, std::uint64_t LineBytes) {
  return LineBytes ? (Size + LineBytes - 1) / LineBytes : 0;
}

inline std::uint64_t alignUp(std::uint64_t Value, std::uint64_t Align) {
  return Align <= 1 ? Value : (Value + Align - 1) / Align * Align;
}

} // namespace clang::tidy::hotpath::analyses

#endif // HOTPATH_CHECKS_ANALYSES_RECORDLAYOUTMATH_H
