// hotpath-heap-alloc-in-loop: a heap object per iteration that dies in the
// iteration, against a stack object.
//
// Workload: examples/logproc's parse_all over kLines log lines, each parsed
// into a LogRecord; before: std::make_unique<LogRecord> per line (as in the
// example), after: a LogRecord on the stack. Reported per line.
#include "hotpath/bench.hpp"

#include <benchmark/benchmark.h>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace {

constexpr int kLines = 256;

struct LogRecord {
  bool valid = false;
  std::int64_t latency_us = 0;
  std::int32_t status = 0;
  char method = 'G';
};

LogRecord parse(const std::string &line) {
  LogRecord r;
  r.valid = !line.empty();
  r.status = line.size() > 3 ? 200 : 503;
  r.latency_us = static_cast<std::int64_t>(line.size()) * 7;
  r.method = line.empty() ? 'G' : line[0];
  return r;
}

// Out of line, like the example's out.push_back(*rec). Both versions also
// hand the record's address to the optimiser barrier below: code it cannot
// see uses the record, so clang may not elide the allocation (which it is
// allowed to do for a new/delete pair that provably does not escape).
[[gnu::noinline]] std::int64_t consume(const LogRecord &r) {
  return r.latency_us + r.status;
}

std::vector<std::string> make_lines() {
  std::vector<std::string> lines;
  for (int i = 0; i < kLines; ++i)
    lines.push_back("GET /api/items/" + std::to_string(i) + " 200 1234");
  return lines;
}

[[gnu::noinline]] std::int64_t sum_before(const std::vector<std::string> &l) {
  std::int64_t total = 0;
  for (const std::string &line : l) {
    auto rec = std::make_unique<LogRecord>(parse(line));
    benchmark::DoNotOptimize(rec.get());
    if (rec->valid)
      total += consume(*rec);
  }
  return total;
}

[[gnu::noinline]] std::int64_t sum_after(const std::vector<std::string> &l) {
  std::int64_t total = 0;
  for (const std::string &line : l) {
    LogRecord rec = parse(line);
    benchmark::DoNotOptimize(&rec);
    if (rec.valid)
      total += consume(rec);
  }
  return total;
}

template <std::int64_t (*Sum)(const std::vector<std::string> &)>
void run(benchmark::State &state) {
  const std::vector<std::string> lines = make_lines();
  hotpath::BenchAllocs allocs(state, kLines);
  for (auto _ : state)
    benchmark::DoNotOptimize(Sum(lines));
  state.SetItemsProcessed(state.iterations() * kLines);
}

void heap_alloc_in_loop_before(benchmark::State &state) {
  run<sum_before>(state);
}
void heap_alloc_in_loop_after(benchmark::State &state) {
  run<sum_after>(state);
}

} // namespace

BENCHMARK(heap_alloc_in_loop_before)->Name("heap_alloc_in_loop/before");
BENCHMARK(heap_alloc_in_loop_after)->Name("heap_alloc_in_loop/after");
