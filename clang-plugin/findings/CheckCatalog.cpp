//===--- CheckCatalog.cpp - hotpath ---------------------------------------===//

#include "findings/CheckCatalog.h"
#include <string>

namespace clang::tidy::hotpath::findings {

// Every check of checks/Checks.def, in its order.
static const CheckInfo Catalog[] = {
#define HOTPATH_CHECK(Name, Class, Summary, Description)                       \
  {Name, Summary, Description},
#include "Checks.def"
};

llvm::ArrayRef<CheckInfo> checkCatalog() { return Catalog; }

const CheckInfo *findCheckInfo(llvm::StringRef Name) {
  for (const CheckInfo &I : Catalog)
    if (I.Name == Name)
      return &I;
  return nullptr;
}

std::string checkDocPath(llvm::StringRef Name) {
  return "docs/checks/" + Name.str() + ".md";
}

} // namespace clang::tidy::hotpath::findings
