// hotpath-thread-per-task: a thread per item against a worker pool.
//
// Workload: a batch of kItems small tasks (each sums a 2 KiB slice), the
// shape of examples/logproc's process_chunks. "before" starts and joins one
// std::thread per item, as the check reports; "after" posts each item to a
// long-lived hotpath::WorkerPool and waits on a WaitGroup, the fix the
// message recommends. Reported per item.
#include "hotpath/bench.hpp"
#include "hotpath/worker_pool.hpp"

#include <benchmark/benchmark.h>
#include <cstdint>
#include <numeric>
#include <thread>
#include <vector>

namespace {

constexpr int kItems = 64;
constexpr int kSliceInts = 512;

struct Batch {
  std::vector<std::int32_t> data =
      std::vector<std::int32_t>(kItems * kSliceInts, 1);
  std::vector<std::int64_t> sums = std::vector<std::int64_t>(kItems);

  void work(int i) {
    const std::int32_t *p = data.data() + i * kSliceInts;
    sums[i] = std::accumulate(p, p + kSliceInts, std::int64_t{0});
  }
};

void thread_per_task_before(benchmark::State &state) {
  Batch batch;
  hotpath::BenchAllocs allocs(state, kItems);
  for (auto _ : state) {
    std::vector<std::thread> threads;
    for (int i = 0; i < kItems; ++i)
      threads.emplace_back([&batch, i] { batch.work(i); });
    for (auto &t : threads)
      t.join();
    benchmark::DoNotOptimize(batch.sums.data());
  }
  state.SetItemsProcessed(state.iterations() * kItems);
}

void thread_per_task_after(benchmark::State &state) {
  Batch batch;
  hotpath::WorkerPool pool; // built once: hardware_concurrency() workers
  hotpath::BenchAllocs allocs(state, kItems);
  for (auto _ : state) {
    hotpath::WaitGroup wg;
    for (int i = 0; i < kItems; ++i)
      pool.post(wg, [&batch, i] { batch.work(i); });
    wg.wait();
    benchmark::DoNotOptimize(batch.sums.data());
  }
  state.SetItemsProcessed(state.iterations() * kItems);
}

} // namespace

BENCHMARK(thread_per_task_before)
    ->Name("thread_per_task/before")
    ->UseRealTime();
BENCHMARK(thread_per_task_after)->Name("thread_per_task/after")->UseRealTime();
