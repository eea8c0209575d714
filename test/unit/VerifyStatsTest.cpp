//===--- VerifyStatsTest.cpp - hotpath verify statistics tests ------------===//
//
// Unit tests for verify/Stats: summaries on small sets checked by hand, the
// Mann-Whitney U test against hand-checkable cases, against a brute-force
// enumeration of every arrangement for small sizes, and against the
// reference implementation in bench/compare.py (mann_whitney_p), and the
// verdicts of compare().
//
//===----------------------------------------------------------------------===//

#include "../../verify/Stats.h"
#include "gtest/gtest.h"
#include <algorithm>
#include <cmath>
#include <vector>

using namespace hotpath::verify;

namespace {

// Reference p-values below were computed once with
//   python3 -c "import sys; sys.path.insert(0,'bench');
//     from compare import mann_whitney_p;
//     print(repr(mann_whitney_p([...], [...])))"
// on the same samples (Base first); U by counting pairs by hand.

TEST(VerifyStatsSummary, OddCount) {
  // Sorted: 1 1 2 3 4 5 5 6 9.
  Summary S = summarise({3, 1, 4, 1, 5, 9, 2, 6, 5});
  EXPECT_EQ(S.N, 9u);
  EXPECT_DOUBLE_EQ(S.Median, 4);
  EXPECT_DOUBLE_EQ(S.Q1, 2); // position 2 exactly
  EXPECT_DOUBLE_EQ(S.Q3, 5); // position 6 exactly
  EXPECT_DOUBLE_EQ(S.Iqr, 3);
  // |x - 4|: 1 3 0 3 1 5 2 2 1 -> sorted 0 1 1 1 2 2 3 3 5, median 2.
  EXPECT_DOUBLE_EQ(S.Mad, 2);
  EXPECT_DOUBLE_EQ(S.Min, 1);
  EXPECT_DOUBLE_EQ(S.Max, 9);
}

TEST(VerifyStatsSummary, EvenCountInterpolates) {
  Summary S = summarise({8, 7, 6, 5, 4, 3, 2, 1});
  EXPECT_EQ(S.N, 8u);
  EXPECT_DOUBLE_EQ(S.Median, 4.5);
  // Type 7: position (8 - 1) * 0.25 = 1.75 -> 2 + 0.75 * (3 - 2).
  EXPECT_DOUBLE_EQ(S.Q1, 2.75);
  EXPECT_DOUBLE_EQ(S.Q3, 6.25);
  EXPECT_DOUBLE_EQ(S.Iqr, 3.5);
  // |x - 4.5|: 0.5 0.5 1.5 1.5 2.5 2.5 3.5 3.5, median 2.
  EXPECT_DOUBLE_EQ(S.Mad, 2);
  EXPECT_DOUBLE_EQ(S.Min, 1);
  EXPECT_DOUBLE_EQ(S.Max, 8);
}

TEST(VerifyStatsSummary, OneAndNone) {
  Summary One = summarise({42});
  EXPECT_EQ(One.N, 1u);
  EXPECT_DOUBLE_EQ(One.Median, 42);
  EXPECT_DOUBLE_EQ(One.Q1, 42);
  EXPECT_DOUBLE_EQ(One.Q3, 42);
  EXPECT_DOUBLE_EQ(One.Iqr, 0);
  EXPECT_DOUBLE_EQ(One.Mad, 0);

  Summary None = summarise({});
  EXPECT_EQ(None.N, 0u);
  EXPECT_TRUE(std::isnan(None.Median));
  EXPECT_TRUE(std::isnan(None.Iqr));
  EXPECT_TRUE(std::isnan(None.Mad));
}

TEST(VerifyStatsMannWhitney, ThreeVsThreeSeparated) {
  // U = 0; exact: 2 of C(6, 3) = 20 arrangements are this extreme.
  MannWhitney R = mannWhitneyU({1, 2, 3}, {4, 5, 6});
  EXPECT_DOUBLE_EQ(R.U, 0);
  EXPECT_TRUE(R.Exact);
  EXPECT_DOUBLE_EQ(R.P, 0.1); // mann_whitney_p: 0.1
  // Either order gives the same two-sided test.
  MannWhitney Swapped = mannWhitneyU({4, 5, 6}, {1, 2, 3});
  EXPECT_DOUBLE_EQ(Swapped.U, 0);
  EXPECT_DOUBLE_EQ(Swapped.P, 0.1);
}

TEST(VerifyStatsMannWhitney, FiveVsFiveSeparated) {
  MannWhitney R = mannWhitneyU({1, 2, 3, 4, 5}, {6, 7, 8, 9, 10});
  EXPECT_DOUBLE_EQ(R.U, 0);
  EXPECT_TRUE(R.Exact);
  EXPECT_DOUBLE_EQ(R.P, 2.0 / 252); // mann_whitney_p: 0.007936507936507936
}

TEST(VerifyStatsMannWhitney, IdenticalSamples) {
  // Every value tied: the normal approximation has no variance; p = 1.
  MannWhitney R = mannWhitneyU({7, 7, 7, 7, 7}, {7, 7, 7, 7, 7});
  EXPECT_DOUBLE_EQ(R.U, 12.5);
  EXPECT_FALSE(R.Exact);
  EXPECT_DOUBLE_EQ(R.P, 1.0); // mann_whitney_p: 1.0
}

TEST(VerifyStatsMannWhitney, OverlapCapsAtOne) {
  // Interleaved samples: U at its mean, 2 P(U <= mean) > 1 is capped.
  MannWhitney R = mannWhitneyU({1, 4, 5, 8}, {2, 3, 6, 7});
  EXPECT_DOUBLE_EQ(R.U, 8);
  EXPECT_TRUE(R.Exact);
  EXPECT_DOUBLE_EQ(R.P, 1.0);
}

TEST(VerifyStatsMannWhitney, TiesUseNormalApproximation) {
  // Ties in both samples (3, 4, 5 across them): average ranks, U1 = 6.5.
  MannWhitney R = mannWhitneyU({1, 2, 2, 3, 4, 4, 5}, {3, 4, 5, 5, 6, 7, 7});
  EXPECT_DOUBLE_EQ(R.U, 6.5);
  EXPECT_FALSE(R.Exact);
  EXPECT_NEAR(R.P, 0.02359887860663427, 1e-12); // mann_whitney_p

  // 10 vs 10 with ties, U1 = 67.5 (min 32.5).
  MannWhitney T = mannWhitneyU({12, 13, 13, 14, 15, 15, 15, 16, 17, 18},
                               {11, 12, 12, 13, 13, 14, 14, 15, 16, 16});
  EXPECT_DOUBLE_EQ(T.U, 32.5);
  EXPECT_FALSE(T.Exact);
  EXPECT_NEAR(T.P, 0.19331887899928604, 1e-12); // mann_whitney_p
}

TEST(VerifyStatsMannWhitney, TenVsTenExactReference) {
  std::vector<double> Base = {10.2, 11.5, 9.8,  12.1, 10.9,
                              11.1, 10.4, 12.6, 9.5,  11.8};
  std::vector<double> Fixed = {9.1, 10.0, 8.7,  9.9, 10.3,
                               8.9, 9.4,  10.8, 9.6, 8.8};
  MannWhitney R = mannWhitneyU(Base, Fixed);
  EXPECT_DOUBLE_EQ(R.U, 12); // U1 = 88 of 100 pairs
  EXPECT_TRUE(R.Exact);
  EXPECT_NEAR(R.P, 0.002879473467708762, 1e-15); // mann_whitney_p
}

TEST(VerifyStatsMannWhitney, LargeSamplesNormalApproximation) {
  // 21 vs 21 (n1 + n2 > 40), no ties: 100..120 against 110.5..130.5.
  std::vector<double> A, B;
  for (int I = 0; I < 21; ++I) {
    A.push_back(100 + I);
    B.push_back(110.5 + I);
  }
  MannWhitney R = mannWhitneyU(A, B);
  EXPECT_DOUBLE_EQ(R.U, 55); // 1 + 2 + ... + 10 pairs with a > b
  EXPECT_FALSE(R.Exact);
  EXPECT_NEAR(R.P, 3.3146414399001704e-05, 1e-15); // mann_whitney_p
}

TEST(VerifyStatsMannWhitney, ExactMatchesBruteForce) {
  // Every arrangement of N1 + N2 distinct values into two samples: the
  // exact p is 2 * (arrangements with U1 <= the observed min U) / all,
  // capped at 1, counted here without the dynamic programming.
  for (size_t N1 = 1; N1 <= 5; ++N1)
    for (size_t N2 = 1; N2 <= 5; ++N2) {
      size_t N = N1 + N2;
      std::vector<int> U1s;
      std::vector<std::vector<bool>> Masks;
      std::vector<bool> InA(N, false);
      std::fill(InA.begin(), InA.begin() + N1, true);
      std::sort(InA.begin(), InA.end());
      do {
        int U1 = 0, BelowB = 0;
        for (size_t K = 0; K < N; ++K) {
          if (InA[K])
            U1 += BelowB;
          else
            ++BelowB;
        }
        U1s.push_back(U1);
        Masks.push_back(InA);
      } while (std::next_permutation(InA.begin(), InA.end()));

      for (size_t M = 0; M < Masks.size(); ++M) {
        std::vector<double> A, B;
        for (size_t K = 0; K < N; ++K)
          (Masks[M][K] ? A : B).push_back(static_cast<double>(K));
        int UMin = std::min<int>(U1s[M], static_cast<int>(N1 * N2) - U1s[M]);
        size_t AsExtreme = std::count_if(U1s.begin(), U1s.end(),
                                         [&](int U) { return U <= UMin; });
        double Expected =
            std::min(1.0, 2.0 * AsExtreme / static_cast<double>(U1s.size()));
        MannWhitney R = mannWhitneyU(A, B);
        ASSERT_TRUE(R.Exact);
        ASSERT_DOUBLE_EQ(R.U, UMin) << N1 << " vs " << N2;
        ASSERT_NEAR(R.P, Expected, 1e-12) << N1 << " vs " << N2;
      }
    }
}

TEST(VerifyStatsMannWhitney, EmptySample) {
  MannWhitney R = mannWhitneyU({}, {1, 2, 3});
  EXPECT_TRUE(std::isnan(R.U));
  EXPECT_TRUE(std::isnan(R.P));
}

TEST(VerifyStatsMinP, Sizes) {
  EXPECT_DOUBLE_EQ(minAchievableP(3, 3), 0.1);
  EXPECT_DOUBLE_EQ(minAchievableP(4, 4), 2.0 / 70);
  EXPECT_DOUBLE_EQ(minAchievableP(5, 5), 2.0 / 252);
  EXPECT_DOUBLE_EQ(minAchievableP(3, 4), 2.0 / 35);
  EXPECT_DOUBLE_EQ(minAchievableP(1, 1), 1.0); // 2 / 2
  EXPECT_DOUBLE_EQ(minAchievableP(0, 5), 1.0); // capped
  EXPECT_DOUBLE_EQ(minAchievableP(2, 1), 2.0 / 3);
}

TEST(VerifyStatsCompare, TooFewSamples) {
  // 3 vs 3 cannot reach p < 0.05 however the samples fall.
  Comparison C = compare({1, 2, 3}, {4, 5, 6});
  EXPECT_DOUBLE_EQ(C.U, 0);
  EXPECT_DOUBLE_EQ(C.P, 0.1);
  EXPECT_TRUE(C.Exact);
  EXPECT_EQ(C.V, Comparison::TooFewSamples);
  EXPECT_STREQ(verdictName(C.V), "too few samples");
  // The same sizes can at alpha = 0.2.
  EXPECT_EQ(compare({1, 2, 3}, {4, 5, 6}, 0.2).V, Comparison::Slower);
  // And 4 vs 4 can at 0.05 (min p = 2/70).
  EXPECT_EQ(compare({1, 2, 3, 4}, {5, 6, 7, 8}).V, Comparison::Slower);
}

TEST(VerifyStatsCompare, FasterWhenFixedLower) {
  Comparison C = compare({10, 11, 12, 13, 14}, {5, 6, 7, 8, 9});
  EXPECT_DOUBLE_EQ(C.Base.Median, 12);
  EXPECT_DOUBLE_EQ(C.Fixed.Median, 7);
  EXPECT_NEAR(C.DeltaPercent, -500.0 / 12, 1e-12);
  EXPECT_DOUBLE_EQ(C.P, 2.0 / 252);
  EXPECT_EQ(C.V, Comparison::Faster);
  EXPECT_STREQ(verdictName(C.V), "faster");
  // Higher is better (a throughput): the same samples are a regression.
  EXPECT_EQ(compare({10, 11, 12, 13, 14}, {5, 6, 7, 8, 9}, 0.05, false).V,
            Comparison::Slower);
}

TEST(VerifyStatsCompare, SlowerWhenFixedHigher) {
  Comparison C = compare({5, 6, 7, 8, 9}, {10, 11, 12, 13, 14});
  EXPECT_NEAR(C.DeltaPercent, 500.0 / 7, 1e-12);
  EXPECT_GT(C.DeltaPercent, 0);
  EXPECT_EQ(C.V, Comparison::Slower);
  EXPECT_STREQ(verdictName(C.V), "slower");
  EXPECT_EQ(compare({5, 6, 7, 8, 9}, {10, 11, 12, 13, 14}, 0.05, false).V,
            Comparison::Faster);
}

TEST(VerifyStatsCompare, NoChange) {
  Comparison Same = compare({7, 7, 7, 7, 7}, {7, 7, 7, 7, 7});
  EXPECT_DOUBLE_EQ(Same.P, 1.0);
  EXPECT_DOUBLE_EQ(Same.DeltaPercent, 0);
  EXPECT_EQ(Same.V, Comparison::NoChange);
  EXPECT_STREQ(verdictName(Same.V), "no significant change");

  // Overlapping 10 vs 10 with ties: p = 0.193 (see above).
  Comparison C = compare({12, 13, 13, 14, 15, 15, 15, 16, 17, 18},
                         {11, 12, 12, 13, 13, 14, 14, 15, 16, 16});
  EXPECT_LT(C.DeltaPercent, 0);
  EXPECT_EQ(C.V, Comparison::NoChange);
}

TEST(VerifyStatsCompare, TenVsTenReference) {
  Comparison C =
      compare({10.2, 11.5, 9.8, 12.1, 10.9, 11.1, 10.4, 12.6, 9.5, 11.8},
              {9.1, 10.0, 8.7, 9.9, 10.3, 8.9, 9.4, 10.8, 9.6, 8.8});
  EXPECT_NEAR(C.Base.Median, 11.0, 1e-12); // (10.9 + 11.1) / 2
  EXPECT_NEAR(C.Fixed.Median, 9.5, 1e-12); // (9.4 + 9.6) / 2
  EXPECT_NEAR(C.DeltaPercent, -150.0 / 11, 1e-9);
  EXPECT_NEAR(C.P, 0.002879473467708762, 1e-15); // mann_whitney_p
  EXPECT_EQ(C.V, Comparison::Faster);
}

TEST(VerifyStatsCompare, ZeroBaseline) {
  // Allocation counts can be 0: no percentage of nothing.
  EXPECT_DOUBLE_EQ(compare({0, 0, 0}, {0, 0, 0}).DeltaPercent, 0);
  EXPECT_TRUE(std::isinf(compare({0, 0, 0}, {1, 1, 1}).DeltaPercent));
  EXPECT_GT(compare({0, 0, 0}, {1, 1, 1}).DeltaPercent, 0);
  EXPECT_TRUE(std::isnan(compare({}, {1, 2}).DeltaPercent));
  EXPECT_EQ(compare({}, {1, 2}).V, Comparison::TooFewSamples);
}

} // namespace
