//===--- CheckCatalog.h - hotpath -----------------------------------------===//
//
// One line and one paragraph about every check, for front-ends that describe
// rules (SARIF) and for --list-checks. Each registered check must have an
// entry: `hotpath --list-checks` flags a missing one and a tool test
// fails on it.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_STANDALONE_CHECKCATALOG_H
#define HOTPATH_STANDALONE_CHECKCATALOG_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::hotpath::findings {

struct CheckInfo {
  llvm::StringRef Name;
  llvm::StringRef Summary;     ///< One sentence.
  llvm::StringRef Description; ///< What it finds, why it costs, the fix.
};

llvm::ArrayRef<CheckInfo> checkCatalog();
/// nullptr when \p Name is not in the catalog.
const CheckInfo *findCheckInfo(llvm::StringRef Name);
/// Where the check's documentation lives, relative to the repository.
std::string checkDocPath(llvm::StringRef Name);

} // namespace clang::tidy::hotpath::findings

#endif // HOTPATH_STANDALONE_CHECKCATALOG_H
