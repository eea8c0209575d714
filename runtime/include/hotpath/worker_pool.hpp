// hotpath::WorkerPool — a fixed set of worker threads with work stealing.
//
// Scheduling follows the Go runtime's design (runtime/proc.go: per-P run
// queues, a global run queue, "spinning" Ms, wakep only when nobody spins):
//   * each worker owns a deque: it pushes/pops at the back (LIFO keeps nested
//     work hot in cache), thieves take the older half from the front;
//   * submits from non-worker threads go to one injection queue, from which
//     workers take a batch (size/workers + 1, like globrunqget);
//   * an idle worker first spins (steal sweeps) for a bounded time, then parks
//     on its own condition variable, so an idle pool burns no CPU;
//   * a submit wakes a parked worker only when no worker is spinning; a
//     spinning worker that finds work wakes a replacement spinner.
// Waiting (Future::get, WaitGroup::wait) on a worker thread runs other queued
// tasks meanwhile, so nested submit-and-wait cannot deadlock the pool.
#pragma once

#include "hotpath/pool.hpp"
#include "hotpath/task.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <utility>

namespace hotpath {

// Thrown by Future::get / WaitGroup::wait when WorkerPool::cancel() dropped
// the task before it ran.
class TaskCancelled : public std::runtime_error {
public:
  TaskCancelled()
      : std::runtime_error("hotpath: task cancelled before it ran") {}
};

struct WorkerPoolOptions {
  unsigned threads = 0;      // 0: std::thread::hardware_concurrency()
  unsigned spin_rounds = 64; // steal sweeps before a worker parks
  long sched_trace_ms = -1;  // <0: read HOTPATH_SCHEDTRACE; 0: off
};

struct WorkerPoolStats {
  std::uint64_t tasks_run = 0;    // tasks started (including while helping)
  std::uint64_t tasks_stolen = 0; // tasks taken from another worker's deque
  std::uint64_t parks = 0;        // times a worker went to sleep
  std::uint64_t wakeups = 0;      // times a submit/spinner woke a parked worker
  std::uint64_t cancelled = 0;    // tasks dropped by cancel()
  unsigned workers = 0;
  unsigned idle = 0;      // parked (or about to park) right now
  unsigned spinning = 0;  // looking for work right now
  std::size_t queued = 0; // tasks waiting in all queues right now
};

namespace detail {

inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

// True on a thread owned by any WorkerPool.
bool on_worker_thread() noexcept;
// On a worker thread: takes one queued task (own deque, injection queue, or
// stolen) and runs it. Returns false when nothing was found.
bool run_one_pending();

// A one-shot flag a thread can block on. The owner (FutureState) is
// reference counted, so set() may skip the mutex when nobody waits: "store
// flag, read waiters" against "count waiter, read flag" (both seq_cst)
// cannot both miss each other.
class Signal {
public:
  bool is_set() const noexcept { return set_.load(std::memory_order_acquire); }
  void set() {
    set_.store(true, std::memory_order_seq_cst);
    if (waiters_.load(std::memory_order_seq_cst) > 0) {
      std::lock_guard<std::mutex> lk(m_);
      cv_.notify_all();
    }
  }
  // Only while nobody else can see the signal (recycling).
  void reset() noexcept { set_.store(false, std::memory_order_relaxed); }
  void wait() {
    if (is_set())
      return;
    std::unique_lock<std::mutex> lk(m_);
    waiters_.fetch_add(1, std::memory_order_seq_cst);
    cv_.wait(lk, [&] { return set_.load(std::memory_order_seq_cst); });
    waiters_.fetch_sub(1, std::memory_order_relaxed);
  }
  template <class Dur> void wait_for(Dur d) {
    std::unique_lock<std::mutex> lk(m_);
    waiters_.fetch_add(1, std::memory_order_seq_cst);
    cv_.wait_for(lk, d, [&] { return set_.load(std::memory_order_seq_cst); });
    waiters_.fetch_sub(1, std::memory_order_relaxed);
  }

private:
  std::atomic<bool> set_{false};
  std::atomic<int> waiters_{0};
  std::mutex m_;
  std::condition_variable cv_;
};

// Waits until ready(); on a worker thread runs queued tasks meanwhile. Backs
// off from spinning to yielding to short timed sleeps (block_for) when there
// is nothing to run, so a long wait inside a task costs little CPU. block()
// is the final, locked wait that also synchronises with the notifier.
template <class Ready, class BlockFor, class Block>
void wait_helping(Ready ready, BlockFor block_for, Block block) {
  if (on_worker_thread()) {
    unsigned misses = 0;
    while (!ready()) {
      if (run_one_pending()) {
        misses = 0;
        continue;
      }
      ++misses;
      if (misses < 32)
        cpu_relax();
      else if (misses < 48)
        std::this_thread::yield();
      else
        block_for(std::chrono::microseconds(misses < 128 ? 50 : 500));
    }
  }
  block();
}

inline void wait_helping(Signal &sig) {
  wait_helping([&] { return sig.is_set(); },
               [&](std::chrono::microseconds d) { sig.wait_for(d); },
               [&] { sig.wait(); });
}

struct Unit {};

// Shared by a Future and its task; recycled through a Pool so that submit()
// allocates nothing in steady state. Two references: the future's and the
// task's; the last release returns it to the pool.
template <class T> struct FutureState {
  Signal done;
  std::exception_ptr error;
  std::optional<std::conditional_t<std::is_void_v<T>, Unit, T>> value;
  std::atomic<int> refs{0};

  struct Reset {
    void operator()(FutureState &s) const noexcept {
      s.error = nullptr;
      s.value.reset();
      s.done.reset();
    }
  };
  using StatePool = Pool<FutureState, Reset>;
  // Never destroyed: tasks may still release states during static
  // destruction (objects stay reachable, so leak checkers are quiet).
  static StatePool &pool() {
    static StatePool *p = new StatePool();
    return *p;
  }
  static FutureState *make() {
    FutureState *s = pool().acquire();
    s->refs.store(2, std::memory_order_relaxed);
    return s;
  }
  void release() noexcept {
    if (refs.fetch_sub(1, std::memory_order_acq_rel) != 1)
      return;
    try {
      pool().put(this);
    } catch (...) { // first use of the pool on this thread could not allocate
      delete this;
    }
  }
};

} // namespace detail

template <class T> class Future {
public:
  Future() = default;
  Future(Future &&o) noexcept : state_(std::exchange(o.state_, nullptr)) {}
  Future &operator=(Future &&o) noexcept {
    if (this != &o) {
      drop();
      state_ = std::exchange(o.state_, nullptr);
    }
    return *this;
  }
  Future(const Future &) = delete;
  Future &operator=(const Future &) = delete;
  ~Future() { drop(); }

  bool valid() const noexcept { return state_ != nullptr; }
  bool ready() const noexcept { return state_ && state_->done.is_set(); }
  // Blocks until the task finished; on a worker thread, runs other tasks.
  void wait() const { detail::wait_helping(state_->done); }
  // Waits, then returns the result or rethrows the task's exception. Once.
  T get() {
    wait();
    detail::FutureState<T> *s = std::exchange(state_, nullptr);
    // Take the exception out of the shared state before dropping our
    // reference: then only this thread ever owns the exception object, even
    // if the worker releases the state last.
    if (std::exception_ptr e = std::exchange(s->error, nullptr)) {
      s->release();
      std::rethrow_exception(std::move(e));
    }
    if constexpr (std::is_void_v<T>) {
      s->release();
    } else {
      T v = std::move(*s->value);
      s->release();
      return v;
    }
  }

private:
  friend class WorkerPool;
  explicit Future(detail::FutureState<T> *s) : state_(s) {}
  void drop() noexcept {
    if (state_)
      std::exchange(state_, nullptr)->release();
  }
  detail::FutureState<T> *state_ = nullptr;
};

// Counts outstanding tasks like Go's sync.WaitGroup. Tasks posted with
// WorkerPool::post(wg, f) report their exception here; wait() rethrows the
// first one. As in Go, add() from zero must not race with wait().
class WaitGroup {
public:
  WaitGroup() = default;
  WaitGroup(const WaitGroup &) = delete;
  WaitGroup &operator=(const WaitGroup &) = delete;

