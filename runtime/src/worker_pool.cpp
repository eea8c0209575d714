// WorkerPool internals. See worker_pool.hpp for the scheduling design.
#include "hotpath/worker_pool.hpp"
#include "task_queue.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#if defined(__linux__)
#include <pthread.h>
#endif

namespace hotpath {
namespace {

using detail::LockedDeque;

// Per-worker sleep slot.
struct Parker {
  std::mutex m;
  std::condition_variable cv;
  bool notified = false;
};

constexpr std::size_t kMaxBatch = 32; // tasks moved per steal / injection grab

unsigned default_threads() {
  unsigned n = std::thread::hardware_concurrency();
  return n ? n : 1;
}

long env_sched_trace_ms() {
  const char *s = std::getenv("HOTPATH_SCHEDTRACE");
  if (!s || !*s)
    return 0;
  long v = std::strtol(s, nullptr, 10);
  return v > 0 ? v : 0;
}

} // namespace

struct WorkerPool::Impl {
  struct alignas(64) Worker {
    Impl *pool = nullptr;
    unsigned id = 0;
    LockedDeque deque;
    Parker parker;
    bool in_idle = false; // guarded by Impl::idle_m
    std::uint32_t tick = 0;
    std::uint64_t rng = 0;
    // Written only by the owning worker; relaxed load+store, no RMW.
    std::atomic<std::uint64_t> run{0}, stolen{0}, parks{0};
    std::thread thread;

    void bump(std::atomic<std::uint64_t> &c, std::uint64_t n = 1) noexcept {
      c.store(c.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
    }
  };

  WorkerPool *owner;
  unsigned spin_rounds;
  std::vector<std::unique_ptr<Worker>> workers;
  LockedDeque injection;

  std::atomic<int> spinning{0};
  std::atomic<int> idle{0};
  std::atomic<bool> stopping{false};
  std::mutex idle_m;
  std::vector<unsigned> idle_stack; // guarded by idle_m

  std::atomic<std::uint64_t> wakeups{0};
  std::atomic<std::uint64_t> cancelled{0};
  std::atomic<std::uint64_t> outside_run{0}; // run by the destructor drain

  // schedtrace
  long trace_ms = 0;
  std::thread tracer;
  std::mutex trace_m;
  std::condition_variable trace_cv;
  bool trace_stop = false;
  std::chrono::steady_clock::time_point start =
      std::chrono::steady_clock::now();

  static thread_local Worker *tls_worker;

  Impl(WorkerPool *o, const WorkerPoolOptions &opts) : owner(o) {
    const unsigned n = opts.threads ? opts.threads : default_threads();
    spin_rounds = opts.spin_rounds;
    trace_ms =
        opts.sched_trace_ms < 0 ? env_sched_trace_ms() : opts.sched_trace_ms;
    idle_stack.reserve(n);
    workers.reserve(n);
    // Size the queues up front so that steady-state posting never allocates
    // (rings only grow when a burst outgrows them).
    injection.reserve(1024);
    for (unsigned i = 0; i < n; ++i) {
      auto w = std::make_unique<Worker>();
      w->pool = this;
      w->id = i;
      w->rng = 0x9E3779B97F4A7C15ull * (i + 1);
      w->deque.reserve(256);
      workers.push_back(std::move(w));
    }
    for (auto &w : workers) {
      Worker *wp = w.get();
      wp->thread = std::thread([this, wp] { worker_main(*wp); });
    }
    if (trace_ms > 0)
      tracer = std::thread([this] { trace_main(); });
  }

  ~Impl() {
    if (tracer.joinable()) {
      {
        std::lock_guard<std::mutex> lk(trace_m);
        trace_stop = true;
      }
      trace_cv.notify_all();
      tracer.join();
    }
    stopping.store(true, std::memory_order_seq_cst);
    for (auto &w : workers) {
      std::lock_guard<std::mutex> lk(w->parker.m);
      w->parker.cv.notify_all();
    }
    for (auto &w : workers)
      w->thread.join();
    // Only reachable if a non-worker thread posted during destruction (a
    // contract violation); still, never lose a task: run it here.
    std::vector<Task> rest;
    injection.drain_into(rest);
    for (auto &w : workers)
      w->deque.drain_into(rest);
    for (auto &t : rest) {
      run_task(t);
      outside_run.fetch_add(1, std::memory_order_relaxed);
    }
  }

