//===--- Stats.cpp - hotpath verify statistics ----------------------------===//

#include "Stats.h"
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>

namespace hotpath::verify {

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

/// Type 7 quantile of sorted, non-empty samples: the value at position
/// (N - 1) * Prob, interpolated linearly between its two neighbours.
double quantile(const std::vector<double> &Sorted, double Prob) {
  double Pos = (Sorted.size() - 1) * Prob;
  size_t Lo = static_cast<size_t>(std::floor(Pos));
  if (Lo + 1 >= Sorted.size())
    return Sorted.back();
  double Frac = Pos - Lo;
  return Sorted[Lo] + Frac * (Sorted[Lo + 1] - Sorted[Lo]);
}

/// Number of arrangements of N1 + N2 distinct values into the two samples
/// giving each value of U (Count[U], U = 0 .. N1 * N2), U counting the pairs
/// (a, b) with a > b. Dynamic programming over the sizes: with the largest
/// value in sample A it is above all J values of B (U grows by J), in sample
/// B above none of A:
///   F(I, J)[U] = F(I - 1, J)[U - J] + F(I, J - 1)[U],  F(I, 0) = F(0, J) = 1@0
/// kept as one row per I, updated in place for J = 1 .. N2. The counts are
/// at most C(40, 20) ~ 1.4e11 for the sizes this is used for.
std::vector<uint64_t> uDistribution(size_t N1, size_t N2) {
  size_t MaxU = N1 * N2;
  // Row[I] = F(I, J) for the current J; starts at J = 0.
  std::vector<std::vector<uint64_t>> Row(N1 + 1,
                                         std::vector<uint64_t>(MaxU + 1, 0));
  for (auto &R : Row)
    R[0] = 1;
  for (size_t J = 1; J <= N2; ++J)
    for (size_t I = 1; I <= N1; ++I)
      // Row[I] still holds F(I, J - 1); Row[I - 1] already holds F(I - 1, J).
      // U for (I, J) is at most I * J.
      for (size_t U = I * J; U >= J; --U)
        Row[I][U] += Row[I - 1][U - J];
  return std::move(Row[N1]);
}

struct RankTest {
  double U1; // pairs (a, b) with a > b, ties counting one half
  double P;
  bool Exact;
};

RankTest rankTest(const std::vector<double> &A, const std::vector<double> &B) {
  size_t N1 = A.size(), N2 = B.size();
  if (N1 == 0 || N2 == 0)
    return {NaN, NaN, false};

  // Pool both samples (the flag says which), sort, give tied values the
  // average of the ranks they span, and sum the ranks of A.
  std::vector<std::pair<double, bool>> Pooled;
  Pooled.reserve(N1 + N2);
  for (double X : A)
    Pooled.emplace_back(X, true);
  for (double X : B)
    Pooled.emplace_back(X, false);
  std::sort(Pooled.begin(), Pooled.end(),
            [](const auto &L, const auto &R) { return L.first < R.first; });
  double RankSumA = 0;
  double TieSum = 0; // sum of t^3 - t over groups of t tied values
  for (size_t First = 0; First < Pooled.size();) {
    size_t Last = First + 1;
    while (Last < Pooled.size() && Pooled[Last].first == Pooled[First].first)
      ++Last;
    // 1-based ranks First + 1 .. Last, averaged.
    double Rank = (First + 1 + Last) / 2.0;
    double T = Last - First;
    TieSum += T * T * T - T;
    for (size_t K = First; K < Last; ++K)
      if (Pooled[K].second)
        RankSumA += Rank;
    First = Last;
  }
  double U1 = RankSumA - N1 * (N1 + 1) / 2.0;
  double UMin = std::min(U1, N1 * N2 - U1);

  if (TieSum == 0 && N1 + N2 <= 40) {
    // Exact: p = 2 P(U <= observed min U), over all C(N1 + N2, N1) equally
    // likely arrangements (U is an integer without ties).
    std::vector<uint64_t> Count = uDistribution(N1, N2);
    uint64_t Total = 0, Tail = 0;
    for (size_t U = 0; U < Count.size(); ++U) {
      Total += Count[U];
      if (U <= static_cast<size_t>(UMin))
        Tail += Count[U];
    }
    return {U1, std::min(1.0, 2.0 * Tail / Total), true};
  }

  // Normal approximation: mean N1 N2 / 2, variance with the tie correction
  // N1 N2 / 12 * ((N + 1) - sum(t^3 - t) / (N (N - 1))), and a continuity
  // correction of 1/2 towards the mean; p = 2 (1 - Phi(z)) = erfc(z / sqrt 2).
  double N = N1 + N2;
  double Mean = N1 * N2 / 2.0;
  double Variance = N1 * N2 / 12.0 * ((N + 1) - TieSum / (N * (N - 1)));
  if (Variance <= 0) // every value tied: no evidence either way
    return {U1, 1.0, false};
  double Z = std::max(0.0, (std::fabs(U1 - Mean) - 0.5) / std::sqrt(Variance));
  return {U1, std::min(1.0, std::erfc(Z / std::sqrt(2.0))), false};
}

} // namespace

