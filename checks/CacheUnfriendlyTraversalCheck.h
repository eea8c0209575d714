//===--- CacheUnfriendlyTraversalCheck.h - hotpath ------------------------===//
//
// Finds nested loops over row-major data (`T a[R][C]`, `std::vector` of
// `std::vector`s, `std::array` of `std::array`s, a flat buffer indexed
// `a[i * n + j]`) whose innermost loop varies the outer index, so that
// consecutive iterations are a whole row apart and each touches a new cache
// line. Reported at the access; fix-it: interchange the two loop headers,
// only where that provably keeps the loop's result.
// Documentation: docs/checks/hotpath-cache-unfriendly-traversal.md
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_CACHEUNFRIENDLYTRAVERSALCHECK_H
#define HOTPATH_CHECKS_CACHEUNFRIENDLYTRAVERSALCHECK_H

#include "HotpathCheck.h"
#include "analyses/Subscripts.h"
#include "analyses/TripCount.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::hotpath {

class CacheUnfriendlyTraversalCheck : public HotpathCheck {
public:
  CacheUnfriendlyTraversalCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

  /// A loop of the function being analysed.
  struct LoopInfo {
    /// The nearest loop (any kind) whose body holds this one, or nullptr
    /// when that is the matched loop whose body the walk starts in.
    const Stmt *Parent = nullptr;
    /// Another loop lies in this one's body.
    bool HasNestedLoop = false;
    /// Outermost subscripts whose nearest loop is this one, in source order.
    llvm::SmallVector<const Expr *, 4> Accesses;
  };
  using LoopMap = llvm::MapVector<const Stmt *, LoopInfo>;

  /// How far apart the elements of one access are from one iteration of a
  /// loop to the next, when the loop walks a row-major array across rows.
  struct Stride {
    enum Kind {
      Bytes,    ///< A known number of bytes (a built-in array, std::array).
      HeapRows, ///< Each row its own heap block (vector of vectors, T**).
      Elements, ///< A flat index with a row length known only at run time.
    } K = Bytes;
    std::uint64_t RowBytes = 0;
    std::uint64_t ElementBytes = 0;
    /// Elements: the row length as written.
    std::string LengthText;
    /// The dimension the loop walks is the last but one (a row), not an
    /// earlier one (a plane of a 3-D array).
    bool WholeRow = true;
  };

private:
  bool isContainer(const CXXRecordDecl &RD);
  bool isHeapRow(QualType T);
  void collectLoops(const Stmt *Body, LoopMap &Loops);
  void analyseNest(const ForStmt &Inner, const LoopInfo &Info,
                   const LoopMap &Loops, const ForStmt &OuterLoop,
                   const analyses::CanonicalFor &O, const FunctionDecl &FD,
                   ASTContext &Ctx);
  std::optional<Stride> columnWalk(const analyses::SubscriptChain &C,
                                   const VarDecl *InnerVar,
                                   const VarDecl *PartnerVar,
                                   std::optional<std::uint64_t> InnerTrips,
                                   ASTContext &Ctx);

  const unsigned CacheLineBytes;
  const unsigned MinInnerTripCount;
  std::vector<StringRef> ContainerTypes;
  llvm::DenseMap<const CXXRecordDecl *, bool> ContainerCache;
};

} // namespace clang::tidy::hotpath

#endif // HOTPATH_CHECKS_CACHEUNFRIENDLYTRAVERSALCHECK_H
