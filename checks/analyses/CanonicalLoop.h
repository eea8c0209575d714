//===--- CanonicalLoop.h - hotpath ----------------------------------------===//
//
// The canonical counted `for` loop (one integer induction variable, a bound
// it is compared with, a constant step): the shape that constant trip counts
// and loop transformations such as interchange rely on. TripCount.h
// includes it; its other trip-count questions are answered there.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_ANALYSES_CANONICALLOOP_H
#define HOTPATH_CHECKS_ANALYSES_CANONICALLOOP_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include <cstdint>
#include <optional>

namespace clang::tidy::hotpath::analyses {

/// A counted `for` loop over an integer induction variable, the shape that
/// trip-count reasoning and loop transformations (interchange) rely on.
struct CanonicalFor {
  /// The induction variable.
  const VarDecl *Var = nullptr;
  /// Declared by the loop's init statement (`for (int i = 0; ...)`): it does
  /// not exist after the loop, so nothing can read its final value.
  bool Declared = false;
  /// Its initial value.
  const Expr *Start = nullptr;
  /// What it is compared with, the comparison normalised to `Var Cmp Bound`
  /// (`n > i` becomes `i < n`).
  const Expr *Bound = nullptr;
  BinaryOperatorKind Cmp = BO_LT;
  /// The constant step: 1 for `++i`, -2 for `i -= 2`.
  std::int64_t Step = 1;
  /// The number of iterations when Start and Bound are constants.
  std::optional<std::uint64_t> TripCount = std::nullopt;
};

/// \p F as a canonical loop: the init declares (or assigns) one integer
/// variable, the condition compares it with a bound that does not mention it
/// (`<`, `<=`, `>`, `>=`, `!=`, in the direction of the step), the increment
/// adds or subtracts a non-zero constant, and the body only reads it. nullopt
/// for anything else, and in a template's pattern when the variable or the
/// body is dependent (the instantiations answer).
std::optional<CanonicalFor> canonicalFor(const ForStmt &F, ASTContext &Ctx);

/// The value of a constant integer expression that fits in 63 bits.
std::optional<std::int64_t> constantValue(const Expr *E, const ASTContext &Ctx);

/// True when \p E is affine in \p Var with a non-zero coefficient: `Var`,
/// `Var + e`, `e - Var`, `2 * Var`, casts of those, where `e` does not
/// mention Var. What a loop's induction variable walks linearly.
bool isAffineIn(const Expr *E, const VarDecl *Var);

} // namespace clang::tidy::hotpath::analyses

#endif // HOTPATH_CHECKS_ANALYSES_CANONICALLOOP_H
