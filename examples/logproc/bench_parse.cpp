// A Google Benchmark of logproc's parser, for `hotpath verify` (scripts/demo
// runs it before and after hotpath's fixes): parsing a batch of 2,000 log
// lines, and checking one method name.
#include "parser.h"
#include <benchmark/benchmark.h>
#include <string>
#include <vector>

static std::vector<std::string> batch() {
  static const char *const methods[] = {"GET", "POST", "PUT", "DELETE"};
  std::vector<std::string> lines;
  lines.reserve(2000);
  for (int i = 0; i < 2000; ++i)
    lines.push_back(std::to_string(1700000000000 + i) + " 10.0.0." +
                    std::to_string(i % 200) + " " + methods[i % 4] +
                    " /api/items " + (i % 20 ? "200" : "503") + " " +
                    std::to_string(i * 37 % 400000));
  return lines;
}

static void BM_parse_batch(benchmark::State &state) {
  const std::vector<std::string> lines = batch();
  const Config cfg;
  for (auto _ : state)
    benchmark::DoNotOptimize(parse_all(lines, cfg));
  state.SetItemsProcessed(state.iterations() * 2000);
}
BENCHMARK(BM_parse_batch);

static void BM_is_known_method(benchmark::State &state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(is_known_method("DELETE"));
}
BENCHMARK(BM_is_known_method);

BENCHMARK_MAIN();
