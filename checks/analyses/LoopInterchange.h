//===--- LoopInterchange.h - hotpath --------------------------*- C++ -*-===//
//
// When swapping the headers of two nested counted `for` loops is provably
// legal, which is when hotpath-cache-unfriendly-traversal offers it as a
// fix-it: a perfect nest, bounds independent of each other and free of side
// effects, no loop-carried dependence through the arrays the body writes
// (a write to the same element in another order, a reduction into a scalar
// that is not exact in a new order), nothing the body calls that could see
// the order.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_ANALYSES_LOOPINTERCHANGE_H
#define HOTPATH_CHECKS_ANALYSES_LOOPINTERCHANGE_H

#include "analyses/CanonicalLoop.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <string>

namespace clang::tidy::hotpath::analyses {

/// Which records count as containers (the check's ContainerTypes).
using ContainerPred = llvm::function_ref<bool(const CXXRecordDecl &)>;

/// What the caller's walk of the function knows about the inner loop.
struct NestShape {
  bool HasParentLoop; ///< Another loop lies between the two.
  bool HasNestedLoop; ///< Another loop lies in the inner loop's body.
  /// The inner loop's outermost subscripts, in source order.
  llvm::ArrayRef<const Expr *> Accesses;
};

/// Why interchanging \p Outer (over O.Var) and \p Inner (over I.Var) cannot
/// be proved legal, as a phrase for a note ("the body writes 'sum'"); ""
/// when it can.
std::string interchangeBlocker(const ForStmt &Outer, const CanonicalFor &O,
                               const ForStmt &Inner, const CanonicalFor &I,
                               const NestShape &Info, const FunctionDecl &FD,
                               ASTContext &Ctx, ContainerPred IsContainer);

/// The source text of \p S as written (tokens, macros unexpanded).
std::string tokenText(const Stmt *S, const ASTContext &Ctx);

} // namespace clang::tidy::hotpath::analyses

#endif // HOTPATH_CHECKS_ANALYSES_LOOPINTERCHANGE_H
