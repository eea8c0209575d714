//===--- HotpathModule.cpp - hotpath --------------------------------------===//
//
// Registers every hotpath-* check with clang-tidy's module registry. The same
// object code is linked into all front-ends (tidy module, compiler plugin,
// standalone tool).
//
//===----------------------------------------------------------------------===//

#include "BlockingUnderLockCheck.h"
#include "CacheUnfriendlyTraversalCheck.h"
#include "ConstantContainerPerCallCheck.h"
#include "ContainerInLoopCheck.h"
#include "FalseSharingCheck.h"
#include "HeapAllocInLoopCheck.h"
#include "LockInLoopCheck.h"
#include "MissingReserveCheck.h"
#include "RegexPerCallCheck.h"
#include "StructPaddingCheck.h"
#include "ThreadPerTaskCheck.h"
#include "UnnecessaryHeapCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/Basic/Version.h"
#if CLANG_VERSION_MAJOR < 22
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

namespace clang::tidy::hotpath {

class HotpathModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<ThreadPerTaskCheck>("hotpath-thread-per-task");
    Factories.registerCheck<ConstantContainerPerCallCheck>(
        "hotpath-constant-container-per-call");
    Factories.registerCheck<ContainerInLoopCheck>("hotpath-container-in-loop");
    Factories.registerCheck<HeapAllocInLoopCheck>("hotpath-heap-alloc-in-loop");
    Factories.registerCheck<MissingReserveCheck>("hotpath-missing-reserve");
    Factories.registerCheck<UnnecessaryHeapCheck>("hotpath-unnecessary-heap");
    Factories.registerCheck<FalseSharingCheck>("hotpath-false-sharing");
    Factories.registerCheck<StructPaddingCheck>("hotpath-struct-padding");
    Factories.registerCheck<LockInLoopCheck>("hotpath-lock-in-loop");
    Factories.registerCheck<BlockingUnderLockCheck>(
        "hotpath-blocking-under-lock");
    Factories.registerCheck<RegexPerCallCheck>("hotpath-regex-per-call");
    Factories.registerCheck<CacheUnfriendlyTraversalCheck>(
        "hotpath-cache-unfriendly-traversal");
  }
};

} // namespace clang::tidy::hotpath

namespace clang::tidy {

static ClangTidyModuleRegistry::Add<hotpath::HotpathModule>
    X("hotpath", "hotpath: performance checks that find the C++ code "
                 "that wastes time and memory.");

// Referenced by statically linked front-ends so the registration above is
// not dropped by the linker.
// NOLINTNEXTLINE(misc-use-internal-linkage)
volatile int HotpathModuleAnchorSource = 0;

} // namespace clang::tidy
