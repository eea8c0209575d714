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
#define HOTPATH_CHECK(Name, Class, Summary, Description)                       \
  Factories.registerCheck<Class>(Name);
#include "Checks.def"
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
