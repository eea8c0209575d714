//===--- CheckCatalog.cpp - hotpath ---------------------------------------===//

#include "CheckCatalog.h"
#include <string>

namespace clang::tidy::hotpath {

// Keep in the order of docs/checks; add an entry with every new check.
static const CheckInfo Catalog[] = {
    {"hotpath-thread-per-task",
     "A thread is started for every item of data instead of reusing pooled "
     "workers.",
     "std::thread/std::jthread construction, std::async or pthread_create "
     "inside a loop whose trip count follows the data (a container, a queue, "
     "a stream). Creating and joining a thread costs tens of microseconds, "
     "far more than handing a task to running workers, and oversubscribes "
     "the cores as the input grows. Submit the work to a worker pool such as "
     "hotpath::WorkerPool."},
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

} // namespace clang::tidy::hotpath