  void add(std::int64_t n = 1) {
    count_.fetch_add(n, std::memory_order_acq_rel);
  }
  void done() {
    // Lock-free unless this is (probably) the last one. The final decrement
    // happens under the mutex, and wait() checks the count under the same
    // mutex before returning, so a waiter that returns (and may destroy the
    // group) never races with a done() still touching it.
    std::int64_t c = count_.load(std::memory_order_relaxed);
    while (c > 1) {
      if (count_.compare_exchange_weak(c, c - 1, std::memory_order_acq_rel,
                                       std::memory_order_relaxed))
        return;
    }
    std::lock_guard<std::mutex> lk(m_);
    if (count_.fetch_sub(1, std::memory_order_acq_rel) == 1)
      cv_.notify_all();
  }
  // Records an error for wait() to rethrow (the first one wins).
  void fail(std::exception_ptr e) {
    std::lock_guard<std::mutex> lk(m_);
    if (!error_)
      error_ = std::move(e);
  }
  void wait() {
    auto zero = [this] { return count_.load(std::memory_order_acquire) == 0; };
    detail::wait_helping(
        zero,
        [&](std::chrono::microseconds d) {
          std::unique_lock<std::mutex> lk(m_);
          cv_.wait_for(lk, d, zero);
        },
        [&] {
          std::unique_lock<std::mutex> lk(m_);
          cv_.wait(lk, zero);
        });
    std::exception_ptr e;
    {
      std::lock_guard<std::mutex> lk(m_);
      e = std::exchange(error_, nullptr);
    }
    if (e)
      std::rethrow_exception(e);
  }
  std::int64_t pending() const noexcept {
    return count_.load(std::memory_order_acquire);
  }

private:
  std::atomic<std::int64_t> count_{0};
  std::mutex m_;
  std::condition_variable cv_;
  std::exception_ptr error_; // guarded by m_
};

class WorkerPool {
public:
  explicit WorkerPool(unsigned threads = 0);
  explicit WorkerPool(const WorkerPoolOptions &opts);
  // Runs every queued task (and what they post) to completion, then joins.
  ~WorkerPool();
  WorkerPool(const WorkerPool &) = delete;
  WorkerPool &operator=(const WorkerPool &) = delete;

