// Task throughput, idle CPU and parallel_for: hotpath::WorkerPool against
// a thread per task, std::async, a mutex+condvar pool, Boost.Asio
// thread_pool, oneTBB and OpenMP.
//
// Every pool is created once and kept (pools are long-lived by design);
// each iteration pushes kTasks tiny tasks from the benchmark thread and waits
// for all of them. Counters: ns/task (wall), cpu_ns/task (whole process, all
// threads), allocs/task and B/task (operator new, via hotpath::alloc).
#include "common.hpp"

#include "hotpath/bench.hpp"
#include "hotpath/worker_pool.hpp"

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#ifdef HOTPATH_BENCH_ASIO
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#endif
#ifdef HOTPATH_BENCH_TBB
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_group.h>
#endif
#ifdef HOTPATH_BENCH_OPENMP
#include <omp.h>
#endif

namespace {

constexpr long kTasks = 100000;

unsigned hw() {
  unsigned n = std::thread::hardware_concurrency();
  return n ? n : 1;
}

// The textbook pool: one locked queue of std::function, one condvar.
class MutexPool {
public:
  explicit MutexPool(unsigned n) {
    for (unsigned i = 0; i < n; ++i)
      threads_.emplace_back([this] { run(); });
  }
  ~MutexPool() {
    {
      std::lock_guard<std::mutex> lk(m_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto &t : threads_)
      t.join();
  }
  void post(std::function<void()> f) {
    {
      std::lock_guard<std::mutex> lk(m_);
      q_.push_back(std::move(f));
    }
    cv_.notify_one();
  }

private:
  void run() {
    for (;;) {
      std::function<void()> f;
      {
        std::unique_lock<std::mutex> lk(m_);
        cv_.wait(lk, [&] { return stop_ || !q_.empty(); });
        if (q_.empty())
          return;
        f = std::move(q_.front());
        q_.pop_front();
      }
      f();
    }
  }
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> q_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

hotpath::WorkerPool &hotpath_pool() {
  static hotpath::WorkerPool p(hw());
  return p;
}
MutexPool &mutex_pool() {
  static MutexPool p(hw());
  return p;
}
#ifdef HOTPATH_BENCH_ASIO
boost::asio::thread_pool &asio_pool() {
  static boost::asio::thread_pool p(hw());
  return p;
}
#endif

// --- one burst of kTasks per pool ------------------------------------------

void burst_hotpath(long n) {
  hotpath::WorkerPool &pool = hotpath_pool();
  hotpath::WaitGroup wg;
  for (long i = 0; i < n; ++i)
    pool.post(wg, [i] { bench::tiny_work(static_cast<std::uint64_t>(i)); });
  wg.wait();
}

// Same burst through submit(): one future (one shared-state allocation) per
// task, the cost of getting a value or exception back per task.
void burst_hotpath_submit(long n) {
  static std::vector<hotpath::Future<void>> fs;
  fs.clear();
  fs.reserve(static_cast<std::size_t>(n));
  hotpath::WorkerPool &pool = hotpath_pool();
  for (long i = 0; i < n; ++i)
    fs.push_back(
        pool.submit([i] { bench::tiny_work(static_cast<std::uint64_t>(i)); }));
  for (auto &f : fs)
    f.get();
}

// The burst posted from inside a worker: tasks land in that worker's deque
// and the others get them by stealing (the nested/recursive case).
void burst_hotpath_from_worker(long n) {
  hotpath::WorkerPool &pool = hotpath_pool();
  pool.submit([&pool, n] {
        hotpath::WaitGroup wg;
        for (long i = 0; i < n; ++i)
          pool.post(wg,
                    [i] { bench::tiny_work(static_cast<std::uint64_t>(i)); });
        wg.wait();
      })
      .get();
}

void burst_mutex_pool(long n) {
  static bench::Latch latch;
  latch.reset(n);
  MutexPool &pool = mutex_pool();
  for (long i = 0; i < n; ++i)
    pool.post([i] {
      bench::tiny_work(static_cast<std::uint64_t>(i));
      latch.count_down();
    });
  latch.wait();
}

#ifdef HOTPATH_BENCH_ASIO
void burst_asio(long n) {
  static bench::Latch latch;
  latch.reset(n);
  auto &pool = asio_pool();
  for (long i = 0; i < n; ++i)
    boost::asio::post(pool, [i] {
      bench::tiny_work(static_cast<std::uint64_t>(i));
      latch.count_down();
    });
  latch.wait();
}
#endif

#ifdef HOTPATH_BENCH_TBB
void burst_tbb(long n) {
  tbb::task_group tg;
  for (long i = 0; i < n; ++i)
    tg.run([i] { bench::tiny_work(static_cast<std::uint64_t>(i)); });
  tg.wait();
}
#endif

// The anti-pattern hotpath-thread-per-task reports. Threads are joined in
// batches so that the process does not hold 10^5 stacks at once.
void burst_thread_per_task(long n) {
  std::vector<std::thread> ts;
  ts.reserve(256);
  for (long i = 0; i < n; ++i) {
    ts.emplace_back([i] { bench::tiny_work(static_cast<std::uint64_t>(i)); });
    if (ts.size() == 256) {
      for (auto &t : ts)
        t.join();
      ts.clear();
    }
  }
  for (auto &t : ts)
    t.join();
}

void burst_async(long n) {
  std::vector<std::future<void>> fs;
  fs.reserve(256);
  for (long i = 0; i < n; ++i) {
    fs.push_back(std::async(std::launch::async, [i] {
      bench::tiny_work(static_cast<std::uint64_t>(i));
    }));
    if (fs.size() == 256) {
      for (auto &f : fs)
        f.get();
      fs.clear();
    }
  }
  for (auto &f : fs)
    f.get();
}

template <void (*Burst)(long)> void BM_Tasks(benchmark::State &state) {
  const long n = state.range(0);
  Burst(n); // warm-up: threads started, queues grown
  hotpath::BenchAllocs allocs(state, static_cast<double>(n));
  const double cpu0 = bench::process_cpu_seconds();
  const auto t0 = std::chrono::steady_clock::now();
  for (auto _ : state)
    Burst(n);
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
          .count();
  const double cpu = bench::process_cpu_seconds() - cpu0;
  const double tasks =
      static_cast<double>(n) * static_cast<double>(state.iterations());
  state.counters["ns/task"] = wall * 1e9 / tasks;
  state.counters["cpu_ns/task"] = cpu * 1e9 / tasks;
  state.SetItemsProcessed(static_cast<std::int64_t>(tasks));
}

// --- idle: CPU burned in the 100 ms after a burst ---------------------------

template <void (*Burst)(long)> void BM_Idle(benchmark::State &state) {
  double burned = 0;
  for (auto _ : state) {
    Burst(10000);
    const double c0 = bench::process_cpu_seconds();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    burned += bench::process_cpu_seconds() - c0;
  }
  state.counters["idle_cpu_ms"] =
      burned * 1e3 / static_cast<double>(state.iterations());
}

#ifdef HOTPATH_BENCH_OPENMP
void burst_openmp(long n) {
#pragma omp parallel for schedule(static)
  for (long i = 0; i < n; ++i)
    bench::tiny_work(static_cast<std::uint64_t>(i));
}
#endif

// --- parallel_for over 2^20 elements ----------------------------------------

constexpr std::size_t kElems = std::size_t{1} << 20;
constexpr std::size_t kGrain = 4096;

std::vector<float> &input() {
  static std::vector<float> v = [] {
    std::vector<float> x(kElems);
    for (std::size_t i = 0; i < kElems; ++i)
      x[i] = static_cast<float>(i % 1000) * 0.5f;
    return x;
  }();
  return v;
}

inline void kernel(const float *x, float *y, std::size_t b, std::size_t e) {
  for (std::size_t i = b; i < e; ++i)
    y[i] = std::sqrt(x[i]) * 1.5f + 0.25f;
}

template <class Run> void pfor_bench(benchmark::State &state, Run run) {
  std::vector<float> &x = input();
  std::vector<float> y(kElems);
  run(x.data(), y.data()); // warm-up
  const double cpu0 = bench::process_cpu_seconds();
  for (auto _ : state) {
    run(x.data(), y.data());
    benchmark::ClobberMemory();
  }
  state.counters["cpu_us/iter"] = (bench::process_cpu_seconds() - cpu0) * 1e6 /
                                  static_cast<double>(state.iterations());
  state.SetItemsProcessed(static_cast<std::int64_t>(kElems) *
                          static_cast<std::int64_t>(state.iterations()));
}

void BM_ParallelFor_Serial(benchmark::State &state) {
  pfor_bench(state, [](const float *x, float *y) { kernel(x, y, 0, kElems); });
}
void BM_ParallelFor_Hotpath(benchmark::State &state) {
  pfor_bench(state, [](const float *x, float *y) {
    hotpath_pool().parallel_for(
        std::size_t{0}, kElems, kGrain,
        [=](std::size_t b, std::size_t e) { kernel(x, y, b, e); });
  });
}
#ifdef HOTPATH_BENCH_TBB
void BM_ParallelFor_TBB(benchmark::State &state) {
  pfor_bench(state, [](const float *x, float *y) {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, kElems, kGrain),
                      [=](const tbb::blocked_range<std::size_t> &r) {
                        kernel(x, y, r.begin(), r.end());
                      });
  });
}
#endif
#ifdef HOTPATH_BENCH_OPENMP
void BM_ParallelFor_OpenMP(benchmark::State &state) {
  pfor_bench(state, [](const float *x, float *y) {
#pragma omp parallel for schedule(static)
    for (long c = 0; c < static_cast<long>(kElems / kGrain); ++c)
      kernel(x, y, static_cast<std::size_t>(c) * kGrain,
             static_cast<std::size_t>(c + 1) * kGrain);
  });
}
#endif

} // namespace

