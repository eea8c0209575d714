// hotpath-lock-in-loop: a lock guard per item against one lock around the
// loop, with two threads appending batches to one shared vector (the
// contended case the check is about: every lock is a cache-line transfer).
//
// Workload: two threads each append kItems counters to a shared vector;
// reported per item.
#include "hotpath/bench.hpp"

#include <benchmark/benchmark.h>
#include <mutex>
#include <thread>
#include <vector>

namespace {

constexpr int kItems = 4096;

struct Shared {
  std::mutex mu;
  std::vector<int> out;
};

[[gnu::noinline]] void append_before(Shared &s, const std::vector<int> &items) {
  for (int x : items) {
    std::lock_guard<std::mutex> g(s.mu);
    s.out.push_back(x);
  }
}

[[gnu::noinline]] void append_after(Shared &s, const std::vector<int> &items) {
  std::lock_guard<std::mutex> g(s.mu);
  for (int x : items)
    s.out.push_back(x);
}

template <void (*Append)(Shared &, const std::vector<int> &)>
void run(benchmark::State &state) {
  const std::vector<int> items(kItems, 7);
  Shared s;
  s.out.reserve(4 * kItems);
  hotpath::BenchAllocs allocs(state, 2 * kItems);
  for (auto _ : state) {
    s.out.clear();
    std::thread other([&] { Append(s, items); });
    Append(s, items);
    other.join();
    benchmark::DoNotOptimize(s.out.data());
  }
  state.SetItemsProcessed(state.iterations() * 2 * kItems);
}

void lock_in_loop_before(benchmark::State &state) { run<append_before>(state); }
void lock_in_loop_after(benchmark::State &state) { run<append_after>(state); }

} // namespace

BENCHMARK(lock_in_loop_before)->Name("lock_in_loop/before")->UseRealTime();
BENCHMARK(lock_in_loop_after)->Name("lock_in_loop/after")->UseRealTime();
