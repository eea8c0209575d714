// hotpath-blocking-under-lock: a writer that flushes a file while holding
// the lock other threads need, against one that copies under the lock and
// writes after releasing it. Measured: how long a second thread takes to do
// its kUpdates short updates under the same lock while the writer runs.
#include "hotpath/bench.hpp"

#include <atomic>
#include <benchmark/benchmark.h>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr int kUpdates = 256;
constexpr int kWrites = 64;

struct Log {
  std::mutex mu;
  std::vector<std::string> lines;
  long counter = 0;
};

[[gnu::noinline]] void write_before(Log &log, std::FILE *f) {
  for (int i = 0; i < kWrites; ++i) {
    std::lock_guard<std::mutex> g(log.mu);
    for (const std::string &l : log.lines)
      std::fwrite(l.data(), 1, l.size(), f);
    std::fflush(f);
  }
}

[[gnu::noinline]] void write_after(Log &log, std::FILE *f) {
  for (int i = 0; i < kWrites; ++i) {
    std::vector<std::string> copy;
    {
      std::lock_guard<std::mutex> g(log.mu);
      copy = log.lines;
    }
    for (const std::string &l : copy)
      std::fwrite(l.data(), 1, l.size(), f);
    std::fflush(f);
  }
}

template <void (*Write)(Log &, std::FILE *)> void run(benchmark::State &state) {
  Log log;
  for (int i = 0; i < 32; ++i)
    log.lines.push_back(std::string(120, 'x'));
  std::FILE *f = std::tmpfile();
  for (auto _ : state) {
    std::atomic<bool> started{false};
    std::thread writer([&] {
      started = true;
      Write(log, f);
    });
    while (!started)
      std::this_thread::yield();
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < kUpdates; ++i) {
      std::lock_guard<std::mutex> g(log.mu);
      ++log.counter;
    }
    auto t1 = std::chrono::steady_clock::now();
    writer.join();
    state.SetIterationTime(std::chrono::duration<double>(t1 - t0).count());
  }
  std::fclose(f);
  state.SetItemsProcessed(state.iterations() * kUpdates);
}

void blocking_under_lock_before(benchmark::State &state) {
  run<write_before>(state);
}
void blocking_under_lock_after(benchmark::State &state) {
  run<write_after>(state);
}

} // namespace

BENCHMARK(blocking_under_lock_before)
    ->Name("blocking_under_lock/before")
    ->UseManualTime();
BENCHMARK(blocking_under_lock_after)
    ->Name("blocking_under_lock/after")
    ->UseManualTime();
