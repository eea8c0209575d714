// Unit tests for checks/utils/RecordLayoutMath: the layout model against
// known ABI results, and the best order against every permutation of small
// generated records.

#include "analyses/RecordLayoutMath.h"
#include "gtest/gtest.h"
#include <algorithm>
#include <numeric>
#include <random>

using namespace clang::tidy::hotpath::analyses;

namespace {

LayoutField plain(std::uint64_t Size, std::uint64_t Align) {
  return {Size, Size, Align, false};
}

LayoutInput record(std::vector<LayoutField> Fields, std::uint64_t Start = 0) {
  LayoutInput In;
  In.Start = Start;
  In.MinSize = Start;
  In.Fields = std::move(Fields);
  In.RecordAlign = 1;
  for (const LayoutField &F : In.Fields)
    In.RecordAlign = std::max(In.RecordAlign, F.Align);
  return In;
}

std::uint64_t bruteForceMin(const LayoutInput &In) {
  std::vector<unsigned> Order(In.Fields.size());
  std::iota(Order.begin(), Order.end(), 0u);
  std::uint64_t Best = layoutInOrder(In, Order).Size;
  while (std::next_permutation(Order.begin(), Order.end()))
    Best = std::min(Best, layoutInOrder(In, Order).Size);
  return Best;
}

bool isPermutation(const std::vector<unsigned> &Order, std::size_t N) {
  std::vector<unsigned> Sorted = Order;
  std::sort(Sorted.begin(), Sorted.end());
  std::vector<unsigned> Iota(N);
  std::iota(Iota.begin(), Iota.end(), 0u);
  return Sorted == Iota;
}

TEST(RecordLayoutMath, DeclaredOrderMatchesTheAbi) {
  // struct { bool; int64; bool; int32; bool; int64; char; } on x86-64.
  LayoutInput In = record({plain(1, 1), plain(8, 8), plain(1, 1), plain(4, 4),
                           plain(1, 1), plain(8, 8), plain(1, 1)});
  LayoutResult R = layoutAsDeclared(In);
  EXPECT_EQ(R.Size, 48u);
  EXPECT_EQ(R.Offsets, (std::vector<std::uint64_t>{0, 8, 16, 20, 24, 32, 40}));
  EXPECT_EQ(paddingBytes(In, R.Size), 24u);
}

TEST(RecordLayoutMath, SortsByDecreasingAlignmentWhenThatIsOptimal) {
  LayoutInput In = record({plain(1, 1), plain(8, 8), plain(1, 1), plain(4, 4),
                           plain(1, 1), plain(8, 8), plain(1, 1)});
  BestLayout B = bestLayout(In);
  EXPECT_TRUE(B.Proven);
  EXPECT_EQ(B.Size, 24u);
  // Same-shaped fields keep their declaration order.
  EXPECT_EQ(B.Order, (std::vector<unsigned>{1, 5, 3, 0, 2, 4, 6}));
}

TEST(RecordLayoutMath, TailPaddingCannotAlwaysBeSaved) {
  // int, int, bool, char, double: 24 bytes whatever the order.
  LayoutInput In =
      record({plain(4, 4), plain(4, 4), plain(1, 1), plain(1, 1), plain(8, 8)});
  EXPECT_EQ(layoutAsDeclared(In).Size, 24u);
  EXPECT_EQ(bestLayout(In).Size, 24u);
  EXPECT_EQ(paddingBytes(In, 24), 6u);
}

TEST(RecordLayoutMath, FieldsAfterABaseFillItsTailPadding) {
  // A non-POD base of data size 5 (int, char): small fields go first.
  LayoutInput In = record({plain(4, 4), plain(1, 1), plain(1, 1), plain(1, 1)},
                          /*Start=*/5);
  EXPECT_EQ(layoutAsDeclared(In).Size, 16u);
  BestLayout B = bestLayout(In);
  EXPECT_TRUE(B.Proven);
  EXPECT_EQ(B.Size, 12u);
  EXPECT_EQ(B.Order, (std::vector<unsigned>{1, 2, 3, 0}));
}

TEST(RecordLayoutMath, AlignasRaisesAlignmentAndRecordAlignment) {
  // char; alignas(16) int; char  -> 48 bytes as declared, 32 at best.
  LayoutInput In = record({plain(1, 1), plain(4, 16), plain(1, 1)});
  EXPECT_EQ(In.RecordAlign, 16u);
  EXPECT_EQ(layoutAsDeclared(In).Size, 32u);
  EXPECT_EQ(bestLayout(In).Size, 16u);
}

TEST(RecordLayoutMath, ArraysUseTheirElementAlignment) {
  // char; char[7]; int64; char[9]
  LayoutInput In = record({plain(1, 1), plain(7, 1), plain(8, 8), plain(9, 1)});
  EXPECT_EQ(layoutAsDeclared(In).Size, 32u);
  EXPECT_EQ(bestLayout(In).Size, 32u);
  LayoutInput In2 = record({plain(1, 1), plain(8, 8), plain(12, 4)});
  EXPECT_EQ(layoutAsDeclared(In2).Size, 32u);
  EXPECT_EQ(bestLayout(In2).Size, 24u);
}

TEST(RecordLayoutMath, EmptyNoUniqueAddressMembersTakeNoSpace) {
  LayoutField Empty{1, 0, 1, true};
  LayoutInput In = record({plain(1, 1), Empty, plain(4, 4), plain(1, 1)});
  LayoutResult R = layoutAsDeclared(In);
  EXPECT_EQ(R.Offsets[1], 0u);
  EXPECT_EQ(R.Size, 12u);
  BestLayout B = bestLayout(In);
  EXPECT_EQ(B.Size, 8u);
  EXPECT_TRUE(isPermutation(B.Order, 4));
}

TEST(RecordLayoutMath, NoUniqueAddressTailIsReused) {
  // [[no_unique_address]] A a (size 8, data size 5, align 4); char z
  LayoutInput In = record({{8, 5, 4, false}, plain(1, 1)});
  LayoutResult R = layoutAsDeclared(In);
  EXPECT_EQ(R.Offsets[1], 5u);
  EXPECT_EQ(R.Size, 8u);
  // The other way round it needs 12.
  EXPECT_EQ(layoutInOrder(In, {1, 0}).Size, 12u);
  EXPECT_EQ(bestLayout(In).Size, 8u);
}

TEST(RecordLayoutMath, BasesOccupyTheirSize) {
  // An empty base at offset 0 makes the record at least 1 byte.
  LayoutInput In;
  In.Start = 0;
  In.MinSize = 1;
  In.RecordAlign = 1;
  EXPECT_EQ(layoutAsDeclared(In).Size, 1u);
}

TEST(RecordLayoutMath, CacheLines) {
  EXPECT_EQ(cacheLines(1, 64), 1u);
  EXPECT_EQ(cacheLines(64, 64), 1u);
  EXPECT_EQ(cacheLines(65, 64), 2u);
  EXPECT_EQ(cacheLines(112, 64), 2u);
}

// Every permutation of small generated records: the best order is the
// smallest reachable, its size is what the model gives for it, and it is a
// permutation of the fields.
TEST(RecordLayoutMath, ExhaustiveAgainstAllPermutations) {
  std::mt19937 Rng(20261127);
  const std::uint64_t Aligns[] = {1, 2, 4, 8, 16};
  unsigned Checked = 0;
  for (unsigned Case = 0; Case < 3000; ++Case) {
    std::uniform_int_distribution<unsigned> NFields(1, 7);
    std::uniform_int_distribution<unsigned> AlignIdx(0, 4);
    std::uniform_int_distribution<unsigned> Mult(1, 3);
    std::uniform_int_distribution<unsigned> Pct(0, 99);
    std::vector<LayoutField> Fields;
    unsigned N = NFields(Rng);
    for (unsigned I = 0; I < N; ++I) {
      std::uint64_t A = Aligns[AlignIdx(Rng)];
      std::uint64_t S = A * Mult(Rng);
      unsigned Kind = Pct(Rng);
      if (Kind < 8) {
        Fields.push_back({1, 0, A, true}); // empty [[no_unique_address]]
      } else if (Kind < 20) {
        // [[no_unique_address]] with reusable tail padding.
        std::uniform_int_distribution<std::uint64_t> D(1, S);
        Fields.push_back({S, D(Rng), A, false});
      } else {
        Fields.push_back(plain(S, A));
      }
    }
    std::uint64_t Start = Pct(Rng) < 60 ? 0 : Pct(Rng) % 24;
    LayoutInput In = record(Fields, Start);
    if (Pct(Rng) < 15)
      In.MinSize = Start + Pct(Rng) % 8;
    if (Pct(Rng) < 15)
      In.RecordAlign = std::max<std::uint64_t>(In.RecordAlign, 32);

    BestLayout B = bestLayout(In);
    ASSERT_TRUE(isPermutation(B.Order, N)) << "case " << Case;
    EXPECT_TRUE(B.Proven) << "case " << Case;
    EXPECT_EQ(B.Size, layoutInOrder(In, B.Order).Size) << "case " << Case;
    EXPECT_EQ(B.Size, bruteForceMin(In)) << "case " << Case;
    EXPECT_LE(B.Size, layoutAsDeclared(In).Size) << "case " << Case;
    ++Checked;
  }
  EXPECT_EQ(Checked, 3000u);
}

// A budget too small for the search still returns a valid order, marked as
// not proven, never larger than the declared one's best greedy alternative.
TEST(RecordLayoutMath, FallsBackWhenTheSearchIsTooLarge) {
  std::vector<LayoutField> Fields;
  for (unsigned I = 0; I < 12; ++I)
    Fields.push_back(plain(I % 3 + 1, 1 + I % 2));
  LayoutInput In = record(Fields, 3);
  BestLayout B = bestLayout(In, /*MaxStates=*/4);
  EXPECT_FALSE(B.Proven);
  EXPECT_TRUE(isPermutation(B.Order, 12));
  EXPECT_EQ(B.Size, layoutInOrder(In, B.Order).Size);
  BestLayout Full = bestLayout(In);
  EXPECT_TRUE(Full.Proven);
  EXPECT_LE(Full.Size, B.Size);
}

} // namespace
