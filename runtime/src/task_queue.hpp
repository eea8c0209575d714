// The task queues of WorkerPool (worker_pool.cpp): a growable ring of
// tasks, the spin lock that guards a queue's short critical sections, and
// the locked deque each worker owns (and the pool's global queue is).
// Private to the runtime's sources.
#ifndef HOTPATH_RUNTIME_SRC_TASK_QUEUE_HPP
#define HOTPATH_RUNTIME_SRC_TASK_QUEUE_HPP

#include "hotpath/worker_pool.hpp"

#include <atomic>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

namespace hotpath::detail {

// A growable ring buffer of tasks. Not synchronised: LockedDeque guards it.
class TaskRing {
public:
  std::size_t size() const noexcept { return size_; }
  void reserve(std::size_t n) {
    while (cap_ < n)
      grow();
  }

  void push_back(Task &&t) {
    if (size_ == cap_)
      grow();
    buf_[(head_ + size_) & (cap_ - 1)] = std::move(t);
    ++size_;
  }
  bool pop_back(Task &out) noexcept {
    if (size_ == 0)
      return false;
    --size_;
    out = std::move(buf_[(head_ + size_) & (cap_ - 1)]);
    return true;
  }
  bool pop_front(Task &out) noexcept {
    if (size_ == 0)
      return false;
    out = std::move(buf_[head_]);
    head_ = (head_ + 1) & (cap_ - 1);
    --size_;
    return true;
  }

private:
  void grow() {
    const std::size_t cap = cap_ ? cap_ * 2 : 256;
    std::unique_ptr<Task[]> nb(new Task[cap]);
    for (std::size_t i = 0; i < size_; ++i)
      nb[i] = std::move(buf_[(head_ + i) & (cap_ - 1)]);
    buf_ = std::move(nb);
    cap_ = cap;
    head_ = 0;
  }

  std::unique_ptr<Task[]> buf_;
  std::size_t cap_ = 0, head_ = 0, size_ = 0;
};

// Test-and-test-and-set lock for the queues' short critical sections (a
// handful of moves). Unlock is a plain release store, cheaper than a futex
// mutex's; waiters spin briefly, then yield so that a preempted holder on an
// oversubscribed machine gets the CPU back.
class SpinLock {
public:
  void lock() noexcept {
    for (unsigned spins = 0;; ++spins) {
      if (!locked_.exchange(true, std::memory_order_acquire))
        return;
      while (locked_.load(std::memory_order_relaxed)) {
        if (spins++ < 64)
          detail::cpu_relax();
        else
          std::this_thread::yield();
      }
    }
  }
  void unlock() noexcept { locked_.store(false, std::memory_order_release); }

private:
  std::atomic<bool> locked_{false};
};

// A lock-guarded ring plus a size mirror that other threads read without
// the lock (emptiness probes while stealing and the park-time recheck).
// Pushes write the mirror with seq_cst so that "push, then read idle count"
// and "publish idle, then read size" cannot both miss each other (Dekker).
// Removals only need release: a stale, larger size just makes a parking
// worker look again, and whoever removed tasks is awake and runs them.
class LockedDeque {
public:
  std::size_t approx_size() const noexcept {
    return size_.load(std::memory_order_seq_cst);
  }
  void reserve(std::size_t n) {
    std::lock_guard<SpinLock> lk(m_);
    ring_.reserve(n);
  }
  void push_back(Task &&t) {
    std::lock_guard<SpinLock> lk(m_);
    ring_.push_back(std::move(t));
    size_.store(ring_.size(), std::memory_order_seq_cst);
  }
  // Pushes n tasks from `src` with one lock round-trip.
  void push_many(Task *src, std::size_t n) {
    std::lock_guard<SpinLock> lk(m_);
    for (std::size_t i = 0; i < n; ++i)
      ring_.push_back(std::move(src[i]));
    size_.store(ring_.size(), std::memory_order_seq_cst);
  }
  bool pop_back(Task &out) {
    if (approx_size() == 0)
      return false;
    std::lock_guard<SpinLock> lk(m_);
    const bool ok = ring_.pop_back(out);
    size_.store(ring_.size(), std::memory_order_release);
    return ok;
  }
  // Takes up to `want(size)` tasks from the front into dst; returns count.
  template <class Want> std::size_t pop_front_many(Task *dst, Want want) {
    if (approx_size() == 0)
      return 0;
    std::lock_guard<SpinLock> lk(m_);
    std::size_t n = want(ring_.size());
    std::size_t got = 0;
    while (got < n && ring_.pop_front(dst[got]))
      ++got;
    size_.store(ring_.size(), std::memory_order_release);
    return got;
  }
  void drain_into(std::vector<Task> &out) {
    std::lock_guard<SpinLock> lk(m_);
    Task t;
    while (ring_.pop_front(t))
      out.push_back(std::move(t));
    size_.store(0, std::memory_order_release);
  }

  // Moves up to want(size) tasks from the front of `from` to the back of
  // this deque under both locks (order: `from`, then this; only used with the
  // injection queue as `from`, which is never locked second).
  template <class Want>
  bool transfer_from(LockedDeque &from, Want want, Task &first) {
    if (from.approx_size() == 0)
      return false;
    std::lock_guard<SpinLock> lf(from.m_);
    std::size_t n = want(from.ring_.size());
    if (n == 0 || !from.ring_.pop_front(first))
      return false;
    if (--n > 0) {
      std::lock_guard<SpinLock> lk(m_);
      Task t;
      while (n-- > 0 && from.ring_.pop_front(t))
        ring_.push_back(std::move(t));
      size_.store(ring_.size(), std::memory_order_seq_cst);
    }
    from.size_.store(from.ring_.size(), std::memory_order_release);
    return true;
  }

private:
  SpinLock m_;
  TaskRing ring_;
  std::atomic<std::size_t> size_{0};
};

} // namespace hotpath::detail

#endif // HOTPATH_RUNTIME_SRC_TASK_QUEUE_HPP
