// hotpath-container-in-loop: a row string created in the loop body against
// one string hoisted before the loop and clear()ed per iteration.
//
// Workload: examples/logproc's print_report formatting kRows rows of about
// 40 characters into one output string. Reported per row.
#include "hotpath/bench.hpp"

#include <benchmark/benchmark.h>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace {

constexpr int kRows = 64;
using Row = std::pair<std::string, std::int64_t>;

std::vector<Row> make_rows() {
  std::vector<Row> rows;
  for (int i = 0; i < kRows; ++i)
    rows.emplace_back("/static/assets/app-bundle-" + std::to_string(i) + ".js",
                      1000 + i);
  return rows;
}

[[gnu::noinline]] void format_before(const std::vector<Row> &rows,
                                     std::string &out) {
  for (const auto &[path, n] : rows) {
    std::string row;
    row += path;
    row += '\t';
    row += std::to_string(n);
    out += row;
    out += '\n';
  }
}

[[gnu::noinline]] void format_after(const std::vector<Row> &rows,
                                    std::string &out) {
  std::string row;
  for (const auto &[path, n] : rows) {
    row.clear();
    row += path;
    row += '\t';
    row += std::to_string(n);
    out += row;
    out += '\n';
  }
}

template <void (*Format)(const std::vector<Row> &, std::string &)>
void run(benchmark::State &state) {
  const std::vector<Row> rows = make_rows();
  std::string out;
  out.reserve(kRows * 64);
  hotpath::BenchAllocs allocs(state, kRows);
  for (auto _ : state) {
    out.clear();
    Format(rows, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * kRows);
}

void container_in_loop_before(benchmark::State &state) {
  run<format_before>(state);
}
void container_in_loop_after(benchmark::State &state) {
  run<format_after>(state);
}

} // namespace

BENCHMARK(container_in_loop_before)->Name("container_in_loop/before");
BENCHMARK(container_in_loop_after)->Name("container_in_loop/after");
