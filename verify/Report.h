//===--- Report.h - hotpath verify ----------------------------------------===//
//
// What verify found, as a benchstat-like text table, JSON for tools,
// Markdown for a pull-request comment, and an SVG chart of before/after.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_VERIFY_REPORT_H
#define HOTPATH_VERIFY_REPORT_H

#include "Options.h"
#include "Stats.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace hotpath::verify {

struct MetricResult {
  std::string Name; // "BM_parse time/op (ns)", "wall time (s)"
  Comparison C;
};

/// One measured variant against the baseline.
struct VariantResult {
  std::string Name;                  // "all fixes", "hp-1a2b3c4d"
  std::vector<std::string> Findings; // the ids whose fixes it carries
  std::vector<std::string> Describe; // "hp-... hotpath-x file:line"
  enum TestState { NotRun, Passed, Failed } Tests = NotRun;
  std::string TestOutput; // the failing output
  std::vector<MetricResult> Metrics;
  /// At least one metric significantly better, none significantly worse,
  /// tests passed or not given.
  bool proven() const;
  bool worse() const;
};

struct Report {
  std::string Benchmark; // the command, as given
  bool GoogleBenchmark = false;
  unsigned Reps = 0;
  std::vector<VariantResult> Variants;
  std::vector<std::string> Conflicts; // fixes left out: they overlap others
  std::vector<std::string> AppliedToTree, LeftOut; // --apply
  double BuildSeconds = 0, BenchSeconds = 0, OwnSeconds = 0;
};

void writeReport(llvm::raw_ostream &OS, const Report &R, Format F);
/// Before/after per metric of the first variant, as bars relative to the
/// baseline's median.
void writeChart(llvm::raw_ostream &OS, const Report &R);

/// "0.412 s", "2.1 M", "151 ns" for a metric's value.
std::string formatValue(const std::string &Metric, double V);

} // namespace hotpath::verify

#endif // HOTPATH_VERIFY_REPORT_H