#define TASKS(name, fn)                                                        \
  BENCHMARK_TEMPLATE(BM_Tasks, fn)                                             \
      ->Name("Tasks/" name)                                                    \
      ->Arg(kTasks)                                                            \
      ->UseRealTime()                                                          \
      ->Unit(benchmark::kMillisecond)
#define IDLE(name, fn)                                                         \
  BENCHMARK_TEMPLATE(BM_Idle, fn)                                              \
      ->Name("Idle100ms/" name)                                                \
      ->Iterations(3)                                                          \
      ->UseRealTime()                                                          \
      ->Unit(benchmark::kMillisecond)

TASKS("hotpath_WorkerPool", burst_hotpath);
TASKS("hotpath_WorkerPool_submit", burst_hotpath_submit);
TASKS("hotpath_WorkerPool_from_worker", burst_hotpath_from_worker);
TASKS("mutex_condvar_pool", burst_mutex_pool);
#ifdef HOTPATH_BENCH_ASIO
TASKS("boost_asio_thread_pool", burst_asio);
#endif
#ifdef HOTPATH_BENCH_TBB
TASKS("onetbb_task_group", burst_tbb);
#endif
TASKS("std_async", burst_async)->Iterations(1);
TASKS("thread_per_task", burst_thread_per_task)->Iterations(1);

IDLE("hotpath_WorkerPool", burst_hotpath);
IDLE("mutex_condvar_pool", burst_mutex_pool);
#ifdef HOTPATH_BENCH_ASIO
IDLE("boost_asio_thread_pool", burst_asio);
#endif
#ifdef HOTPATH_BENCH_TBB
IDLE("onetbb_task_group", burst_tbb);
#endif
#ifdef HOTPATH_BENCH_OPENMP
IDLE("openmp_parallel_for", burst_openmp);
#endif

BENCHMARK(BM_ParallelFor_Serial)
    ->Name("ParallelFor/serial")
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ParallelFor_Hotpath)
    ->Name("ParallelFor/hotpath_WorkerPool")
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);
#ifdef HOTPATH_BENCH_TBB
BENCHMARK(BM_ParallelFor_TBB)
    ->Name("ParallelFor/onetbb")
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);
#endif
#ifdef HOTPATH_BENCH_OPENMP
BENCHMARK(BM_ParallelFor_OpenMP)
    ->Name("ParallelFor/openmp")
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);
#endif

BENCHMARK_MAIN();
