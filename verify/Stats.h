//===--- Stats.h - hotpath verify statistics ------------------------------===//
//
// The statistics of `hotpath verify`: each benchmark runs N times on the
// baseline and N times on the fixed build (interleaved), and these turn the
// two sets of samples into what the report prints: median and spread of
// each, the change of the medians in percent, a two-sided Mann-Whitney U
// test, and a verdict at a significance level alpha.
//
//   Quartiles  linear interpolation between order statistics (Hyndman and
//              Fan type 7: R's default, numpy's "linear", Python's
//              statistics.quantiles(method="inclusive")).
//   MAD        the median of the absolute deviations from the median, raw
//              (not scaled by 1.4826 to estimate a normal sigma).
//   U test     average ranks for ties; exact two-sided p for n1 + n2 <= 40
//              without ties, the normal approximation with tie and
//              continuity correction otherwise (the method of
//              bench/compare.py's mann_whitney_p, which the tests check
//              against).
//
// Samples must be finite numbers (no NaN). Nothing here depends on LLVM.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_VERIFY_STATS_H
#define HOTPATH_VERIFY_STATS_H

#include <cstddef>
#include <vector>

namespace hotpath::verify {

/// Location and spread of one set of samples. With no samples N is 0 and
/// every other field is NaN; with one, every location field is that sample
/// and the spreads are 0.
struct Summary {
  double Median, Q1, Q3, Iqr, Mad, Min, Max;
  size_t N;
};

Summary summarise(std::vector<double> Samples);

/// A two-sided Mann-Whitney U test of two samples.
struct MannWhitney {
  /// min(U1, n1 * n2 - U1), U1 counting the pairs (a, b) with a > b plus
  /// half the ties; NaN when a sample is empty.
  double U;
  /// Two-sided p-value, at most 1; NaN when a sample is empty.
  double P;
  /// P is the exact permutation p-value (no ties, n1 + n2 <= 40); false:
  /// the normal approximation.
  bool Exact;
};

MannWhitney mannWhitneyU(const std::vector<double> &A,
                         const std::vector<double> &B);

/// The smallest two-sided p-value any arrangement of samples of sizes N1
/// and N2 can give in the exact test: 2 / C(N1 + N2, N1), capped at 1
/// (3 vs 3: 0.1; 4 vs 4: 0.029; 5 vs 5: 0.0079). Below alpha or no verdict
/// is possible.
double minAchievableP(size_t N1, size_t N2);

struct Comparison {
  Summary Base, Fixed;
  /// (Fixed.Median - Base.Median) / Base.Median * 100: negative when the
  /// fixed build's median is lower. With a zero baseline median: 0 when
  /// both are 0, +-infinity otherwise; NaN when a sample is empty.
  double DeltaPercent;
  double U; // as MannWhitney::U
  double P; // as MannWhitney::P
  bool Exact;
  /// Faster: the fixed build is significantly better (lower when
  /// LowerIsBetter, higher otherwise), Slower: significantly worse; the
  /// direction is the U test's (which sample tends to be larger), which is
  /// the medians' in all but contrived cases. TooFewSamples: the sizes
  /// cannot give p < alpha however the samples fall (minAchievableP), so
  /// no verdict either way.
  enum Verdict { Faster, Slower, NoChange, TooFewSamples } V;
};

/// Lower is better for times and allocation counts; pass false for
/// throughputs.
Comparison compare(const std::vector<double> &Base,
                   const std::vector<double> &Fixed, double Alpha = 0.05,
                   bool LowerIsBetter = true);

/// "faster", "slower", "no significant change", "too few samples".
const char *verdictName(Comparison::Verdict V);

} // namespace hotpath::verify

#endif // HOTPATH_VERIFY_STATS_H
