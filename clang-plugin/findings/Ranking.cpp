//===--- Ranking.cpp - hotpath standalone tool ----------------------------===//

#include "findings/Ranking.h"
#include "../../profile/Load.h"
#include "findings/FindingJson.h"
#include "findings/Outputs.h"
#include "relevance/Hotness.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/WithColor.h"
#include <algorithm>
#include <map>
#include <tuple>

namespace clang::tidy::hotpath::findings {

namespace prof = ::hotpath::profile;

std::shared_ptr<const prof::Profile>
loadProfile(const std::string &Path, const std::vector<std::string> &Binaries,
            bool Quiet) {
  prof::LoadRequest R{Path, Binaries};
  std::string Error;
  std::shared_ptr<const prof::Profile> P = prof::loadCached(R, Error);
  if (!P) {
    errorLine(Error + "; the findings are shown without hotness");
    return nullptr;
  }
  for (const std::string &W : P->Warnings)
    llvm::WithColor::warning(llvm::errs(), "hotpath") << W << "\n";
  return P;
}

void sortByHotness(std::vector<Finding> &Findings) {
  // 0: measured and ran, 1: not covered by the profile, 2: cold.
  auto Tier = [](const Finding &F) { return !F.Hot ? 1 : F.Hot->Cold ? 2 : 0; };
  auto Place = [](const Finding &F) {
    return std::tie(F.Loc.File, F.Loc.Line, F.Loc.Column, F.Check);
  };
  std::sort(Findings.begin(), Findings.end(),
            [&](const Finding &A, const Finding &B) {
              int TA = Tier(A), TB = Tier(B);
              if (TA != TB)
                return TA < TB;
              if (TA == 0 && A.Hot->Weight != B.Hot->Weight)
                return A.Hot->Weight > B.Hot->Weight;
              if (TA == 0 && A.Hot->Executions != B.Hot->Executions)
                return A.Hot->Executions.value_or(0) >
                       B.Hot->Executions.value_or(0);
              return Place(A) < Place(B);
            });
}

size_t dropBelowShare(std::vector<Finding> &Findings, double Percent) {
  size_t Before = Findings.size();
  llvm::erase_if(Findings, [&](const Finding &F) {
    return !F.Hot || F.Hot->Share * 100.0 < Percent;
  });
  return Before - Findings.size();
}

void printProfileSummary(llvm::raw_ostream &OS, const prof::Profile &P,
                         const std::vector<Finding> &Findings,
                         const std::vector<std::string> &AnalysedFiles) {
  bool Covers = llvm::any_of(AnalysedFiles, [&](const std::string &F) {
    return P.file(F) != nullptr;
  });
  if (!Covers && !AnalysedFiles.empty())
    llvm::WithColor::warning(OS, "hotpath")
        << "the profile " << P.path()
        << " covers none of the analysed files (was it recorded from this "
           "program, built with -g or coverage mapping?)\n";
  // The flagged code's share: nested ranges (a loop inside a measured
  // function) count once, through the outermost.
  std::map<std::string, std::vector<std::tuple<unsigned, unsigned, uint64_t>>>
      Ranges;
  unsigned Measured = 0, Cold = 0, Uncovered = 0;
  for (const Finding &F : Findings) {
    if (!F.Hot) {
      ++Uncovered;
      continue;
    }
    ++(F.Hot->Cold ? Cold : Measured);
    Ranges[F.Hot->RangeFile].push_back(
        {F.Hot->FirstLine, F.Hot->LastLine, F.Hot->Weight});
  }
  uint64_t Weight = 0;
  for (auto &[File, Rs] : Ranges) {
    std::sort(Rs.begin(), Rs.end(), [](const auto &A, const auto &B) {
      return std::get<0>(A) != std::get<0>(B) ? std::get<0>(A) < std::get<0>(B)
                                              : std::get<1>(A) > std::get<1>(B);
    });
    unsigned CoveredTo = 0;
    for (const auto &[First, Last, W] : Rs) {
      if (CoveredTo && Last <= CoveredTo)
        continue; // inside a range already counted
      Weight += W;
      CoveredTo = std::max(CoveredTo, Last);
    }
  }
  double Share = P.total() ? std::min(1.0, double(Weight) / P.total()) : 0;
  OS << llvm::formatv("hotpath: {0}; the flagged code holds {1:f1}% of it "
                      "({2} findings measured, {3} cold, {4} not covered)\n",
                      P.Description, Share * 100.0, Measured, Cold, Uncovered);
}

} // namespace clang::tidy::hotpath::findings
