//===--- Summary.h - hotpath standalone tool ------------------------------===//
//
// What the tool prints on stderr besides the findings: the progress line on
// a terminal and the summary at the end (files, findings per check, findings
// held back as run-once code, findings hidden by --min-share).
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_STANDALONE_SUMMARY_H
#define HOTPATH_STANDALONE_SUMMARY_H

#include "findings/FindingsFile.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <cstddef>
#include <map>
#include <string>

namespace clang::tidy::hotpath::findings {

/// "[done/total] N findings, 1.2s elapsed, ETA 3s" on a terminal.
class Progress {
public:
  Progress(size_t Total, bool Enabled)
      : Total(Total), Enabled(Enabled),
        Start(std::chrono::steady_clock::now()) {}

  void update(size_t Done, size_t Findings) {
    if (!Enabled)
      return;
    double Elapsed = seconds();
    double Eta = Done ? Elapsed / Done * (Total - Done) : 0;
    llvm::errs() << llvm::formatv(
        "\r\033[K[{0}/{1}] {2} findings, {3:f1}s elapsed, "
        "ETA {4:f0}s",
        Done, Total, Findings, Elapsed, Eta);
    llvm::errs().flush();
  }
  void clear() {
    if (Enabled)
      llvm::errs() << "\r\033[K";
  }
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                         Start)
        .count();
  }

private:
  size_t Total;
  bool Enabled;
  std::chrono::steady_clock::time_point Start;
};

// A non-owning view, so the parser's database can be wrapped with adjusters.
struct RunSummary {
  size_t Analysed = 0, Failed = 0, Crashed = 0, Findings = 0;
  double Seconds = 0;
  std::map<std::string, unsigned> PerCheck;
  size_t BelowShare = 0; // hidden by --min-share
  double MinShare = 0;
  /// Held back as run-once code, in every TU (a header's more than once).
  std::vector<clang::tidy::hotpath::findings::HeldBack> HeldBack;
  llvm::StringRef Unit = "files analysed"; // `report`: "TU files merged"
};

/// The checks' held-back findings since the last call, for RunSummary.
std::vector<clang::tidy::hotpath::findings::HeldBack> takeHeldBack();

/// "hotpath: 5 files analysed, 0 failed, 13 findings in 1.7s (...)", the
/// findings held back as run-once code, and those --min-share hid.
void printSummary(llvm::raw_ostream &OS, const RunSummary &S);

} // namespace clang::tidy::hotpath::findings

#endif
