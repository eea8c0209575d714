//===--- ContainerInLoopCheck.h - hotpath ---------------------------------===//
//
// Finds heap-owning containers and strings declared empty in a loop body,
// filled there and dropped at the end of every iteration: hoisting them and
// calling clear() keeps their capacity. Silent when the object is moved,
// copied or otherwise escapes the iteration.
// Documentation: docs/checks/hotpath-container-in-loop.md
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_CONTAINERINLOOPCHECK_H
#define HOTPATH_CHECKS_CONTAINERINLOOPCHECK_H

#include "HotpathCheck.h"
#include "analyses/TripCount.h"
#include "analyses/VarUsage.h"
#include <vector>

namespace clang::tidy::hotpath {

class ContainerInLoopCheck : public HotpathCheck {
public:
  ContainerInLoopCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  std::vector<StringRef> ContainerTypes;
};

} // namespace clang::tidy::hotpath

#endif // HOTPATH_CHECKS_CONTAINERINLOOPCHECK_H
