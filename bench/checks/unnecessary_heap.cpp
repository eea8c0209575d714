// hotpath-unnecessary-heap: a small object owned by a local unique_ptr that
// never leaves the function, against the same object on the stack.
//
// Workload: a function called once per request that fills a Config (24
// bytes, examples/logproc's) and computes a threshold from it. Reported per
// call.
#include "hotpath/bench.hpp"

#include <benchmark/benchmark.h>
#include <memory>

namespace {

struct Config {
  int slow_threshold_us = 250000;
  int top_n = 5;
  bool verbose = false;
  char separator = ' ';
  double sample_rate = 1.0;
};

[[gnu::noinline]] double use(const Config &cfg, int x) {
  return cfg.sample_rate * (x % cfg.top_n) + cfg.slow_threshold_us;
}

[[gnu::noinline]] double call_before(int x) {
  auto cfg = std::make_unique<Config>();
  cfg->top_n = 3 + (x & 1);
  return use(*cfg, x);
}

[[gnu::noinline]] double call_after(int x) {
  Config cfg;
  cfg.top_n = 3 + (x & 1);
  return use(cfg, x);
}

template <double (*Call)(int)> void run(benchmark::State &state) {
  hotpath::BenchAllocs allocs(state);
  int x = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(Call(++x));
  state.SetItemsProcessed(state.iterations());
}

void unnecessary_heap_before(benchmark::State &state) {
  run<call_before>(state);
}
void unnecessary_heap_after(benchmark::State &state) { run<call_after>(state); }

} // namespace

BENCHMARK(unnecessary_heap_before)->Name("unnecessary_heap/before");
BENCHMARK(unnecessary_heap_after)->Name("unnecessary_heap/after");
