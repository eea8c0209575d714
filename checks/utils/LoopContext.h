//===--- LoopContext.h - hotpath ------------------------------------------===//
//
// What several checks need to know about the loops around a statement: which
// loops run it once per iteration, and whether each loop's trip count follows
// the data (a container, a queue, a stream), is a constant, or is sized from
// the number of CPUs (the way pools are built); a loop's exact trip count
// when it is known before the loop starts (what reserve() needs); and the
// canonical shape of a counted `for` (its induction variable, start, bound
// and step: what loop interchange needs).
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_UTILS_LOOPCONTEXT_H
#define HOTPATH_CHECKS_UTILS_LOOPCONTEXT_H

#include "CanonicalLoop.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/OperationKinds.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::hotpath::utils {

class FunctionUsage;

enum class TripKind {
  Constant, ///< A compile-time constant bound, a fixed-size array.
  CpuSized, ///< Bounded by hardware_concurrency() or a configured look-alike.
  Data, ///< Follows the data: container size, iterator range, queue, stream.
  Unbounded, ///< `while (true)`, `for (;;)`: one iteration per event.
  Unknown,   ///< A parameter, a member, a flag: nothing to tell.
};

struct TripCount {
  TripKind Kind = TripKind::Unknown;
  /// Why, for a note at the loop ("range-for over a container").
  std::string Why;
};

/// Names used to recognise CPU-sized bounds and data-driven conditions.
struct LoopVocabulary {
  /// Qualified or plain names of functions returning the CPU count.
  std::vector<std::string> CpuCountFunctions = {
      "::std::thread::hardware_concurrency",
      "::std::jthread::hardware_concurrency", "::get_nprocs",
      "::get_nprocs_conf", "::sysconf"};
};

/// The loops (innermost first) whose body contains \p S, walking up the
/// parent map but stopping at the enclosing function, lambda or block: code
/// in a lambda runs when the lambda is called, not once per iteration.
llvm::SmallVector<const Stmt *, 4> enclosingLoops(const Stmt &S,
                                                  ASTContext &Ctx);

/// The same, with parents from \p ParentOf (for example a per-function index
/// built by one walk of the body) instead of the TU-wide parent map, which
/// costs a walk of the whole translation unit, system headers included.
/// \p ParentOf returns nullptr above the function body.
llvm::SmallVector<const Stmt *, 4>
enclosingLoops(const Stmt &S,
               llvm::function_ref<const Stmt *(const Stmt *)> ParentOf);

/// The parent of every statement of one function body, from one walk: what
/// the checks use instead of clang's TU-wide parent map (a walk of the whole
/// TU, system headers included). statements() lists them in walk order.
class ParentIndex {
public:
  explicit ParentIndex(const Stmt *Body);
  /// nullptr for the body itself and for statements outside it.
  const Stmt *parent(const Stmt *S) const { return Parents.lookup(S); }
  bool contains(const Stmt *S) const { return Parents.count(S) != 0; }
  llvm::ArrayRef<const Stmt *> statements() const { return Order; }

private:
  llvm::DenseMap<const Stmt *, const Stmt *> Parents;
  std::vector<const Stmt *> Order;
};

/// The body of a ForStmt, CXXForRangeStmt, WhileStmt or DoStmt; nullptr for
/// any other statement.
const Stmt *loopBody(const Stmt &Loop);

/// True when \p S refers to \p D anywhere inside it.
bool mentions(const Stmt *S, const ValueDecl *D);

/// Classifies the trip count of a ForStmt, CXXForRangeStmt, WhileStmt or
/// DoStmt.
TripCount classifyTripCount(const Stmt &Loop, ASTContext &Ctx,
                            const LoopVocabulary &Vocab);

/// True for Data and Unbounded: the number of iterations grows with the input.
inline bool followsData(TripKind K) {
  return K == TripKind::Data || K == TripKind::Unbounded;
}

/// True when \p Loc (after macro expansion) lies within \p S's source span.
bool spanContains(const Stmt &S, SourceLocation Loc, const SourceManager &SM);

/// A loop's trip count, known before the loop starts: a counted `for` from 0
/// by one, a range-for over a sized range or an array, an iterator pair.
struct ExactTripCount {
  /// The count as source for `reserve()` ("items.size()", "n"); empty when
  /// it cannot be spelled safely (then WhyNoText says why).
  std::string Text;
  std::string WhyNoText;
  /// The count when it is a compile-time constant.
  std::optional<std::uint64_t> Value = std::nullopt;
  /// The count is the size of a range the loop walks.
  bool Sized = false;
  /// The bound is a signed variable: reserve() of a negative count throws
  /// where the loop would not run, so reserve only a positive count.
  bool Signed = false;
  /// Empty when the count is bounded by memory the program already holds (a
  /// constant, the size of an existing range, arithmetic over them, a local
  /// initialised from them, std::min with one of them); otherwise where it
  /// comes from: "a parameter", "a field", ... A count from there may come
  /// from input, and reserving it up front allocates whatever it says.
  std::string Unbounded;
};

/// The exact trip count of \p Loop, or nullopt when it is not known before
/// the loop starts. What the count reads must not change in the loop (from
/// \p Usage, the walk of the enclosing function) and must not be \p Grown.
std::optional<ExactTripCount> exactTripCount(const Stmt &Loop,
                                             const VarDecl &Grown,
                                             const FunctionUsage &Usage,
                                             ASTContext &Ctx);

} // namespace clang::tidy::hotpath::utils

#endif // HOTPATH_CHECKS_UTILS_LOOPCONTEXT_H
