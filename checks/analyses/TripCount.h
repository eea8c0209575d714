//===--- TripCount.h - hotpath --------------------------------------------===//
//
// How many times a loop runs, the one trip-count analysis of the checks: the
// kind of its bound (it follows the data: a container, a queue, a stream; a
// constant; the number of CPUs, the way pools are built), and its exact
// count when that is known before the loop starts (what reserve() needs).
// The canonical counted `for` (induction variable, start, bound, step) it
// builds on is CanonicalLoop.h.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_ANALYSES_TRIPCOUNT_H
#define HOTPATH_CHECKS_ANALYSES_TRIPCOUNT_H

#include "analyses/CanonicalLoop.h"
#include "analyses/Loops.h"
#include "support/OptionList.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::hotpath::analyses {

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

/// Functions returning the CPU count (';'-separated qualified names).
inline constexpr char DefaultCpuCountFunctions[] =
    "::std::thread::hardware_concurrency;::std::jthread::hardware_concurrency;"
    "::get_nprocs;::get_nprocs_conf;::sysconf";

/// Names used to recognise CPU-sized bounds and data-driven conditions.
struct LoopVocabulary {
  /// Qualified or plain names of functions returning the CPU count.
  std::vector<std::string> CpuCountFunctions =
      support::toStrings(support::splitOptionList(DefaultCpuCountFunctions));
};

/// Classifies the trip count of a ForStmt, CXXForRangeStmt, WhileStmt or
/// DoStmt.
TripCount classifyTripCount(const Stmt &Loop, ASTContext &Ctx,
                            const LoopVocabulary &Vocab);

/// True for Data and Unbounded: the number of iterations grows with the input.
inline bool followsData(TripKind K) {
  return K == TripKind::Data || K == TripKind::Unbounded;
}

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

} // namespace clang::tidy::hotpath::analyses

#endif // HOTPATH_CHECKS_ANALYSES_TRIPCOUNT_H
