//===--- MissingReserveCheck.h - hotpath ----------------------------------===//
//
// Finds a container that is empty when a loop starts and grows by one
// element on every iteration of that loop, whose trip count is known before
// the loop, without a reserve(): vector, string, unordered_map/set. Fix-it:
// `c.reserve(count);` before the loop when the count has no side effects.
// Documentation: docs/checks/hotpath-missing-reserve.md
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_MISSINGRESERVECHECK_H
#define HOTPATH_CHECKS_MISSINGRESERVECHECK_H

#include "HotpathCheck.h"
#include "analyses/TripCount.h"
#include "analyses/VarUsage.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::hotpath {

class MissingReserveCheck : public HotpathCheck {
public:
  MissingReserveCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  /// A string whose appends all fit its small buffer, or may well do.
  /// \p RD (a class template's pattern) is one of ContainerTypes.
  bool isReservable(const CXXRecordDecl &RD) const;
  bool growsInsideSmallBuffer(const CXXRecordDecl &RD,
                              const analyses::ExactTripCount &C) const;
  /// The warning for container \p Name growing in \p Loop of trip count
  /// \p C, with the reserve() call as a fix-it where that is safe.
  void describe(Finding &F, const analyses::ExactTripCount &C,
                const std::string &Name, const Stmt &Loop,
                const analyses::FunctionUsage &FU, const SourceManager &SM);

  std::vector<StringRef> ContainerTypes;
};

} // namespace clang::tidy::hotpath

#endif // HOTPATH_CHECKS_MISSINGRESERVECHECK_H
