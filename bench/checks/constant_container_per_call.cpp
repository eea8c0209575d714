// hotpath-constant-container-per-call: a constant std::set rebuilt on every
// call against the same set made `static const` (the check's fix-it).
//
// Workload: examples/logproc's is_known_method, asked about 8 method names
// per iteration (5 known, 3 unknown). Reported per lookup.
#include "hotpath/bench.hpp"

#include <benchmark/benchmark.h>
#include <set>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view kMethods[] = {"GET",   "POST", "PATCH",  "PUT",
                                         "TRACE", "HEAD", "DELETE", "BREW"};
constexpr int kLookups = sizeof(kMethods) / sizeof(kMethods[0]);

[[gnu::noinline]] bool known_before(std::string_view method) {
  std::set<std::string> known = {"GET", "POST", "PUT", "DELETE", "HEAD"};
  return known.count(std::string(method)) != 0;
}

[[gnu::noinline]] bool known_after(std::string_view method) {
  static const std::set<std::string> known = {"GET", "POST", "PUT", "DELETE",
                                              "HEAD"};
  return known.count(std::string(method)) != 0;
}

template <bool (*Known)(std::string_view)> void run(benchmark::State &state) {
  hotpath::BenchAllocs allocs(state, kLookups);
  for (auto _ : state) {
    int hits = 0;
    for (std::string_view m : kMethods)
      hits += Known(m);
    benchmark::DoNotOptimize(hits);
  }
  state.SetItemsProcessed(state.iterations() * kLookups);
}

void constant_container_per_call_before(benchmark::State &state) {
  run<known_before>(state);
}
void constant_container_per_call_after(benchmark::State &state) {
  run<known_after>(state);
}

} // namespace

BENCHMARK(constant_container_per_call_before)
    ->Name("constant_container_per_call/before");
BENCHMARK(constant_container_per_call_after)
    ->Name("constant_container_per_call/after");
