// hotpath-missing-reserve: a vector grown one element per iteration of a
// loop with a known trip count, without and with reserve().
//
// Workload: examples/logproc's Stats::top_paths copying kPaths (path, count)
// entries of a hash map into a vector. Reported per copied entry.
#include "hotpath/bench.hpp"

#include <benchmark/benchmark.h>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

constexpr int kPaths = 1000;
using Entry = std::pair<std::string, std::int64_t>;

std::unordered_map<std::string, std::int64_t> make_paths() {
  std::unordered_map<std::string, std::int64_t> m;
  for (int i = 0; i < kPaths; ++i)
    m.emplace("/api/items/" + std::to_string(i), i);
  return m;
}

[[gnu::noinline]] std::vector<Entry>
collect_before(const std::unordered_map<std::string, std::int64_t> &per_path) {
  std::vector<Entry> all;
  for (const auto &entry : per_path)
    all.push_back(entry);
  return all;
}

[[gnu::noinline]] std::vector<Entry>
collect_after(const std::unordered_map<std::string, std::int64_t> &per_path) {
  std::vector<Entry> all;
  all.reserve(per_path.size());
  for (const auto &entry : per_path)
    all.push_back(entry);
  return all;
}

template <std::vector<Entry> (*Collect)(
    const std::unordered_map<std::string, std::int64_t> &)>
void run(benchmark::State &state) {
  const auto paths = make_paths();
  hotpath::BenchAllocs allocs(state, kPaths);
  for (auto _ : state) {
    std::vector<Entry> all = Collect(paths);
    benchmark::DoNotOptimize(all.data());
  }
  state.SetItemsProcessed(state.iterations() * kPaths);
}

void missing_reserve_before(benchmark::State &state) {
  run<collect_before>(state);
}
void missing_reserve_after(benchmark::State &state) {
  run<collect_after>(state);
}

} // namespace

BENCHMARK(missing_reserve_before)->Name("missing_reserve/before");
BENCHMARK(missing_reserve_after)->Name("missing_reserve/after");
