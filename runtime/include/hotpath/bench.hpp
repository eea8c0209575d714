// Google Benchmark adapter for allocation accounting (header-only).
//
//   static void BM_x(benchmark::State& state) {
//     setup();                               // not counted
//     hotpath::BenchAllocs allocs(state);    // start counting here
//     for (auto _ : state) work();
//   }                                        // counters set on scope exit
//
// adds `allocs/op` and `B/op` columns (per iteration, or per item when
// items_per_iteration is given) like `go test -benchmem`. Needs
// hotpath::alloc linked. HOTPATH_ALLOCTRACE=1 also prints one line per run.
#pragma once

#include "hotpath/alloc.hpp"

#include <benchmark/benchmark.h>
#include <cstdio>
#include <string>

namespace hotpath {

class BenchAllocs {
public:
  explicit BenchAllocs(benchmark::State &state, double items_per_iteration = 1,
                       const char *label = nullptr)
      : state_(state), per_(items_per_iteration > 0 ? items_per_iteration : 1),
        label_(label), start_(alloc::process_counts()) {}
  BenchAllocs(const BenchAllocs &) = delete;
  BenchAllocs &operator=(const BenchAllocs &) = delete;

  ~BenchAllocs() {
    const AllocCounts d = alloc::process_counts() - start_;
    using benchmark::Counter;
    state_.counters["allocs/op"] =
        Counter(static_cast<double>(d.allocs) / per_, Counter::kAvgIterations);
    state_.counters["B/op"] =
        Counter(static_cast<double>(d.bytes) / per_, Counter::kAvgIterations);
    if (alloc::trace_enabled()) {
      const double it =
          state_.iterations() ? static_cast<double>(state_.iterations()) : 1;
      std::fprintf(stderr,
                   "hotpath alloctrace %s: %lld iterations, %.3f allocs/op, "
                   "%.1f B/op\n",
                   label_ ? label_ : "benchmark",
                   static_cast<long long>(state_.iterations()),
                   static_cast<double>(d.allocs) / per_ / it,
                   static_cast<double>(d.bytes) / per_ / it);
    }
  }

private:
  benchmark::State &state_;
  double per_;
  const char *label_;
  AllocCounts start_;
};

} // namespace hotpath
