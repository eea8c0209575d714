#include "known.h"
#include <benchmark/benchmark.h>

static void BM_is_known(benchmark::State &state) {
  std::string m = "PUT-REQUEST";
  for (auto _ : state)
    benchmark::DoNotOptimize(is_known(m));
}
BENCHMARK(BM_is_known);
BENCHMARK_MAIN();
