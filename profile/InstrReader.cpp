//===--- InstrReader.cpp - hotpath profiles -------------------------------===//
//
// LLVM instrumentation with coverage mapping, read the way llvm-cov reads it
// (LLVM's coverage library): region segments for exact counts at a source
// position, line counts for weights. Stale input never gives a wrong count:
// functions whose hash differs from the profile are left out by the library
// (and counted here), and a source file changed after the binary was built is
// dropped with a warning, since the binary's line numbers no longer fit it.
//
//===----------------------------------------------------------------------===//

#include "Load.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ProfileData/Coverage/CoverageMapping.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/VirtualFileSystem.h"

namespace hotpath::profile {

llvm::Expected<std::unique_ptr<Profile>>
readInstr(llvm::StringRef ProfData, llvm::ArrayRef<std::string> Binaries) {
  auto Fail = [&](const llvm::Twine &Msg) {
    return llvm::createStringError(std::errc::invalid_argument, "%s",
                                   Msg.str().c_str());
  };
  if (Binaries.empty())
    return Fail(ProfData + ": an instrumentation profile needs the "
                           "instrumented program: pass --profile-binary=<file> "
                           "(once per executable or shared library)");
  llvm::sys::TimePoint<> Newest;
  std::vector<llvm::StringRef> Objects;
  for (const std::string &B : Binaries) {
    llvm::sys::fs::file_status St;
    if (llvm::sys::fs::status(B, St) || !llvm::sys::fs::exists(St))
      return Fail("profile binary " + B + ": no such file");
    Newest = std::max(Newest, St.getLastModificationTime());
    Objects.push_back(B);
  }
  auto CM = llvm::coverage::CoverageMapping::load(
      Objects, ProfData, *llvm::vfs::getRealFileSystem());
  if (!CM) {
    std::string Why = llvm::toString(CM.takeError());
    if (llvm::StringRef(Why).contains("no coverage data found"))
      Why += " (build the program with -fprofile-instr-generate "
             "-fcoverage-mapping)";
    return Fail(ProfData + " with " + llvm::join(Binaries, ", ") + ": " + Why);
  }

  auto P = std::make_unique<Profile>(Source::Instr, ProfData.str());
  uint64_t Total = 0;
  unsigned StaleFiles = 0;
  for (llvm::StringRef Name : (*CM)->getUniqueSourceFiles()) {
    llvm::sys::fs::file_status St;
    if (!llvm::sys::fs::status(Name, St) &&
        St.getLastModificationTime() > Newest) {
      P->Warnings.push_back(
          (Name + " changed after the profiled binary was built; its "
                  "counts are not used (rebuild and rerun the program)")
              .str());
      ++StaleFiles;
      continue;
    }
    llvm::coverage::CoverageData Data = (*CM)->getCoverageForFile(Name);
    FileProfile &F = P->fileFor(Name);
    for (const llvm::coverage::CoverageSegment &S : Data)
      F.Segments.push_back({S.Line, S.Col, S.Count, S.HasCount});
    for (const auto &LCS : llvm::coverage::getLineCoverageStats(Data)) {
      if (!LCS.isMapped())
        continue;
      F.Lines[LCS.getLine()].Executions = LCS.getExecutionCount();
      Total += LCS.getExecutionCount();
    }
  }
  unsigned Matched = 0;
  for (const auto &Fn : (*CM)->getCoveredFunctions()) {
    (void)Fn;
    ++Matched;
  }
  unsigned Mismatched = (*CM)->getMismatchedCount();
  if (Mismatched) {
    std::string Names;
    unsigned Shown = 0;
    for (const auto &[Name, Hash] : (*CM)->getHashMismatches()) {
      if (Shown++ == 3) {
        Names += ", ...";
        break;
      }
      Names += (Shown > 1 ? ", " : "") + Name;
    }
    P->Warnings.push_back(
        (llvm::Twine(Mismatched) + " of " + llvm::Twine(Matched + Mismatched) +
         " functions in " + ProfData +
         " do not match the binary (a stale profile?) and are not counted: " +
         Names)
            .str());
  }
  P->setTotal(Total);
  P->Description =
      ("instr profile " + ProfData + ": " + llvm::Twine(Matched) + " of " +
       llvm::Twine(Matched + Mismatched) + " functions matched, " +
       llvm::Twine(P->fileCount()) + " source files" +
       (StaleFiles ? ", " + llvm::Twine(StaleFiles) + " stale" : ""))
          .str();
  return std::move(P);
}

} // namespace hotpath::profile
