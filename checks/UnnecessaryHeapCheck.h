//===--- UnnecessaryHeapCheck.h - hotpath ---------------------------------===//
//
// Escape analysis for local owning pointers: a `std::unique_ptr` (or a raw
// pointer from `new` with a matching `delete`) that never leaves the
// function, to a complete type of at most MaxStackBytes, can be a stack
// object. Allocations inside loops are left to hotpath-heap-alloc-in-loop.
// Documentation: docs/checks/hotpath-unnecessary-heap.md
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_UNNECESSARYHEAPCHECK_H
#define HOTPATH_CHECKS_UNNECESSARYHEAPCHECK_H

#include "HotpathCheck.h"
#include "analyses/VarUsage.h"
#include <vector>

namespace clang::tidy::hotpath {

class UnnecessaryHeapCheck : public HotpathCheck {
public:
  UnnecessaryHeapCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  const unsigned MaxStackBytes;
  std::vector<StringRef> OwningPointerTypes;
};

} // namespace clang::tidy::hotpath

#endif // HOTPATH_CHECKS_UNNECESSARYHEAPCHECK_H
