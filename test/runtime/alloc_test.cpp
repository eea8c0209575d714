// Allocation accounting checked against known allocation sequences. This
// binary links hotpath::alloc, so every operator new below is counted.
#include "hotpath/alloc.hpp"
#include "hotpath/arena.hpp"
#include "hotpath/buffer_pool.hpp"
#include "hotpath/pool.hpp"
#include "hotpath/worker_pool.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <memory_resource>
#include <new>
#include <string>
#include <thread>
#include <vector>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define HOTPATH_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define HOTPATH_SANITIZED 1
#endif

using hotpath::AllocCounts;
using hotpath::AllocScope;

namespace {

// Stores through a volatile pointer so the compiler cannot elide new/delete
// pairs (allowed since C++14).
void *volatile g_sink;
template <class T> T *keep(T *p) {
  g_sink = p;
  return p;
}

// Sizes of allocations seen by the hook (fixed storage: the hook must not
// allocate), printed when a test expected none.
std::atomic<int> g_seen{0};
std::size_t g_seen_sizes[16];
void record_alloc(std::size_t n) noexcept {
  const int i = g_seen.fetch_add(1);
  if (i < 16)
    g_seen_sizes[i] = n;
}
std::string recorded_allocs() {
  std::string s = "sizes:";
  for (int i = 0; i < std::min(16, g_seen.load()); ++i)
    s += " " + std::to_string(g_seen_sizes[i]);
  return s;
}

struct alignas(64) Wide {
  char c[64];
};

TEST(Alloc, NewIntIsOneAllocOfFourBytes) {
  AllocScope s;
  int *p = keep(new int(5));
  AllocCounts d = s.thread_delta();
  EXPECT_EQ(d.allocs, 1u);
  EXPECT_EQ(d.bytes, sizeof(int));
  EXPECT_EQ(d.frees, 0u);
  delete p;
  d = s.thread_delta();
  EXPECT_EQ(d.frees, 1u);
}

TEST(Alloc, ArrayNew) {
  AllocScope s;
  int *p = keep(new int[10]);
  EXPECT_EQ(s.thread_delta().allocs, 1u);
  EXPECT_EQ(s.thread_delta().bytes, 10 * sizeof(int));
  delete[] p;
  EXPECT_EQ(s.thread_delta().frees, 1u);
}

TEST(Alloc, VectorReserveIsOneAllocation) {
  std::vector<int> v;
  AllocScope s;
  v.reserve(100);
  keep(v.data());
  EXPECT_EQ(s.thread_delta().allocs, 1u);
  EXPECT_EQ(s.thread_delta().bytes, 400u);
  for (int i = 0; i < 100; ++i)
    v.push_back(i);
  EXPECT_EQ(s.thread_delta().allocs, 1u) << "no regrowth after reserve";
  v.push_back(100); // grows: one more allocation, old block freed
  EXPECT_EQ(s.thread_delta().allocs, 2u);
  EXPECT_EQ(s.thread_delta().frees, 1u);
}

TEST(Alloc, AlignedNewAndDelete) {
  AllocScope s;
  Wide *w = keep(new Wide);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(w) % 64, 0u);
  EXPECT_EQ(s.thread_delta().allocs, 1u);
  EXPECT_EQ(s.thread_delta().bytes, 64u);
  delete w;
  Wide *arr = keep(new Wide[3]);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(arr) % 64, 0u);
  EXPECT_EQ(s.thread_delta().bytes, 64u + 3 * 64u);
  delete[] arr;
  EXPECT_EQ(s.thread_delta().allocs, 2u);
  EXPECT_EQ(s.thread_delta().frees, 2u);
}

TEST(Alloc, EveryExplicitForm) {
  AllocScope s;
  const auto al = std::align_val_t(128);
  void *p[8];
  p[0] = keep(::operator new(16));
  p[1] = keep(::operator new[](16));
  p[2] = keep(::operator new(16, std::nothrow));
  p[3] = keep(::operator new[](16, std::nothrow));
  p[4] = keep(::operator new(16, al));
  p[5] = keep(::operator new[](16, al));
  p[6] = keep(::operator new(16, al, std::nothrow));
  p[7] = keep(::operator new[](16, al, std::nothrow));
  for (int i = 4; i < 8; ++i)
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p[i]) % 128, 0u);
  EXPECT_EQ(s.thread_delta().allocs, 8u);
  EXPECT_EQ(s.thread_delta().bytes, 8 * 16u);
  ::operator delete(p[0], std::size_t{16});
  ::operator delete[](p[1], std::size_t{16});
  ::operator delete(p[2], std::nothrow);
  ::operator delete[](p[3], std::nothrow);
  ::operator delete(p[4], std::size_t{16}, al);
  ::operator delete[](p[5], al);
  ::operator delete(p[6], al, std::nothrow);
  ::operator delete[](p[7], std::size_t{16}, al);
  void *q = keep(::operator new(8));
  ::operator delete(q);
  void *r = keep(::operator new[](8, al));
  ::operator delete[](r, al, std::nothrow);
  void *t = keep(::operator new(8, al));
  ::operator delete(t, al);
  EXPECT_EQ(s.thread_delta().allocs, 11u);
  EXPECT_EQ(s.thread_delta().frees, 11u);
  ::operator delete(nullptr); // null frees are not counted
  EXPECT_EQ(s.thread_delta().frees, 11u);
}

#ifndef HOTPATH_SANITIZED
TEST(Alloc, FailedNothrowNewIsNotCounted) {
  AllocScope s;
  void *p = ::operator new(SIZE_MAX / 2, std::nothrow);
  EXPECT_EQ(p, nullptr);
  EXPECT_EQ(s.thread_delta().allocs, 0u);
  EXPECT_THROW(keep(::operator new(SIZE_MAX / 2)), std::bad_alloc);
}
#endif