  static void run_task(Task &t) noexcept {
    // noexcept: an exception from a plain post() terminates, as documented.
    t();
    t.reset();
  }

  unsigned next_rand(Worker &w) noexcept {
    // xorshift64: victim choice only needs to be cheap and spread out.
    std::uint64_t x = w.rng;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    w.rng = x;
    return static_cast<unsigned>(x >> 32);
  }

  void push(Task &&t) {
    Worker *w = tls_worker;
    if (w && w->pool == this)
      w->deque.push_back(std::move(t));
    else
      injection.push_back(std::move(t));
    maybe_wake();
  }

  // wakep(): only if somebody sleeps and nobody is already looking.
  void maybe_wake() {
    if (idle.load(std::memory_order_seq_cst) > 0 &&
        spinning.load(std::memory_order_seq_cst) == 0)
      wake_one();
  }

  void wake_one() {
    int expected = 0;
    // The woken worker starts out counted as spinning, which keeps other
    // submitters from waking a second one for the same burst.
    if (!spinning.compare_exchange_strong(expected, 1,
                                          std::memory_order_seq_cst))
      return;
    Worker *target = nullptr;
    {
      std::lock_guard<std::mutex> lk(idle_m);
      if (!idle_stack.empty()) {
        target = workers[idle_stack.back()].get();
        idle_stack.pop_back();
        target->in_idle = false;
        idle.fetch_sub(1, std::memory_order_seq_cst);
      }
    }
    if (!target) {
      // Everyone is awake; each of them rechecks the queues before parking.
      spinning.fetch_sub(1, std::memory_order_seq_cst);
      return;
    }
    {
      std::lock_guard<std::mutex> lk(target->parker.m);
      target->parker.notified = true;
      target->parker.cv.notify_one();
    }
    wakeups.fetch_add(1, std::memory_order_relaxed);
  }

  bool take_injected(Worker &w, Task &out) {
    const std::size_t nw = workers.size();
    // Like globrunqget: a fair share of the queue, capped.
    return w.deque.transfer_from(
        injection,
        [nw](std::size_t n) {
          return std::min(kMaxBatch, std::min(n, n / nw + 1));
        },
        out);
  }

  bool steal(Worker &w, Task &out) {
    const std::size_t n = workers.size();
    if (n < 2)
      return false;
    const std::size_t start = next_rand(w) % n;
    for (std::size_t i = 0; i < n; ++i) {
      Worker &v = *workers[(start + i) % n];
      if (&v == &w || v.deque.approx_size() == 0)
        continue;
      Task buf[kMaxBatch]; // only built once a victim looks non-empty
      // Steal half, like Go's runqsteal, so the thief has work to share.
      const std::size_t got = v.deque.pop_front_many(
          buf, [](std::size_t s) { return std::min(kMaxBatch, (s + 1) / 2); });
      if (got == 0)
        continue;
      out = std::move(buf[0]);
      if (got > 1)
        w.deque.push_many(buf + 1, got - 1);
      w.bump(w.stolen, got);
      return true;
    }
    return false;
  }

  bool find_work(Worker &w, Task &out) {
    // Every 61st look goes to the injection queue first so that outside
    // submits are not starved by tasks that keep re-posting locally (Go
    // checks the global queue every 61 schedticks for the same reason).
    if (++w.tick % 61 == 0 && take_injected(w, out))
      return true;
    if (w.deque.pop_back(out))
      return true;
    if (take_injected(w, out))
      return true;
    return steal(w, out);
  }

  bool any_work_queued() const {
    if (injection.approx_size() != 0)
      return true;
    for (auto &w : workers)
      if (w->deque.approx_size() != 0)
        return true;
    return false;
  }

