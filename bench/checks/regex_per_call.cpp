// hotpath-regex-per-call: a std::regex compiled from a constant pattern on
// every call against the same regex kept as a function-local static const
// (what the check's message and fix-it suggest).
//
// Workload: examples/logproc's is_well_formed, asked about kLines log lines
// per iteration (every 8th one malformed). Reported per line.
#include "hotpath/bench.hpp"

#include <benchmark/benchmark.h>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr int kLines = 64;

std::vector<std::string> make_lines() {
  static const char *const methods[] = {"GET", "POST", "PUT", "DELETE"};
  std::vector<std::string> lines;
  for (int i = 0; i < kLines; ++i)
    lines.push_back(std::to_string(1700000000000 + i) + " 10.0.0." +
                    std::to_string(i % 200) + " " + methods[i % 4] +
                    (i % 8 == 7 ? " api/items " : " /api/items ") +
                    (i % 20 ? "200" : "503") + " " +
                    std::to_string(i * 37 % 400000));
  return lines;
}

[[gnu::noinline]] bool well_formed_before(std::string_view line) {
  return std::regex_match(line.begin(), line.end(),
                          std::regex(R"(\d+ \S+ [A-Z]+ /\S* \d{3} \d+)"));
}

[[gnu::noinline]] bool well_formed_after(std::string_view line) {
  static const std::regex shape(R"(\d+ \S+ [A-Z]+ /\S* \d{3} \d+)");
  return std::regex_match(line.begin(), line.end(), shape);
}

template <bool (*WellFormed)(std::string_view)>
void run(benchmark::State &state) {
  const std::vector<std::string> lines = make_lines();
  // Compile the static one before counting: the first call is set-up.
  benchmark::DoNotOptimize(WellFormed(lines.front()));
  hotpath::BenchAllocs allocs(state, kLines);
  for (auto _ : state) {
    int good = 0;
    for (const std::string &line : lines)
      good += WellFormed(line);
    benchmark::DoNotOptimize(good);
  }
  state.SetItemsProcessed(state.iterations() * kLines);
}

void regex_per_call_before(benchmark::State &state) {
  run<well_formed_before>(state);
}
void regex_per_call_after(benchmark::State &state) {
  run<well_formed_after>(state);
}

} // namespace

BENCHMARK(regex_per_call_before)->Name("regex_per_call/before");
BENCHMARK(regex_per_call_after)->Name("regex_per_call/after");
