//===--- OptionList.h - hotpath -------------------------------------------===//
//
// Splits a `;`- or `,`-separated CheckOptions value into trimmed items.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_SUPPORT_OPTIONLIST_H
#define HOTPATH_CHECKS_SUPPORT_OPTIONLIST_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang::tidy::hotpath::support {

inline std::vector<llvm::StringRef> splitOptionList(llvm::StringRef Raw) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Raw.split(Parts, ';', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  std::vector<llvm::StringRef> Out;
  for (llvm::StringRef P : Parts) {
    llvm::SmallVector<llvm::StringRef, 4> Sub;
    P.split(Sub, ',', -1, false);
    for (llvm::StringRef S : Sub)
      if (!S.trim().empty())
        Out.push_back(S.trim());
  }
  return Out;
}

inline std::vector<std::string> toStrings(llvm::ArrayRef<llvm::StringRef> In) {
  return std::vector<std::string>(In.begin(), In.end());
}

} // namespace clang::tidy::hotpath::support

#endif // HOTPATH_CHECKS_SUPPORT_OPTIONLIST_H
