// Pool<T> get/put against operator new/delete (run once per allocator with
// LD_PRELOAD: glibc, mimalloc, jemalloc, tcmalloc) and std::pmr pool
// resources; producer/consumer returns on another thread; Arena against
// std::pmr::monotonic_buffer_resource.
#include "common.hpp"

#include "hotpath/arena.hpp"
#include "hotpath/pool.hpp"
#include "hotpath/worker_pool.hpp"

#include <dlfcn.h>

#include <array>
#include <cstdlib>
#include <memory_resource>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Msg { // a typical small message object
  std::array<char, 64> bytes;
};

constexpr int kBatch = 64; // objects alive at once in the batch variants

// --- single object: take one, give it back ----------------------------------

void BM_Single_NewDelete(benchmark::State &state) {
  for (auto _ : state) {
    Msg *m = new Msg;
    benchmark::DoNotOptimize(m);
    delete m;
  }
}

void BM_Single_Pool(benchmark::State &state) {
  static hotpath::Pool<Msg> pool;
  for (auto _ : state) {
    Msg *m = pool.acquire();
    benchmark::DoNotOptimize(m);
    pool.put(m);
  }
}

template <class Resource> void BM_Single_Pmr(benchmark::State &state) {
  Resource r;
  for (auto _ : state) {
    void *p = r.allocate(sizeof(Msg), alignof(Msg));
    benchmark::DoNotOptimize(p);
    r.deallocate(p, sizeof(Msg), alignof(Msg));
  }
}

// --- batch: kBatch objects alive, then all returned --------------------------