  unsigned size() const noexcept;

  // Fire and forget. An exception escaping the task calls std::terminate,
  // as for std::thread; use submit() or post(wg, f) to get it back.
  void post(Task task);

  // Runs f and counts it in wg; f's exception is rethrown by wg.wait().
  template <class F> void post(WaitGroup &wg, F &&f) {
    wg.add(1);
    post(Task(GroupTask<std::decay_t<F>>{&wg, std::forward<F>(f)}));
  }

  template <class F, class R = std::invoke_result_t<std::decay_t<F> &>>
  Future<R> submit(F &&f) {
    auto *state = detail::FutureState<R>::make();
    Future<R> fut(state);
    post(Task(SubmitTask<std::decay_t<F>, R>{state, std::forward<F>(f)}));
    return fut;
  }

  // Calls f(i) for every i in [first, last) — or f(begin, end) per chunk if
  // f takes two indices — in chunks of `grain`, on the workers and the
  // caller. Chunks are claimed dynamically from a shared counter, so uneven
  // work balances itself. Rethrows the first exception after all chunks
  // stopped.
  template <class Index, class F>
  void parallel_for(Index first, Index last, Index grain, F &&f);

  // Drops every task still queued (running tasks finish). Futures of dropped
  // tasks throw TaskCancelled; WaitGroups are released with TaskCancelled.
  // Returns the number of tasks dropped. The pool stays usable.
  std::size_t cancel();

  WorkerPoolStats stats() const;

  // The pool whose worker is calling, or nullptr.
  static WorkerPool *current() noexcept;

  struct Impl;

private:
  template <class F> struct GroupTask {
    WaitGroup *wg;
    F f;
    GroupTask(WaitGroup *g, F fn) : wg(g), f(std::move(fn)) {}
    GroupTask(GroupTask &&o) noexcept(std::is_nothrow_move_constructible_v<F>)
        : wg(std::exchange(o.wg, nullptr)), f(std::move(o.f)) {}
    void operator()() {
      try {
        f();
      } catch (...) {
        wg->fail(std::current_exception());
      }
      std::exchange(wg, nullptr)->done();
    }
    ~GroupTask() {
      if (wg) { // dropped without running
        wg->fail(std::make_exception_ptr(TaskCancelled()));
        wg->done();
      }
    }
  };

  template <class F, class R> struct SubmitTask {
    detail::FutureState<R> *state;
    F f;
    SubmitTask(detail::FutureState<R> *s, F fn) : state(s), f(std::move(fn)) {}
    SubmitTask(SubmitTask &&o) noexcept(std::is_nothrow_move_constructible_v<F>)
        : state(std::exchange(o.state, nullptr)), f(std::move(o.f)) {}
    void operator()() {
      try {
        if constexpr (std::is_void_v<R>) {
          f();
          state->value.emplace();
        } else {
          state->value.emplace(f());
        }
      } catch (...) {
        state->error = std::current_exception();
      }
      auto *s = std::exchange(state, nullptr);
      s->done.set();
      s->release();
    }
    ~SubmitTask() {
      if (state) { // dropped without running
        state->error = std::make_exception_ptr(TaskCancelled());
        state->done.set();
        state->release();
      }
    }
  };

  std::unique_ptr<Impl> impl_;
};

template <class Index, class F>
void WorkerPool::parallel_for(Index first, Index last, Index grain, F &&f) {
  static_assert(std::is_integral_v<Index>,
                "parallel_for needs integer indices");
  if (!(first < last))
    return;
  if (grain < 1)
    grain = 1;
  using U = std::make_unsigned_t<Index>;
  const std::size_t count = static_cast<U>(last - first);
  const std::size_t g = static_cast<std::size_t>(grain);
  const std::size_t chunks = (count + g - 1) / g;

  std::atomic<std::size_t> next{0};
  WaitGroup wg;
  auto body = [&] {
    for (;;) {
      const std::size_t c = next.fetch_add(1, std::memory_order_relaxed);
      if (c >= chunks)
        return;
      const Index b = static_cast<Index>(first + static_cast<Index>(c * g));
      const Index e = (count - c * g) <= g
                          ? last
                          : static_cast<Index>(b + static_cast<Index>(g));
      try {
        if constexpr (std::is_invocable_v<F &, Index, Index>) {
          f(b, e);
        } else {
          for (Index i = b; i < e; ++i)
            f(i);
        }
      } catch (...) {
        wg.fail(std::current_exception());
        next.store(chunks, std::memory_order_relaxed); // stop the others
        return;
      }
    }
  };
  // One helper per other worker at most; the caller is a participant too.
  const std::size_t helpers =
      std::min<std::size_t>(chunks - 1, static_cast<std::size_t>(size()));
  for (std::size_t h = 0; h < helpers; ++h)
    post(wg, [&body] { body(); });
  body();
  wg.wait();
}

} // namespace hotpath