TEST(Alloc, ProcessDeltaSeesOtherThreadsThreadDeltaDoesNot) {
  std::thread warm([] {}); // thread creation itself allocates: do it first
  warm.join();
  AllocScope s;
  std::thread t([] { delete keep(new long); });
  t.join();
  // std::thread's own state is one allocation; the thread's `new long` one.
  EXPECT_GE(s.delta().allocs, 2u);
  EXPECT_EQ(s.thread_delta().allocs, s.delta().allocs - 1);
}

TEST(Alloc, WorkerPoolPostIsAllocationFreeInSteadyState) {
  hotpath::WorkerPool pool(2);
  const int n = 10000;
  std::atomic<int> sum{0};
  auto burst = [&] {
    hotpath::WaitGroup wg;
    for (int i = 0; i < n; ++i)
      pool.post(wg, [&sum, i] { sum.fetch_add(i & 1); });
    wg.wait();
  };
  {
    // Warm-up with both workers held, so the injection queue grows to the
    // whole burst once; that growth is the only allocation posting makes.
    std::atomic<bool> go{false};
    std::atomic<int> holding{0};
    hotpath::WaitGroup hold;
    for (int w = 0; w < 2; ++w)
      pool.post(hold, [&go, &holding] {
        holding.fetch_add(1);
        while (!go.load())
          std::this_thread::yield();
      });
    while (holding.load() != 2) // both workers are busy now
      std::this_thread::yield();
    hotpath::WaitGroup wg;
    for (int i = 0; i < n; ++i)
      pool.post(wg, [&sum, i] { sum.fetch_add(i & 1); });
    go = true;
    wg.wait();
    hold.wait();
  }
  AllocScope s;
  g_seen = 0;
  hotpath::alloc::set_alloc_hook(record_alloc);
  for (int round = 0; round < 5; ++round)
    burst();
  hotpath::alloc::set_alloc_hook(nullptr);
  EXPECT_EQ(s.delta().allocs, 0u) << recorded_allocs();
  EXPECT_EQ(sum.load(), 6 * n / 2);
}

TEST(Alloc, AllocTracePrintsOneLinePerNamedScope) {
  // The variable is read once, at the first trace check; no earlier test
  // destroys a named scope.
  setenv("HOTPATH_ALLOCTRACE", "1", 1);
  testing::internal::CaptureStderr();
  {
    AllocScope unnamed; // not traced
    AllocScope s("my-scope");
    delete keep(new int);
  }
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("hotpath alloctrace my-scope: 1 allocs, 1 frees, 4 B"),
            std::string::npos)
      << err;
  EXPECT_EQ(err.find("alloctrace", err.find("alloctrace") + 1),
            std::string::npos)
      << "only the named scope prints: " << err;
  EXPECT_TRUE(hotpath::alloc::trace_enabled());
}

TEST(Alloc, HookSeesEveryAllocation) {
  g_seen = 0;
  hotpath::alloc::set_alloc_hook(record_alloc);
  delete keep(new int);
  delete keep(new Wide);
  hotpath::alloc::set_alloc_hook(nullptr);
  delete keep(new int);
  ASSERT_EQ(g_seen.load(), 2);
  EXPECT_EQ(g_seen_sizes[0], sizeof(int));
  EXPECT_EQ(g_seen_sizes[1], sizeof(Wide));
}

TEST(Alloc, SubmitAllocationsAreBoundedNotPerTask) {
  // Future states are recycled through a Pool. States released last by a
  // worker wait in that worker's cache (up to local_capacity = 64), so the
  // population grows until it covers the burst plus those caches; after that
  // submit allocates nothing. Bound: 2 workers x 64 states, plus each
  // thread's first-use cache registration (4 allocations).
  hotpath::WorkerPool pool(2);
  std::vector<hotpath::Future<int>> fs;
  fs.reserve(1000);
  long sum = 0;
  auto round = [&] {
    for (int i = 0; i < 1000; ++i)
      fs.push_back(pool.submit([i] { return i; }));
    for (auto &f : fs)
      sum += f.get();
    fs.clear();
  };
  round();
  AllocScope s;
  for (int r = 0; r < 20; ++r)
    round();
  EXPECT_LE(s.delta().allocs, 2 * 64u + 2 * 4u) << "20000 submits";
  EXPECT_EQ(sum, 21 * 999L * 1000 / 2);
}

TEST(Alloc, PoolGetPutIsAllocationFree) {
  hotpath::Pool<std::vector<int>> pool;
  pool.put(pool.acquire()); // registers this thread's cache
  AllocScope s;
  for (int i = 0; i < 10000; ++i) {
    auto h = pool.get();
    keep(h.get());
  }
  EXPECT_EQ(s.thread_delta().allocs, 0u);
  EXPECT_EQ(pool.stats().created, 1u);
}

TEST(Alloc, BufferPoolIsAllocationFreeInSteadyState) {
  hotpath::BufferPool bp;
  for (std::size_t n = 1; n < 5000; n += 97)
    bp.get(n);
  AllocScope s;
  for (std::size_t n = 1; n < 5000; n += 97)
    keep(bp.get(n).data());
  EXPECT_EQ(s.thread_delta().allocs, 0u);
}

TEST(Alloc, ArenaAfterResetIsAllocationFree) {
  hotpath::Arena arena;
  auto round = [&] {
    std::pmr::vector<int> v(&arena);
    for (int i = 0; i < 5000; ++i)
      v.push_back(i);
    keep(v.data());
  };
  round();
  arena.reset();
  AllocScope s;
  round();
  arena.reset();
  round();
  EXPECT_EQ(s.thread_delta().allocs, 0u);
}

} // namespace
