// PoolCore: per-thread caches, shared depot and victim generation.
#include "hotpath/pool.hpp"

#include <algorithm>

namespace hotpath {
namespace detail {

namespace {

// Every live PoolCore has a slot; a thread's cache table is indexed by slot
// and tagged with the pool's unique id, so a table entry left behind by a
// destroyed pool is recognised (the id differs) and never dereferenced.
struct Slot {
  std::uint64_t uid = 0; // 0: free
  PoolCore *core = nullptr;
};

std::mutex &registry_mutex() {
  static std::mutex m;
  return m;
}
std::vector<Slot> &registry_slots() {
  static std::vector<Slot> s;
  return s;
}
std::vector<std::size_t> &free_slots() {
  static std::vector<std::size_t> s;
  return s;
}
std::uint64_t next_uid = 1; // guarded by registry_mutex()

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

} // namespace

// Owns the calling thread's pool_tls_table; its destructor (registered on
// the thread's first pool use) hands the caches back when the thread exits.
struct ThreadCaches {
  bool active = false;
  ~ThreadCaches() {
    std::lock_guard<std::mutex> lk(registry_mutex());
    auto &slots = registry_slots();
    for (std::size_t i = 0; i < pool_tls_size; ++i) {
      const PoolTlsEntry &e = pool_tls_table[i];
      if (e.uid != 0 && i < slots.size() && slots[i].uid == e.uid)
        slots[i].core->adopt_exiting(e.cache);
    }
    delete[] pool_tls_table;
    pool_tls_table = nullptr;
    pool_tls_size = 0;
  }
};

namespace {
thread_local ThreadCaches tls_caches;
}

PoolCore::PoolCore(DestroyFn destroy, void *ctx, const PoolOptions &opts)
    : destroy_(destroy), ctx_(ctx),
      cap_(std::max<std::size_t>(2, opts.local_capacity)),
      trim_interval_(opts.trim_interval) {
  last_trim_ns_.store(now_ns(), std::memory_order_relaxed);
  std::lock_guard<std::mutex> lk(registry_mutex());
  auto &slots = registry_slots();
  auto &fs = free_slots();
  if (!fs.empty()) {
    slot_ = fs.back();
    fs.pop_back();
  } else {
    slot_ = slots.size();
    slots.emplace_back();
  }
  uid_ = next_uid++;
  slots[slot_] = Slot{uid_, this};
}

PoolCore::~PoolCore() {
  std::vector<void *> doomed;
  {
    std::lock_guard<std::mutex> lk(registry_mutex());
    registry_slots()[slot_] = Slot{};
    free_slots().push_back(slot_);
    // Threads that still have a table entry for us will see the uid gone.
    for (LocalCache *c : caches_) {
      doomed.insert(doomed.end(), c->items.begin(), c->items.end());
      doomed.insert(doomed.end(), c->old.begin(), c->old.end());
      delete c;
    }
    caches_.clear();
  }
  {
    std::lock_guard<std::mutex> lk(depot_m_);
    doomed.insert(doomed.end(), primary_.begin(), primary_.end());
    doomed.insert(doomed.end(), victim_.begin(), victim_.end());
    primary_.clear();
    victim_.clear();
  }
  // Destroyed outside the locks: a destructor may use another pool.
  destroy_all(doomed);
}

void PoolCore::destroy_all(std::vector<void *> &objs) noexcept {
  for (void *p : objs)
    destroy_(ctx_, p);
  destroyed_.fetch_add(objs.size(), std::memory_order_relaxed);
  objs.clear();
}

PoolCore::LocalCache *PoolCore::local() {
  if (LocalCache *c = fast_local())
    return c;
  return register_thread();
}

PoolCore::LocalCache *PoolCore::register_thread() {
  tls_caches.active = true; // odr-use: registers the thread-exit hand-back
  auto c = std::make_unique<LocalCache>();
  c->items.reserve(cap_);
  c->old.reserve(cap_);
  c->epoch = epoch_.load(std::memory_order_acquire);
  if (pool_tls_size <= slot_) {
    const std::size_t n = std::max<std::size_t>(slot_ + 1, 2 * pool_tls_size);
    auto *table = new PoolTlsEntry[n];
    std::copy(pool_tls_table, pool_tls_table + pool_tls_size, table);
    delete[] pool_tls_table;
    pool_tls_table = table;
    pool_tls_size = n;
  }
  std::lock_guard<std::mutex> lk(registry_mutex());
  caches_.push_back(c.get());
  pool_tls_table[slot_] = PoolTlsEntry{uid_, c.get()};
  return c.release();
}

void PoolCore::adopt_exiting(LocalCache *c) {
  // Called with the registry mutex held, so the pool is alive. Nothing is
  // destroyed here (a destructor could need the registry): stale objects go
  // to the victim generation and are freed by the next trim.
  caches_.erase(std::find(caches_.begin(), caches_.end(), c));
  {
    std::lock_guard<std::mutex> lk(depot_m_);
    const bool current = epoch_.load(std::memory_order_relaxed) == c->epoch;
    (current ? primary_ : victim_)
        .insert((current ? primary_ : victim_).end(), c->items.begin(),
                c->items.end());
    victim_.insert(victim_.end(), c->old.begin(), c->old.end());
  }
  delete c;
}

void PoolCore::age(LocalCache &c) {
  const std::uint64_t e = epoch_.load(std::memory_order_relaxed);
  if (e == c.epoch)
    return;
  // One generation passed: the victim goes, the current one becomes victim.
  destroy_all(c.old);
  if (e - c.epoch == 1)
    c.old.swap(c.items);
  else
    destroy_all(c.items);
  c.epoch = e;
}

void *PoolCore::get_slow() {
  LocalCache &c = *local();
  age(c);
  if (!c.items.empty()) {
    void *p = c.items.back();
    c.items.pop_back();
    return p;
  }
  if (!c.old.empty()) { // rescue from this thread's victim generation
    void *p = c.old.back();
    c.old.pop_back();
    return p;
  }
  if (refill(c)) {
    void *p = c.items.back();
    c.items.pop_back();
    return p;
  }
  return nullptr;
}

void PoolCore::put_slow(void *obj) {
  LocalCache &c = *local();
  age(c);
  if (c.items.size() == cap_)
    spill(c);
  c.items.push_back(obj);
}

bool PoolCore::refill(LocalCache &c) {
  maybe_periodic_trim();
  age(c);
  std::lock_guard<std::mutex> lk(depot_m_);
  // Half a cache per trip amortises the lock over many gets.
  std::vector<void *> &src = !primary_.empty() ? primary_ : victim_;
  const std::size_t n = std::min(src.size(), cap_ / 2);
  c.items.insert(c.items.end(), src.end() - static_cast<std::ptrdiff_t>(n),
                 src.end());
  src.resize(src.size() - n);
  return n != 0;
}

void PoolCore::spill(LocalCache &c) {
  maybe_periodic_trim();
  age(c);
  if (c.items.size() < cap_)
    return;
  const std::size_t n = cap_ / 2;
  std::lock_guard<std::mutex> lk(depot_m_);
  primary_.insert(primary_.end(),
                  c.items.end() - static_cast<std::ptrdiff_t>(n),
                  c.items.end());
  c.items.resize(c.items.size() - n);
}

void PoolCore::maybe_periodic_trim() {
  if (trim_interval_.count() <= 0)
    return;
  const std::int64_t now = now_ns();
  std::int64_t last = last_trim_ns_.load(std::memory_order_relaxed);
  const std::int64_t step =
      std::chrono::duration_cast<std::chrono::nanoseconds>(trim_interval_)
          .count();
  if (now - last >= step && last_trim_ns_.compare_exchange_strong(
                                last, now, std::memory_order_relaxed))
    trim();
}

void PoolCore::trim() {
  std::vector<void *> doomed;
  {
    std::lock_guard<std::mutex> lk(depot_m_);
    doomed.swap(victim_);
    victim_.swap(primary_);
    epoch_.fetch_add(1, std::memory_order_release);
  }
  destroy_all(doomed);
  // Age the caller's own cache now rather than on its next use.
  if (LocalCache *c = fast_local())
    age(*c);
}

PoolStats PoolCore::stats() const {
  PoolStats s;
  s.created = created_.load(std::memory_order_relaxed);
  s.destroyed = destroyed_.load(std::memory_order_relaxed);
  s.epoch = epoch_.load(std::memory_order_relaxed);
  std::lock_guard<std::mutex> lk(depot_m_);
  s.depot = primary_.size();
  s.victim = victim_.size();
  return s;
}

} // namespace detail
} // namespace hotpath
