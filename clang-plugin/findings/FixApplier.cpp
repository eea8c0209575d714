//===--- FixApplier.cpp - hotpath standalone tool -------------------------===//

#include "findings/FixApplier.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <set>
#include <tuple>

namespace clang::tidy::hotpath::findings {

using clang::tooling::Replacement;
using clang::tooling::Replacements;

FixResult applyFixes(const std::vector<clang::tidy::ClangTidyError> &Errors) {
  FixResult Result;
  std::map<std::string, Replacements> PerFile;
  std::set<std::tuple<std::string, unsigned, unsigned, std::string>> Seen;
  for (const clang::tidy::ClangTidyError &E : Errors) {
    if (E.Message.Fix.empty())
      continue;
    ++Result.Offered;
    // Trial-add every edit of this finding; commit only if none conflicts.
    std::map<std::string, Replacements> Trial;
    bool Ok = true;
    for (const auto &FileAndReps : E.Message.Fix) {
      for (const Replacement &R : FileAndReps.second) {
        auto Key = std::make_tuple(R.getFilePath().str(), R.getOffset(),
                                   R.getLength(), R.getReplacementText().str());
        if (Seen.count(Key))
          continue; // the same edit from another TU or finding
        std::string File = R.getFilePath().str();
        auto It = Trial.find(File);
        if (It == Trial.end())
          It = Trial.emplace(File, PerFile[File]).first;
        if (llvm::Error Err = It->second.add(R)) {
          llvm::consumeError(std::move(Err));
          Ok = false;
        }
      }
    }
    if (!Ok) {
      ++Result.Conflicts;
      continue;
    }
    for (auto &FileAndReps : Trial)
      PerFile[FileAndReps.first] = std::move(FileAndReps.second);
    for (const auto &FileAndReps : E.Message.Fix)
      for (const Replacement &R : FileAndReps.second)
        Seen.insert(std::make_tuple(R.getFilePath().str(), R.getOffset(),
                                    R.getLength(),
                                    R.getReplacementText().str()));
    ++Result.Applied;
  }

  for (const auto &FileAndReps : PerFile) {
    if (FileAndReps.second.empty())
      continue;
    auto Buf = llvm::MemoryBuffer::getFile(FileAndReps.first);
    if (!Buf) {
      Result.Errors.push_back(FileAndReps.first + ": " +
                              Buf.getError().message());
      continue;
    }
    llvm::Expected<std::string> New = clang::tooling::applyAllReplacements(
        (*Buf)->getBuffer(), FileAndReps.second);
    if (!New) {
      Result.Errors.push_back(FileAndReps.first + ": " +
                              llvm::toString(New.takeError()));
      continue;
    }
    std::error_code EC;
    llvm::raw_fd_ostream OS(FileAndReps.first, EC, llvm::sys::fs::OF_None);
    if (EC) {
      Result.Errors.push_back(FileAndReps.first + ": " + EC.message());
      continue;
    }
    OS << *New;
    ++Result.FilesChanged;
  }
  return Result;
}

} // namespace clang::tidy::hotpath::findings
