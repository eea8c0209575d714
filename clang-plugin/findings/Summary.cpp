//===--- Summary.cpp - hotpath standalone tool ----------------------------===//

#include "findings/Summary.h"
#include "relevance/RunOnce.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include <cstdio>
#include <set>
#include <tuple>

using namespace llvm;

namespace clang::tidy::hotpath::findings {

// Findings the checks held back as run-once code, each location once (a
// header's finding is seen from every TU that includes it).
std::vector<clang::tidy::hotpath::findings::HeldBack> takeHeldBack() {
  std::vector<clang::tidy::hotpath::findings::HeldBack> Out;
  for (const relevance::HeldBackFinding &H :
       relevance::takeHeldBackFindings()) {
    SmallString<256> Abs(H.File);
    sys::fs::make_absolute(Abs);
    sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    Out.push_back(
        {H.Check, Abs.str().str(), H.Offset, relevance::describe(H.Why).str()});
  }
  return Out;
}

static void printHeldBack(
    raw_ostream &OS,
    const std::vector<clang::tidy::hotpath::findings::HeldBack> &Held) {
  std::set<std::tuple<std::string, std::string, unsigned>> Seen;
  std::map<std::string, unsigned> PerReason;
  unsigned Total = 0;
  for (const clang::tidy::hotpath::findings::HeldBack &H : Held) {
    if (!Seen.insert({H.Check, H.File, H.Offset}).second)
      continue;
    ++Total;
    ++PerReason[H.Why];
  }
  if (!Total)
    return;
  OS << formatv("hotpath: {0} finding{1} held back in code that runs once (",
                Total, Total == 1 ? "" : "s");
  bool First = true;
  for (const auto &[Why, N] : PerReason) {
    OS << (First ? "" : ", ") << Why << ": " << N;
    First = false;
  }
  OS << "); --include-run-once reports them\n";
}

void printSummary(raw_ostream &OS, const RunSummary &S) {
  OS << formatv("hotpath: {0} {1}, {2} failed, ", S.Analysed, S.Unit, S.Failed);
  if (S.Crashed)
    OS << formatv("{0} crashed, ", S.Crashed);
  OS << formatv("{0} findings in {1:f1}s", S.Findings, S.Seconds);
  if (!S.PerCheck.empty()) {
    OS << " (";
    bool First = true;
    for (const auto &[Check, N] : S.PerCheck) {
      OS << (First ? "" : ", ") << Check << ": " << N;
      First = false;
    }
    OS << ")";
  }
  OS << "\n";
  printHeldBack(OS, S.HeldBack);
  if (S.BelowShare) {
    char Pct[32];
    std::snprintf(Pct, sizeof Pct, "%g", S.MinShare);
    OS << formatv("hotpath: {0} findings below --min-share={1}% hidden\n",
                  S.BelowShare, Pct);
  }
}

} // namespace clang::tidy::hotpath::findings
