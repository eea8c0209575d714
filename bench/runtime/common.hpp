// Shared helpers for the runtime benchmarks.
#pragma once

#include <benchmark/benchmark.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <ctime>
#include <mutex>

namespace bench {

inline double process_cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) +
         static_cast<double>(ts.tv_nsec) * 1e-9;
}

// The "tiny task": a few dozen nanoseconds of dependent arithmetic that the
// optimiser cannot drop.
inline void tiny_work(std::uint64_t seed) {
  std::uint64_t x = seed | 1;
  for (int i = 0; i < 32; ++i)
    x = x * 6364136223846793005ull + 1442695040888963407ull;
  benchmark::DoNotOptimize(x);
}

// Completion counter for pools that have no task group of their own.
class Latch {
public:
  void reset(long n) {
    std::lock_guard<std::mutex> lk(m_);
    left_.store(n, std::memory_order_relaxed);
    done_ = false;
  }
  void count_down() {
    if (left_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      std::lock_guard<std::mutex> lk(m_);
      done_ = true;
      cv_.notify_all();
    }
  }
  void wait() {
    std::unique_lock<std::mutex> lk(m_);
    cv_.wait(lk, [&] { return done_; });
  }

private:
  std::atomic<long> left_{0};
  std::mutex m_;
  std::condition_variable cv_;
  bool done_ = false;
};

} // namespace bench
