// hotpath-false-sharing: two threads bumping their own counter.
//
// "before" is examples/logproc's Counters shape: two std::atomic<int64_t>
// next to each other, which hotpath-false-sharing reports; "after" has the
// alignas(64) its fix-it adds, so each counter owns a cache line. One
// counter per thread, each thread does kIncrements relaxed fetch_adds: no
// data is shared, only the line. Reported per increment.
#include "hotpath/bench.hpp"

#include <atomic>
#include <benchmark/benchmark.h>
#include <cstdint>
#include <thread>

namespace {

struct Adjacent {
  std::atomic<std::int64_t> Lines{0};
  std::atomic<std::int64_t> Errors{0};
};

struct Separated {
  std::atomic<std::int64_t> Lines{0};
  alignas(64) std::atomic<std::int64_t> Errors{0};
};

static_assert(sizeof(Adjacent) == 16, "one line");
static_assert(sizeof(Separated) == 128, "a line each");

constexpr int kIncrements = 1 << 20;

template <class C> void twoWriters(benchmark::State &State) {
  C Counters;
  hotpath::BenchAllocs Allocs(State, 2.0 * kIncrements);
  for (auto _ : State) {
    std::thread Other([&Counters] {
      for (int I = 0; I < kIncrements; ++I)
        Counters.Errors.fetch_add(1, std::memory_order_relaxed);
    });
    for (int I = 0; I < kIncrements; ++I)
      Counters.Lines.fetch_add(1, std::memory_order_relaxed);
    Other.join();
  }
  benchmark::DoNotOptimize(Counters.Lines.load() + Counters.Errors.load());
  State.SetItemsProcessed(State.iterations() * 2 * kIncrements);
}

} // namespace

BENCHMARK(twoWriters<Adjacent>)->Name("false_sharing/before")->UseRealTime();
BENCHMARK(twoWriters<Separated>)->Name("false_sharing/after")->UseRealTime();
