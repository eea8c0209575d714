//===--- ClangdHooks.h - hotpath-clangd -----------------------------------===//
//
// What hotpath-clangd changes in clangd, set up by main before clangd runs.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CLANGD_CLANGDHOOKS_H
#define HOTPATH_CLANGD_CLANGDHOOKS_H

#include <string>

namespace hotpath::clangd {

/// Where a hotpath diagnostic's link points unless --hotpath-docs says:
/// Base + "<check>.md" (a file:// or https:// URI ending in '/').
void setDefaultDocBase(std::string Base);

} // namespace hotpath::clangd

#endif
