// hotpath::Pool<T> — reuse of objects with sync.Pool semantics.
//
// Like Go's sync.Pool (src/sync/pool.go): each thread has a private cache
// touched without locks or atomic read-modify-writes; overflow goes to a
// shared depot other threads refill from; and objects survive one
// generation in a "victim" area before they are destroyed. Each trim() (or
// periodic epoch) starts a new generation: what sat unused through two
// generations is freed, while a burst right after a trim still finds
// the previous generation's objects (no refill spike).
//
// A thread's private cache is aged lazily — on that thread's next get/put,
// or when the thread exits — because touching another thread's private cache
// would need a lock on every operation. The cache is small (local_capacity),
// so at most that many objects per thread outlive their two epochs when a
// thread stops using the pool; they are freed at thread exit or when the pool
// is destroyed.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace hotpath {

struct PoolOptions {
  std::size_t local_capacity = 64;            // objects per thread cache
  std::chrono::milliseconds trim_interval{0}; // 0: only explicit trim()
};

struct PoolStats {
  std::uint64_t created = 0;   // objects made because the pool was empty
  std::uint64_t destroyed = 0; // objects freed by aging, trim or destruction
  std::size_t depot = 0;       // objects in the shared depot (this epoch)
  std::size_t victim = 0;      // objects in the depot's victim generation
  std::uint64_t epoch = 0;     // number of trims so far
};

namespace detail {

class PoolCore;

// One thread's private cache for one pool: touched only by that thread.
struct PoolLocalCache {
  std::vector<void *> items; // current generation, LIFO, capacity cap
  std::vector<void *> old;   // previous generation (victim)
  std::uint64_t epoch = 0;
};

// Per-thread table indexed by pool slot; the uid tells a live pool's entry
// from one a destroyed pool left behind. Plain pointers with constant
// initialisation, so the fast path needs no TLS guard check.
struct PoolTlsEntry {
  std::uint64_t uid = 0;
  PoolLocalCache *cache = nullptr;
};
inline thread_local PoolTlsEntry *pool_tls_table = nullptr;
inline thread_local std::size_t pool_tls_size = 0;

// Type-erased engine shared by Pool<T> and BufferPool.
class PoolCore {
public:
  using DestroyFn = void (*)(void *ctx, void *obj) noexcept;

  PoolCore(DestroyFn destroy, void *ctx, const PoolOptions &opts);
  ~PoolCore();
  PoolCore(const PoolCore &) = delete;
  PoolCore &operator=(const PoolCore &) = delete;

  // A cached object, or nullptr when the caller must make one. The common
  // case (this thread's cache has one, no new epoch) is inline.
  void *get() {
    if (PoolLocalCache *c = fast_local())
      if (c->epoch == epoch_.load(std::memory_order_relaxed) &&
          !c->items.empty()) {
        void *p = c->items.back();
        c->items.pop_back();
        return p;
      }
    return get_slow();
  }
  // Caches obj (already reset by the caller).
  void put(void *obj) {
    if (PoolLocalCache *c = fast_local())
      if (c->epoch == epoch_.load(std::memory_order_relaxed) &&
          c->items.size() < cap_) {
        c->items.push_back(obj);
        return;
      }
    put_slow(obj);
  }
  void trim();
  PoolStats stats() const;
  void note_created() noexcept {
    created_.fetch_add(1, std::memory_order_relaxed);
  }

  using LocalCache = PoolLocalCache;

private:
  friend struct ThreadCaches;
  LocalCache *fast_local() const noexcept {
    if (slot_ < pool_tls_size && pool_tls_table[slot_].uid == uid_)
      return pool_tls_table[slot_].cache;
    return nullptr;
  }
  void *get_slow();
  void put_slow(void *obj);
  LocalCache *local();
  LocalCache *register_thread();
  void age(LocalCache &c);
  bool refill(LocalCache &c);
  void spill(LocalCache &c);
  void adopt_exiting(LocalCache *c);
  void destroy_all(std::vector<void *> &objs) noexcept;
  void maybe_periodic_trim();

  DestroyFn destroy_;
  void *ctx_;
  std::size_t cap_;
  std::size_t slot_;
  std::uint64_t uid_;
  std::atomic<std::uint64_t> epoch_{0};
  std::atomic<std::uint64_t> created_{0}, destroyed_{0};
  std::chrono::steady_clock::duration trim_interval_;
  std::atomic<std::int64_t> last_trim_ns_{0};

  mutable std::mutex depot_m_;
  std::vector<void *> primary_, victim_; // guarded by depot_m_
  std::vector<LocalCache *> caches_;     // guarded by the global registry
};

} // namespace detail

template <class T> struct NoReset {
  void operator()(T &) const noexcept {}
};

template <class T, class Reset = NoReset<T>> class Pool {
public:
  using Factory = std::function<std::unique_ptr<T>()>;

  // Returns the object to the pool when it goes out of scope.
  class Handle {
  public:
    Handle() = default;
    Handle(Pool *pool, T *p) noexcept : pool_(pool), p_(p) {}
    Handle(Handle &&o) noexcept
        : pool_(o.pool_), p_(std::exchange(o.p_, nullptr)) {}
    Handle &operator=(Handle &&o) noexcept {
      if (this != &o) {
        reset();
        pool_ = o.pool_;
        p_ = std::exchange(o.p_, nullptr);
      }
      return *this;
    }
    ~Handle() { reset(); }
    T *get() const noexcept { return p_; }
    T &operator*() const noexcept { return *p_; }
    T *operator->() const noexcept { return p_; }
    explicit operator bool() const noexcept { return p_ != nullptr; }
    // Gives up ownership without returning the object to the pool.
    T *release() noexcept { return std::exchange(p_, nullptr); }
    void reset() noexcept {
      if (p_)
        pool_->put(std::exchange(p_, nullptr));
    }

  private:
    Pool *pool_ = nullptr;
    T *p_ = nullptr;
  };

  explicit Pool(Factory make = nullptr, Reset reset = Reset(),
                PoolOptions opts = PoolOptions())
      : make_(std::move(make)), reset_(std::move(reset)),
        core_(&destroy, nullptr, opts) {}

  Handle get() { return Handle(this, acquire()); }

  // A pooled object or a new one; hand it back with put().
  T *acquire() {
    if (void *p = core_.get())
      return static_cast<T *>(p);
    core_.note_created();
    return make_ ? make_().release() : new T();
  }

  // Resets obj with the reset hook and caches it. Any thread may return an
  // object, not only the one that took it.
  void put(T *obj) {
    reset_(*obj);
    core_.put(obj);
  }

  // Starts a new generation (see the header comment).
  void trim() { core_.trim(); }
  PoolStats stats() const { return core_.stats(); }

private:
  static void destroy(void *, void *obj) noexcept {
    delete static_cast<T *>(obj);
  }

  Factory make_;
  Reset reset_;
  detail::PoolCore core_;
};

} // namespace hotpath
