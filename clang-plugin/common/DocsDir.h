//===--- DocsDir.h - hotpath ----------------------------------------------===//
//
// Where the check pages are, for links in SARIF (the tool) and diagnostics
// (hotpath-clangd): installed beside the binary (<prefix>/share/doc/hotpath,
// by `cmake --install`), else the source tree the binary was built from.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CLANG_PLUGIN_COMMON_DOCSDIR_H
#define HOTPATH_CLANG_PLUGIN_COMMON_DOCSDIR_H

#include "common/FileUri.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <string>

namespace hotpath::common {

/// file:// URI of the directory of check pages, ending in '/'.
/// \p SourceDocs is the source tree's docs/ (HOTPATH_DOCS_DIR).
inline std::string checkPagesUri(const char *Argv0,
                                 llvm::StringRef SourceDocs) {
  static int Anchor;
  std::string Exe = llvm::sys::fs::getMainExecutable(Argv0, &Anchor);
  llvm::SmallString<256> Dir(llvm::sys::path::parent_path(Exe));
  llvm::sys::path::append(Dir, "..", "share", "doc");
  llvm::sys::path::append(Dir, "hotpath", "checks");
  llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
  if (!llvm::sys::fs::is_directory(Dir)) {
    Dir = SourceDocs;
    llvm::sys::path::append(Dir, "checks");
  }
  return fileUri(Dir) + "/";
}

} // namespace hotpath::common

#endif
