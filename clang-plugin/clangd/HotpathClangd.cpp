//===--- HotpathClangd.cpp - hotpath-clangd -------------------------------===//
//
// `hotpath-clangd`: clangd with hotpath's checks built in, for every editor
// that speaks LSP (clangd cannot load clang-tidy modules: clangd issue 1458).
// Everything is clangd's; ClangdHooks.cpp lists what differs.
//
//===----------------------------------------------------------------------===//

#include "../common/DocsDir.h"
#include "ClangdHooks.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <vector>

namespace clang::clangd {
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

namespace clang::tidy {
// Keeps HotpathModule.cpp's registration in the link.
extern volatile int HotpathModuleAnchorSource;
} // namespace clang::tidy

int main(int argc, char *argv[]) {
  (void)clang::tidy::HotpathModuleAnchorSource;
  hotpath::clangd::setDefaultDocBase(
      ::hotpath::common::checkPagesUri(argv[0], HOTPATH_DOCS_DIR));
  // clangd looks for clang's builtin headers beside its own binary
  // (<bin>/../lib/clang/N), which is not where this one is installed: point
  // it at the compiler's, as found at build time, unless the user did.
  std::vector<char *> Args(argv, argv + argc);
  bool HasResourceDir = false;
  for (llvm::StringRef A : llvm::ArrayRef(argv, argc))
    HasResourceDir |=
        A.starts_with("--resource-dir") || A.starts_with("-resource-dir");
  static char ResourceDir[] = "--resource-dir=" HOTPATH_RESOURCE_DIR;
  if (!HasResourceDir && llvm::sys::fs::is_directory(HOTPATH_RESOURCE_DIR))
    Args.push_back(ResourceDir);
  Args.push_back(nullptr);
  return clang::clangd::clangdMain(int(Args.size()) - 1, Args.data());
}
