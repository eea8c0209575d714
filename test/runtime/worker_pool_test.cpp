#include "hotpath/worker_pool.hpp"
#include "stress.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

using hotpath::Future;
using hotpath::TaskCancelled;
using hotpath::WaitGroup;
using hotpath::WorkerPool;

namespace {

// Counts how a task ended: ran, or was destroyed unrun (cancelled).
struct Probe {
  std::atomic<int> *ran;
  std::atomic<int> *dropped;
  bool live = true;
  Probe(std::atomic<int> *r, std::atomic<int> *d) : ran(r), dropped(d) {}
  Probe(Probe &&o) noexcept : ran(o.ran), dropped(o.dropped) { o.live = false; }
  void operator()() {
    ran->fetch_add(1);
    live = false;
  }
  ~Probe() {
    if (live)
      dropped->fetch_add(1);
  }
};

// A gate the test opens to release tasks blocked on it.
struct Gate {
  std::atomic<bool> open{false};
  void wait() const {
    while (!open.load())
      std::this_thread::yield();
  }
};

TEST(WorkerPool, DefaultSizeIsHardwareConcurrency) {
  WorkerPool pool;
  unsigned hc = std::thread::hardware_concurrency();
  EXPECT_EQ(pool.size(), hc ? hc : 1u);
}

TEST(WorkerPool, PostRunsEveryTaskOnce) {
  WorkerPool pool(3);
  const int n = stress(20000);
  std::vector<std::atomic<int>> hits(n);
  WaitGroup wg;
  for (int i = 0; i < n; ++i)
    pool.post(wg, [&hits, i] { hits[i].fetch_add(1); });
  wg.wait();
  for (int i = 0; i < n; ++i)
    ASSERT_EQ(hits[i].load(), 1) << i;
  EXPECT_GE(pool.stats().tasks_run, static_cast<std::uint64_t>(n));
}

TEST(WorkerPool, SubmitReturnsValues) {
  WorkerPool pool(2);
  std::vector<Future<int>> fs;
  for (int i = 0; i < 100; ++i)
    fs.push_back(pool.submit([i] { return i * i; }));
  for (int i = 0; i < 100; ++i)
    EXPECT_EQ(fs[i].get(), i * i);
  auto v = pool.submit([] {});
  v.get();
  EXPECT_FALSE(v.valid());
  auto s = pool.submit([] { return std::make_unique<int>(5); });
  EXPECT_EQ(*s.get(), 5);
}

TEST(WorkerPool, ExceptionReachesFutureWaiter) {
  WorkerPool pool(2);
  auto f = pool.submit([]() -> int { throw std::runtime_error("boom"); });
  EXPECT_THROW(
      {
        try {
          f.get();
        } catch (const std::runtime_error &e) {
          EXPECT_STREQ(e.what(), "boom");
          throw;
        }
      },
      std::runtime_error);
}

TEST(WorkerPool, ExceptionReachesWaitGroupWaiterAndGroupIsReusable) {
  WorkerPool pool(2);
  WaitGroup wg;
  std::atomic<int> ran{0};
  for (int i = 0; i < 100; ++i)
    pool.post(wg, [i, &ran] {
      ran.fetch_add(1);
      if (i == 37)
        throw std::logic_error("task 37");
    });
  EXPECT_THROW(wg.wait(), std::logic_error);
  EXPECT_EQ(ran.load(), 100); // the other tasks still ran
  pool.post(wg, [&ran] { ran.fetch_add(1); });
  EXPECT_NO_THROW(wg.wait());
  EXPECT_EQ(ran.load(), 101);
}

TEST(WorkerPool, WaitGroupCountCrossingZeroWhilePostingIsNotDone) {
  // Tasks finish while the poster is still adding: the count touches zero
  // several times before wait(); wait() must still see every task.
  WorkerPool pool(2);
  for (int round = 0; round < stress(2000); ++round) {
    std::atomic<int> ran{0};
    WaitGroup wg;
    for (int i = 0; i < 4; ++i) {
      pool.post(wg, [&ran] { ran.fetch_add(1); });
      if (i % 2 == 0)
        std::this_thread::yield();
    }
    wg.wait();
    ASSERT_EQ(ran.load(), 4) << "round " << round;
  }
}

TEST(WorkerPool, WaitGroupDestroyedRightAfterWait) {
  // ASan catches a done() that still touches the group after wait returned.
  WorkerPool pool(2);
  for (int round = 0; round < stress(5000); ++round) {
    auto wg = std::make_unique<WaitGroup>();
    pool.post(*wg, [] {});
    wg->wait();
    wg.reset();
  }
}

TEST(WorkerPool, ManyProducersNoTaskLostOrDuplicated) {
  WorkerPool pool(4);
  const int producers = 4, per = stress(10000);
  std::vector<std::atomic<int>> hits(producers * per);
  WaitGroup wg;
  std::vector<std::thread> ts;
  for (int p = 0; p < producers; ++p)
    ts.emplace_back([&, p] {
      for (int i = 0; i < per; ++i) {
        const int id = p * per + i;
        pool.post(wg, [&hits, id] { hits[id].fetch_add(1); });
      }
    });
  for (auto &t : ts)
    t.join();
  wg.wait();
  for (auto &h : hits)
    ASSERT_EQ(h.load(), 1);
}

int fib(WorkerPool &pool, int n) {
  if (n < 2)
    return n;
  auto a = pool.submit([&pool, n] { return fib(pool, n - 1); });
  const int b = fib(pool, n - 2);
  return a.get() + b; // waits inside a worker: must help, not block
}

TEST(WorkerPool, NestedSubmitAndWaitDoesNotDeadlock) {
  for (unsigned threads : {1u, 2u, 4u}) {
    WorkerPool pool(threads);
    auto f = pool.submit([&pool] { return fib(pool, 16); });
    EXPECT_EQ(f.get(), 987) << threads;
  }
}

TEST(WorkerPool, NestedWaitGroupsDoNotDeadlock) {
  WorkerPool pool(2);
  std::atomic<int> leaves{0};
  WaitGroup outer;
  for (int i = 0; i < stress(50); ++i)
    pool.post(outer, [&] {
      WaitGroup inner;
      for (int j = 0; j < 20; ++j)
        pool.post(inner, [&] { leaves.fetch_add(1); });
      inner.wait();
    });
  outer.wait();
  EXPECT_EQ(leaves.load(), stress(50) * 20);
}

TEST(WorkerPool, ParallelForCoversRangeExactlyOnce) {
  WorkerPool pool(3);
  for (long grain : {1L, 7L, 64L, 100000L}) {
    const long first = -500, last = 9501;
    std::vector<std::atomic<int>> hits(static_cast<size_t>(last - first));
    pool.parallel_for(first, last, grain,
                      [&](long i) { hits[i - first].fetch_add(1); });
    for (auto &h : hits)
      ASSERT_EQ(h.load(), 1) << "grain " << grain;
  }
  // chunk form
  std::atomic<long> sum{0};
  pool.parallel_for(0, 1000, 33, [&](int b, int e) {
    long s = 0;
    for (int i = b; i < e; ++i)
      s += i;
    sum.fetch_add(s);
  });
  EXPECT_EQ(sum.load(), 999L * 1000 / 2);
  // empty range: f never called
  pool.parallel_for(5, 5, 1, [](int) { FAIL(); });
  pool.parallel_for(5, 1, 1, [](int) { FAIL(); });
}

TEST(WorkerPool, ParallelForRethrows) {
  WorkerPool pool(2);
  std::atomic<int> calls{0};
  EXPECT_THROW(pool.parallel_for(0, 10000, 10,
                                 [&](int i) {
                                   calls.fetch_add(1);
                                   if (i == 4321)
                                     throw std::out_of_range("i");
                                 }),
               std::out_of_range);
  EXPECT_LE(calls.load(), 10000);
  // The pool still works afterwards.
  EXPECT_EQ(pool.submit([] { return 3; }).get(), 3);
}

TEST(WorkerPool, NestedParallelFor) {
  WorkerPool pool(2);
  std::atomic<long> n{0};
  pool.parallel_for(0, 20, 1, [&](int) {
    pool.parallel_for(0, 100, 10, [&](int) { n.fetch_add(1); });
  });
  EXPECT_EQ(n.load(), 2000);
}

TEST(WorkerPool, DestructorFinishesQueuedWork) {
  std::atomic<int> ran{0}, dropped{0};
  const int n = stress(5000);
  Gate gate; // declared before the pool: it must outlive the pool's tasks
  {
    WorkerPool pool(1);
    pool.post([&gate] { gate.wait(); }); // keeps the only worker busy
    for (int i = 0; i < n; ++i)
      pool.post(Probe(&ran, &dropped));
    // Work that posts more work while the pool is shutting down.
    pool.post([&] {
      for (int i = 0; i < 100; ++i)
        hotpath::WorkerPool::current()->post(Probe(&ran, &dropped));
    });
    gate.open = true;
  }
  EXPECT_EQ(ran.load(), n + 100);
  EXPECT_EQ(dropped.load(), 0);
}

TEST(WorkerPool, CancelDropsQueuedTasksAndNotifiesWaiters) {
  Gate gate;
  WorkerPool pool(1);
  std::atomic<bool> started{false};
  auto blocker = pool.submit([&] {
    started = true;
    gate.wait();
    return 1;
  });
  while (!started.load())
    std::this_thread::yield();
  std::atomic<int> ran{0}, dropped{0};
  for (int i = 0; i < 100; ++i)
    pool.post(Probe(&ran, &dropped));
  WaitGroup wg;
  for (int i = 0; i < 10; ++i)
    pool.post(wg, [&ran] { ran.fetch_add(1); });
  auto f = pool.submit([] { return 2; });
  EXPECT_EQ(pool.cancel(), 111u);
  gate.open = true;
  EXPECT_EQ(blocker.get(), 1); // the running task was not touched
  EXPECT_THROW(f.get(), TaskCancelled);
  EXPECT_THROW(wg.wait(), TaskCancelled);
  EXPECT_EQ(ran.load(), 0);
  EXPECT_EQ(dropped.load(), 100);
  EXPECT_EQ(pool.stats().cancelled, 111u);
  EXPECT_EQ(pool.submit([] { return 3; }).get(), 3); // still usable
}

TEST(WorkerPool, CancelRacingProducersNeverLosesOrDoublesATask) {
  std::atomic<int> ran{0}, dropped{0};
  const int producers = 3, per = stress(5000);
  {
    WorkerPool pool(2);
    std::vector<std::thread> ts;
    for (int p = 0; p < producers; ++p)
      ts.emplace_back([&] {
        for (int i = 0; i < per; ++i)
          pool.post(Probe(&ran, &dropped));
      });
    for (int k = 0; k < 50; ++k) {
      pool.cancel();
      std::this_thread::yield();
    }
    for (auto &t : ts)
      t.join();
  }
  EXPECT_EQ(ran.load() + dropped.load(), producers * per);
}

TEST(WorkerPool, CurrentIdentifiesTheWorkersPool) {
  WorkerPool a(1), b(1);
  EXPECT_EQ(WorkerPool::current(), nullptr);
  EXPECT_EQ(a.submit([] { return WorkerPool::current(); }).get(), &a);
  EXPECT_EQ(b.submit([] { return WorkerPool::current(); }).get(), &b);
}

TEST(WorkerPool, WorkerPostsGoToItsOwnDequeAndGetStolen) {
  WorkerPool pool(2);
  std::atomic<int> n{0};
  WaitGroup wg;
  // One task fans out many children from inside a worker; the other worker
  // can only get them by stealing.
  pool.post(wg, [&] {
    for (int i = 0; i < 2000; ++i)
      pool.post(wg, [&n] {
        volatile int x = 0;
        for (int k = 0; k < 2000; ++k)
          x = x + k;
        n.fetch_add(1);
      });
  });
  wg.wait();
  EXPECT_EQ(n.load(), 2000);
  // Not asserting the steal count: whether the second worker was awake in
  // time is up to the OS scheduler. It is reported for information.
  RecordProperty("stolen", static_cast<int>(pool.stats().tasks_stolen));
}

TEST(WorkerPool, IdlePoolParksEveryWorker) {
  WorkerPool pool(2);
  WaitGroup wg;
  for (int i = 0; i < 1000; ++i)
    pool.post(wg, [] {});
  wg.wait();
  // Bounded poll (not a timing assertion): spinning is finite, so every
  // worker ends up parked.
  bool all_parked = false;
  for (int i = 0; i < 1000 && !all_parked; ++i) {
    auto s = pool.stats();
    all_parked = s.idle == 2 && s.spinning == 0;
    if (!all_parked)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_TRUE(all_parked);
  EXPECT_GE(pool.stats().parks, 2u);
  // A parked pool wakes up for new work.
  EXPECT_EQ(pool.submit([] { return 9; }).get(), 9);
  EXPECT_GE(pool.stats().wakeups, 1u);
}

TEST(WorkerPool, SchedTracePrintsToStderr) {
  testing::internal::CaptureStderr();
  {
    hotpath::WorkerPoolOptions o;
    o.threads = 2;
    o.sched_trace_ms = 1;
    WorkerPool pool(o);
    pool.submit([] {}).get();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("hotpath schedtrace"), std::string::npos) << err;
  EXPECT_NE(err.find("workers=2"), std::string::npos) << err;
}

TEST(WorkerPool, WaitingOutsideAndInsideTogether) {
  WorkerPool pool(2);
  for (int round = 0; round < stress(200); ++round) {
    auto outer = pool.submit([&pool] {
      auto a = pool.submit([] { return 1; });
      auto b = pool.submit([] { return 2; });
      return a.get() + b.get();
    });
    ASSERT_EQ(outer.get(), 3);
  }
}

} // namespace

// Two tasks that each hold a worker until both have started, posted from
// outside while the workers go from spinning to parked: both must start.
// A spinner that found the tasks on its last look before sleeping used to
// run one as a non-spinner, so nobody woke the parked worker for the other
// (the submitters had skipped the wake-up while the spinner was counted).
TEST(WorkerPool, TasksPostedWhileAWorkerParksAllStart) {
  for (int round = 0; round < stress(300); ++round) {
    hotpath::WorkerPool pool(2);
    // Vary where the workers are (spinning, parking, parked) at the post.
    std::this_thread::sleep_for(std::chrono::microseconds(round % 7 * 30));
    std::atomic<int> started{0};
    std::atomic<bool> release{false};
    hotpath::WaitGroup wg;
    for (int t = 0; t < 2; ++t)
      pool.post(wg, [&] {
        started.fetch_add(1);
        while (!release.load())
          std::this_thread::yield();
      });
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (started.load() < 2 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::yield();
    const int seen = started.load();
    release = true; // let the pool finish either way
    wg.wait();
    ASSERT_EQ(seen, 2) << "round " << round
                       << ": a task waited while a worker slept";
  }
}