void BM_Batch_NewDelete(benchmark::State &state) {
  std::array<Msg *, kBatch> v;
  for (auto _ : state) {
    for (auto &p : v)
      p = new Msg;
    benchmark::DoNotOptimize(v.data());
    for (auto *p : v)
      delete p;
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

void BM_Batch_Pool(benchmark::State &state) {
  static hotpath::Pool<Msg> pool(nullptr, {}, hotpath::PoolOptions{2 * kBatch});
  std::array<Msg *, kBatch> v;
  for (auto _ : state) {
    for (auto &p : v)
      p = pool.acquire();
    benchmark::DoNotOptimize(v.data());
    for (auto *p : v)
      pool.put(p);
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

template <class Resource> void BM_Batch_Pmr(benchmark::State &state) {
  Resource r;
  std::array<void *, kBatch> v;
  for (auto _ : state) {
    for (auto &p : v)
      p = r.allocate(sizeof(Msg), alignof(Msg));
    benchmark::DoNotOptimize(v.data());
    for (auto *p : v)
      r.deallocate(p, sizeof(Msg), alignof(Msg));
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

// --- producer allocates, consumer thread frees -------------------------------

// Single-producer single-consumer ring (Lamport's bounded queue).
template <class T, std::size_t N> class Spsc {
public:
  bool push(T v) {
    const std::size_t h = head_.load(std::memory_order_relaxed);
    if (h - tail_.load(std::memory_order_acquire) == N)
      return false;
    buf_[h % N] = v;
    head_.store(h + 1, std::memory_order_release);
    return true;
  }
  bool pop(T &v) {
    const std::size_t t = tail_.load(std::memory_order_relaxed);
    if (t == head_.load(std::memory_order_acquire))
      return false;
    v = buf_[t % N];
    tail_.store(t + 1, std::memory_order_release);
    return true;
  }

private:
  alignas(64) std::atomic<std::size_t> head_{0};
  alignas(64) std::atomic<std::size_t> tail_{0};
  alignas(64) std::array<T, N> buf_{};
};

inline void backoff() {
  for (int i = 0; i < 64; ++i)
    hotpath::detail::cpu_relax();
  std::this_thread::yield();
}

template <class Take, class Give>
void cross_thread(benchmark::State &state, Take take, Give give) {
  constexpr long kObjs = 100000;
  for (auto _ : state) {
    Spsc<Msg *, 1024> q;
    std::thread consumer([&] {
      long got = 0;
      Msg *m;
      while (got < kObjs) {
        if (q.pop(m)) {
          give(m);
          ++got;
        } else {
          backoff();
        }
      }
    });
    for (long i = 0; i < kObjs; ++i) {
      Msg *m = take();
      m->bytes[0] = static_cast<char>(i);
      while (!q.push(m))
        backoff();
    }
    consumer.join();
  }
  state.SetItemsProcessed(state.iterations() * kObjs);
}

void BM_CrossThread_NewDelete(benchmark::State &state) {
  cross_thread(state, [] { return new Msg; }, [](Msg *m) { delete m; });
}
void BM_CrossThread_Pool(benchmark::State &state) {
  static hotpath::Pool<Msg> pool;
  cross_thread(
      state, [] { return pool.acquire(); }, [](Msg *m) { pool.put(m); });
}
void BM_CrossThread_PmrSync(benchmark::State &state) {
  static std::pmr::synchronized_pool_resource r;
  cross_thread(
      state,
      [] { return static_cast<Msg *>(r.allocate(sizeof(Msg), alignof(Msg))); },
      [](Msg *m) { r.deallocate(m, sizeof(Msg), alignof(Msg)); });
}

// --- per-request scratch: Arena vs monotonic_buffer_resource ----------------

// One "request": a vector grown by push_back plus a few short-lived strings,
// all from the request's resource.
void request(std::pmr::memory_resource *r) {
  std::pmr::vector<int> v(r);
  for (int i = 0; i < 1000; ++i)
    v.push_back(i);
  std::pmr::vector<std::pmr::string> names(r);
  names.reserve(32);
  for (int i = 0; i < 32; ++i)
    names.emplace_back("a request-scoped string that is not short");
  benchmark::DoNotOptimize(v.data());
  benchmark::DoNotOptimize(names.data());
}

void BM_Request_NewDelete(benchmark::State &state) {
  for (auto _ : state)
    request(std::pmr::new_delete_resource());
}
void BM_Request_Monotonic(benchmark::State &state) {
  for (auto _ : state) {
    std::pmr::monotonic_buffer_resource r;
    request(&r);
  }
}
void BM_Request_MonotonicStackBuffer(benchmark::State &state) {
  for (auto _ : state) {
    alignas(16) static thread_local char buf[64 * 1024];
    std::pmr::monotonic_buffer_resource r(buf, sizeof buf);
    request(&r);
  }
}
void BM_Request_Arena(benchmark::State &state) {
  hotpath::Arena arena;
  for (auto _ : state) {
    request(&arena);
    arena.reset();
  }
}

std::string detect_allocator() {
  if (dlsym(RTLD_DEFAULT, "mi_version"))
    return "mimalloc";
  if (dlsym(RTLD_DEFAULT, "mallctl"))
    return "jemalloc";
  if (dlsym(RTLD_DEFAULT, "tc_version"))
    return "tcmalloc";
  return "glibc";
}

} // namespace

BENCHMARK(BM_Single_NewDelete)->Name("Single/new_delete");
BENCHMARK(BM_Single_Pool)->Name("Single/hotpath_Pool");
BENCHMARK_TEMPLATE(BM_Single_Pmr, std::pmr::unsynchronized_pool_resource)
    ->Name("Single/pmr_unsynchronized_pool");
BENCHMARK_TEMPLATE(BM_Single_Pmr, std::pmr::synchronized_pool_resource)
    ->Name("Single/pmr_synchronized_pool");
BENCHMARK(BM_Batch_NewDelete)->Name("Batch64/new_delete");
BENCHMARK(BM_Batch_Pool)->Name("Batch64/hotpath_Pool");
BENCHMARK_TEMPLATE(BM_Batch_Pmr, std::pmr::unsynchronized_pool_resource)
    ->Name("Batch64/pmr_unsynchronized_pool");
BENCHMARK_TEMPLATE(BM_Batch_Pmr, std::pmr::synchronized_pool_resource)
    ->Name("Batch64/pmr_synchronized_pool");
BENCHMARK(BM_CrossThread_NewDelete)
    ->Name("CrossThread/new_delete")
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CrossThread_Pool)
    ->Name("CrossThread/hotpath_Pool")
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CrossThread_PmrSync)
    ->Name("CrossThread/pmr_synchronized_pool")
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Request_NewDelete)->Name("Request/new_delete");
BENCHMARK(BM_Request_Monotonic)->Name("Request/pmr_monotonic");
BENCHMARK(BM_Request_MonotonicStackBuffer)
    ->Name("Request/pmr_monotonic_64k_buffer");
BENCHMARK(BM_Request_Arena)->Name("Request/hotpath_Arena");

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::AddCustomContext("allocator", detect_allocator());
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
