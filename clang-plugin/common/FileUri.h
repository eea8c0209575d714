//===--- FileUri.h - hotpath ----------------------------------------------===//
//
// file:// URIs for absolute paths, shared by the SARIF writer (helpUri) and
// hotpath-clangd (a diagnostic's codeDescription).
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CLANG_PLUGIN_COMMON_FILEURI_H
#define HOTPATH_CLANG_PLUGIN_COMMON_FILEURI_H

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace hotpath::common {

/// file:// URI for an absolute path, percent-encoding what URIs forbid.
inline std::string fileUri(llvm::StringRef AbsolutePath) {
  std::string Out = "file://";
  for (char C : AbsolutePath) {
    unsigned char U = C;
    if (llvm::isAlnum(U) || llvm::StringRef("/-._~").contains(C)) {
      Out += C;
    } else {
      Out += '%';
      Out += llvm::hexdigit(U >> 4);
      Out += llvm::hexdigit(U & 15);
    }
  }
  return Out;
}

} // namespace hotpath::common

#endif
