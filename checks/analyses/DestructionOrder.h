//===--- DestructionOrder.h - hotpath ---------------------------*- C++ -*-===//
//
// Members are destroyed in reverse declaration order. Reordering two members
// whose destruction runs code the programmer wrote can change what a program
// does (a task graph destroyed before the executor still running it), so the
// layout checks keep such members in their relative order. Destroying a
// standard library value (a string, a container of ints, a smart pointer to
// something with a trivial destructor) runs no user code and may move.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_ANALYSES_DESTRUCTIONORDER_H
#define HOTPATH_CHECKS_ANALYSES_DESTRUCTIONORDER_H

#include "analyses/RecordLayoutMath.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/ArrayRef.h"
#include <vector>

namespace clang::tidy::hotpath::analyses {

/// True when destroying a \p T runs a user-provided destructor of a class
/// outside namespace std: its own, a member's or a base's, or that of what a
/// standard container or smart pointer of it owns.
bool runsUserDestructor(QualType T);

/// The smallest layout found among the orders in which the fields marked in
/// \p Pinned keep their declaration order, starting from \p Best (an
/// unconstrained best order): its pinned fields put back in declaration
/// order, then single-field moves while one makes the record smaller. Not
/// proven optimal; returns \p Best itself when it already keeps the order.
BestLayout bestKeepingOrder(const LayoutInput &In, const BestLayout &Best,
                            llvm::ArrayRef<bool> Pinned);

} // namespace clang::tidy::hotpath::analyses

#endif