  void stop_spinning(bool &is_spinning) {
    if (!is_spinning)
      return;
    is_spinning = false;
    // The last spinner to find work hands the job over (Go's resetspinning)
    // so that a burst keeps fanning out to parked workers.
    if (spinning.fetch_sub(1, std::memory_order_seq_cst) == 1)
      maybe_wake();
  }

  void worker_main(Worker &w) {
    tls_worker = &w;
#if defined(__linux__)
    char name[16];
    std::snprintf(name, sizeof name, "hotpath-w%u", w.id);
    pthread_setname_np(pthread_self(), name);
#endif
    bool is_spinning = false;
    Task t;
    for (;;) {
      if (find_work(w, t)) {
        stop_spinning(is_spinning);
        w.bump(w.run); // counted at start, so a waiter sees it
        run_task(t);
        continue;
      }
      if (stopping.load(std::memory_order_acquire))
        break;
      if (!is_spinning) {
        // Cap spinners at half the busy workers (Go: 2*nmspinning < busy).
        const int s = spinning.load(std::memory_order_relaxed);
        const int busy = static_cast<int>(workers.size()) -
                         idle.load(std::memory_order_relaxed);
        if (2 * s < busy) {
          spinning.fetch_add(1, std::memory_order_seq_cst);
          is_spinning = true;
        }
      }
      bool found = false;
      if (is_spinning) {
        for (unsigned r = 0; r < spin_rounds && !found; ++r) {
          found = find_work(w, t);
          if (!found)
            for (int k = 0; k < 32; ++k)
              detail::cpu_relax();
        }
      }
      if (found) {
        stop_spinning(is_spinning);
        w.bump(w.run); // counted at start, so a waiter sees it
        run_task(t);
        continue;
      }
      park(w, is_spinning);
    }
    if (is_spinning)
      spinning.fetch_sub(1, std::memory_order_seq_cst);
    tls_worker = nullptr;
  }

  // Publish idleness, stop spinning, recheck every queue, then sleep. Any
  // submit either sees us idle (and wakes someone) or its task is visible to
  // the recheck — see LockedDeque for the ordering argument.
  void park(Worker &w, bool &is_spinning) {
    {
      std::lock_guard<std::mutex> lk(idle_m);
      idle_stack.push_back(w.id);
      w.in_idle = true;
      idle.fetch_add(1, std::memory_order_seq_cst);
    }
    const bool was_spinning = is_spinning;
    if (is_spinning) {
      is_spinning = false;
      spinning.fetch_sub(1, std::memory_order_seq_cst);
    }
    if (any_work_queued() || stopping.load(std::memory_order_seq_cst)) {
      if (leave_idle(w)) {
        // A spinner that finds work on this last look spins again (Go's
        // findrunnable does the same): submitters skipped the wake-up while
        // it was counted, so finding the work must hand the wake-up on
        // (stop_spinning). Returning as a non-spinner left a parked worker
        // asleep beside a queued task while this one ran another: a hold
        // task posted with another worker parked never started.
        if (was_spinning) {
          spinning.fetch_add(1, std::memory_order_seq_cst);
          is_spinning = true;
        }
        return;
      }
      // A waker already popped us and counted us as spinning; take its
      // notification so that it does not linger.
    } else {
      w.bump(w.parks);
    }
    bool notified;
    {
      std::unique_lock<std::mutex> lk(w.parker.m);
      w.parker.cv.wait(lk, [&] {
        return w.parker.notified || stopping.load(std::memory_order_acquire);
      });
      notified = w.parker.notified;
      w.parker.notified = false;
    }
    if (notified)
      is_spinning = true; // wake_one() counted us
    else
      leave_idle(w); // woken for shutdown
  }

  // Removes w from the idle stack; false if a waker already did.
  bool leave_idle(Worker &w) {
    std::lock_guard<std::mutex> lk(idle_m);
    if (!w.in_idle)
      return false;
    w.in_idle = false;
    idle_stack.erase(std::find(idle_stack.begin(), idle_stack.end(), w.id));
    idle.fetch_sub(1, std::memory_order_seq_cst);
    return true;
  }

