//===--- RemoteIndexStub.cpp - hotpath-clangd -----------------------------===//
//
// Debian's clangd is built with the gRPC remote index; its client library
// would drag gRPC, protobuf and abseil into hotpath-clangd. This stands in for
// it, as clangd's own build does when remote index support is off.
//
//===----------------------------------------------------------------------===//

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>

namespace clang::clangd {
class SymbolIndex;
namespace remote {

std::unique_ptr<SymbolIndex> getClient(llvm::StringRef Address,
                                       llvm::StringRef ProjectRoot) {
  llvm::errs() << "hotpath-clangd: built without remote index support; "
                  "ignoring the remote index at "
               << Address << "\n";
  return nullptr;
}

} // namespace remote
} // namespace clang::clangd