Summary summarise(std::vector<double> Samples) {
  Summary S;
  S.N = Samples.size();
  if (Samples.empty()) {
    S.Median = S.Q1 = S.Q3 = S.Iqr = S.Mad = S.Min = S.Max = NaN;
    return S;
  }
  std::sort(Samples.begin(), Samples.end());
  S.Min = Samples.front();
  S.Max = Samples.back();
  S.Median = quantile(Samples, 0.5);
  S.Q1 = quantile(Samples, 0.25);
  S.Q3 = quantile(Samples, 0.75);
  S.Iqr = S.Q3 - S.Q1;
  for (double &X : Samples)
    X = std::fabs(X - S.Median);
  std::sort(Samples.begin(), Samples.end());
  S.Mad = quantile(Samples, 0.5);
  return S;
}

MannWhitney mannWhitneyU(const std::vector<double> &A,
                         const std::vector<double> &B) {
  RankTest R = rankTest(A, B);
  double Pairs = static_cast<double>(A.size()) * B.size();
  return {std::min(R.U1, Pairs - R.U1), R.P, R.Exact};
}

double minAchievableP(size_t N1, size_t N2) {
  // The most extreme arrangement (all of one sample below all of the other)
  // is one of C(N1 + N2, N1), and the two-sided test counts both ends.
  double Arrangements = 1;
  for (size_t K = 1; K <= N1; ++K)
    Arrangements = Arrangements * (N2 + K) / K;
  return std::min(1.0, 2.0 / Arrangements);
}

Comparison compare(const std::vector<double> &Base,
                   const std::vector<double> &Fixed, double Alpha,
                   bool LowerIsBetter) {
  Comparison C;
  C.Base = summarise(Base);
  C.Fixed = summarise(Fixed);
  if (Base.empty() || Fixed.empty())
    C.DeltaPercent = NaN;
  else if (C.Base.Median != 0)
    C.DeltaPercent = (C.Fixed.Median - C.Base.Median) / C.Base.Median * 100;
  else if (C.Fixed.Median == 0)
    C.DeltaPercent = 0;
  else
    C.DeltaPercent =
        std::copysign(std::numeric_limits<double>::infinity(), C.Fixed.Median);

  RankTest R = rankTest(Base, Fixed);
  double Pairs = static_cast<double>(Base.size()) * Fixed.size();
  C.U = std::min(R.U1, Pairs - R.U1);
  C.P = R.P;
  C.Exact = R.Exact;

  if (minAchievableP(Base.size(), Fixed.size()) >= Alpha)
    C.V = Comparison::TooFewSamples;
  else if (!(C.P < Alpha))
    C.V = Comparison::NoChange;
  else {
    // Significant, so U1 is away from its mean: U1 above it means the
    // baseline's samples tend to be the larger ones.
    bool FixedLower = R.U1 > Pairs / 2;
    C.V = FixedLower == LowerIsBetter ? Comparison::Faster : Comparison::Slower;
  }
  return C;
}

const char *verdictName(Comparison::Verdict V) {
  switch (V) {
  case Comparison::Faster:
    return "faster";
  case Comparison::Slower:
    return "slower";
  case Comparison::NoChange:
    return "no significant change";
  case Comparison::TooFewSamples:
    return "too few samples";
  }
  return "unknown";
}

} // namespace hotpath::verify