  std::size_t cancel() {
    std::vector<Task> dropped;
    injection.drain_into(dropped);
    for (auto &w : workers)
      w->deque.drain_into(dropped);
    const std::size_t n = dropped.size();
    cancelled.fetch_add(n, std::memory_order_relaxed);
    dropped.clear(); // destructors notify futures / wait groups
    return n;
  }

  WorkerPoolStats stats() const {
    WorkerPoolStats s;
    s.workers = static_cast<unsigned>(workers.size());
    s.tasks_run = outside_run.load(std::memory_order_relaxed);
    for (auto &w : workers) {
      s.tasks_run += w->run.load(std::memory_order_relaxed);
      s.tasks_stolen += w->stolen.load(std::memory_order_relaxed);
      s.parks += w->parks.load(std::memory_order_relaxed);
      s.queued += w->deque.approx_size();
    }
    s.queued += injection.approx_size();
    s.wakeups = wakeups.load(std::memory_order_relaxed);
    s.cancelled = cancelled.load(std::memory_order_relaxed);
    s.idle = static_cast<unsigned>(std::max(0, idle.load()));
    s.spinning = static_cast<unsigned>(std::max(0, spinning.load()));
    return s;
  }

  // Like GODEBUG=schedtrace=X: one line per period on stderr.
  void trace_main() {
    std::unique_lock<std::mutex> lk(trace_m);
    while (!trace_cv.wait_for(lk, std::chrono::milliseconds(trace_ms),
                              [&] { return trace_stop; })) {
      const WorkerPoolStats s = stats();
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - start)
                          .count();
      std::string runq;
      for (auto &w : workers) {
        runq += runq.empty() ? "" : " ";
        runq += std::to_string(w->deque.approx_size());
      }
      std::fprintf(stderr,
                   "hotpath schedtrace %lldms: workers=%u idle=%u spinning=%u "
                   "injq=%zu runq=[%s] run=%llu stolen=%llu parks=%llu "
                   "wakeups=%llu cancelled=%llu\n",
                   static_cast<long long>(ms), s.workers, s.idle, s.spinning,
                   injection.approx_size(), runq.c_str(),
                   static_cast<unsigned long long>(s.tasks_run),
                   static_cast<unsigned long long>(s.tasks_stolen),
                   static_cast<unsigned long long>(s.parks),
                   static_cast<unsigned long long>(s.wakeups),
                   static_cast<unsigned long long>(s.cancelled));
    }
  }
};

thread_local WorkerPool::Impl::Worker *WorkerPool::Impl::tls_worker = nullptr;

WorkerPool::WorkerPool(unsigned threads)
    : WorkerPool(WorkerPoolOptions{threads}) {}
WorkerPool::WorkerPool(const WorkerPoolOptions &opts)
    : impl_(std::make_unique<Impl>(this, opts)) {}
WorkerPool::~WorkerPool() = default;

unsigned WorkerPool::size() const noexcept {
  return static_cast<unsigned>(impl_->workers.size());
}
void WorkerPool::post(Task task) { impl_->push(std::move(task)); }
std::size_t WorkerPool::cancel() { return impl_->cancel(); }
WorkerPoolStats WorkerPool::stats() const { return impl_->stats(); }
WorkerPool *WorkerPool::current() noexcept {
  auto *w = Impl::tls_worker;
  return w ? w->pool->owner : nullptr;
}

namespace detail {
bool on_worker_thread() noexcept { return WorkerPool::Impl::tls_worker; }
bool run_one_pending() {
  auto *w = WorkerPool::Impl::tls_worker;
  if (!w)
    return false;
  Task t;
  if (!w->pool->find_work(*w, t))
    return false;
  w->bump(w->run);
  WorkerPool::Impl::run_task(t);
  return true;
}
} // namespace detail

} // namespace hotpath
