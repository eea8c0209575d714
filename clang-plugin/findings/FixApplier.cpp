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

namespace {

// Adds \p R; an insertion where another finding already inserts (two
// reserve() calls before one loop) becomes one insertion of both texts,
// the earlier one's first, rather than a conflict left for a second run.
llvm::Error addMerging(Replacements &Reps, const Replacement &R) {
  llvm::Error Err = Reps.add(R);
  if (!Err || R.getLength() != 0)
    return Err;
  const Replacement *Same = nullptr;
  for (const Replacement &X : Reps)
    if (X.getOffset() == R.getOffset() && X.getLength() == 0)
      Same = &X;
  if (!Same)
    return Err;
  llvm::consumeError(std::move(Err));
  Replacements Merged;
  for (const Replacement &X : Reps)
    if (&X != Same)
      if (llvm::Error E = Merged.add(X))
        return E;
  if (llvm::Error E = Merged.add(Replacement(R.getFilePath(), R.getOffset(), 0,
                                             Same->getReplacementText().str() +
                                                 R.getReplacementText().str())))
    return E;
  Reps = std::move(Merged);
  return llvm::Error::success();
}

} // namespace

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
        if (llvm::Error Err = addMerging(It->second, R)) {
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
