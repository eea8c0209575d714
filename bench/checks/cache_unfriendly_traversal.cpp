// hotpath-cache-unfriendly-traversal: nested loops over a row-major matrix
// whose inner loop walks down a column, against the same loops interchanged.
//
// Workloads, reported per element:
// - cache_unfriendly_traversal: the sum of a 2048 x 2048 float matrix (a
//   built-in array, 8 KiB rows, 16 MiB in all): before, column by column
//   (the inner loop over the rows: every access 8 KiB after the previous
//   one); after, row by row.
// - cache_unfriendly_traversal_padded: the same with rows padded to 2064
//   floats. A power-of-two row length puts a column's lines into the same
//   few cache sets, where they evict each other before the next column
//   comes back to them; padded rows spread them over the cache.
// - cache_unfriendly_traversal_vv: per-column totals of a 2048 x 512
//   std::vector<std::vector<double>> (every row its own heap block, 8 MiB in
//   all), the fix-it's case: before, for each column the rows; after, the
//   two headers swapped, as the fix-it writes them. Each total is updated in
//   the same order either way, so the results are the same.
#include "hotpath/bench.hpp"

#include <benchmark/benchmark.h>
#include <cstddef>
#include <memory>
#include <vector>

namespace {

constexpr int kN = 2048;
// kN rows of W floats: W = kN (8 KiB rows), or padded by 16 floats.
template <int W> struct Matrix {
  float v[kN][W];
};

template <int W> std::unique_ptr<Matrix<W>> make_matrix() {
  auto m = std::make_unique<Matrix<W>>();
  for (int r = 0; r < kN; ++r)
    for (int c = 0; c < W; ++c)
      m->v[r][c] = static_cast<float>((r * 31 + c * 17) % 97) * 0.01f;
  return m;
}

// Sums the first kN columns of every row.
template <int W> [[gnu::noinline]] float sum_before(const Matrix<W> &m) {
  float s = 0;
  for (int i = 0; i < kN; ++i)
    for (int j = 0; j < kN; ++j)
      s += m.v[j][i]; // each access one row (W floats) after the last
  return s;
}

template <int W> [[gnu::noinline]] float sum_after(const Matrix<W> &m) {
  float s = 0;
  for (int j = 0; j < kN; ++j)
    for (int i = 0; i < kN; ++i)
      s += m.v[j][i];
  return s;
}

template <int W, float (*Sum)(const Matrix<W> &)>
void run(benchmark::State &state) {
  const std::unique_ptr<Matrix<W>> m = make_matrix<W>();
  const double elements = static_cast<double>(kN) * kN;
  hotpath::BenchAllocs allocs(state, elements);
  for (auto _ : state)
    benchmark::DoNotOptimize(Sum(*m));
  state.SetItemsProcessed(state.iterations() * static_cast<long>(kN) * kN);
}

void cache_unfriendly_traversal_before(benchmark::State &state) {
  run<kN, sum_before<kN>>(state);
}
void cache_unfriendly_traversal_after(benchmark::State &state) {
  run<kN, sum_after<kN>>(state);
}
constexpr int kPadded = kN + 16;
void cache_unfriendly_traversal_padded_before(benchmark::State &state) {
  run<kPadded, sum_before<kPadded>>(state);
}
void cache_unfriendly_traversal_padded_after(benchmark::State &state) {
  run<kPadded, sum_after<kPadded>>(state);
}

constexpr std::size_t kRows = 2048, kCols = 512;
using Table = std::vector<std::vector<double>>;

Table make_table() {
  Table t(kRows, std::vector<double>(kCols));
  for (std::size_t r = 0; r < kRows; ++r)
    for (std::size_t c = 0; c < kCols; ++c)
      t[r][c] = static_cast<double>((r * 7 + c * 13) % 101);
  return t;
}

// One allocation of kCols totals per call in both versions: a
// 1 / (kRows * kCols) share of an allocation per element.
[[gnu::noinline]] std::vector<double> totals_before(const Table &t) {
  std::vector<double> tot(kCols);
  for (std::size_t c = 0; c < kCols; ++c)
    for (std::size_t r = 0; r < t.size(); ++r)
      tot[c] += t[r][c];
  return tot;
}

// What the fix-it writes: the two headers swapped.
[[gnu::noinline]] std::vector<double> totals_after(const Table &t) {
  std::vector<double> tot(kCols);
  for (std::size_t r = 0; r < t.size(); ++r)
    for (std::size_t c = 0; c < kCols; ++c)
      tot[c] += t[r][c];
  return tot;
}

template <std::vector<double> (*Totals)(const Table &)>
void run_vv(benchmark::State &state) {
  const Table t = make_table();
  const double elements = static_cast<double>(kRows) * kCols;
  hotpath::BenchAllocs allocs(state, elements);
  for (auto _ : state) {
    std::vector<double> tot = Totals(t);
    benchmark::DoNotOptimize(tot.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<long>(kRows) *
                          static_cast<long>(kCols));
}

void cache_unfriendly_traversal_vv_before(benchmark::State &state) {
  run_vv<totals_before>(state);
}
void cache_unfriendly_traversal_vv_after(benchmark::State &state) {
  run_vv<totals_after>(state);
}

} // namespace

BENCHMARK(cache_unfriendly_traversal_before)
    ->Name("cache_unfriendly_traversal/before");
BENCHMARK(cache_unfriendly_traversal_after)
    ->Name("cache_unfriendly_traversal/after");
BENCHMARK(cache_unfriendly_traversal_padded_before)
    ->Name("cache_unfriendly_traversal_padded/before");
BENCHMARK(cache_unfriendly_traversal_padded_after)
    ->Name("cache_unfriendly_traversal_padded/after");
BENCHMARK(cache_unfriendly_traversal_vv_before)
    ->Name("cache_unfriendly_traversal_vv/before");
BENCHMARK(cache_unfriendly_traversal_vv_after)
    ->Name("cache_unfriendly_traversal_vv/after");
