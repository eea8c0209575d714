// RUN: %check_hotpath %s hotpath-false-sharing %t -- \
// RUN:   -config="{CheckOptions: {hotpath-false-sharing.SyncTypes: 'SpinLock;::app::Ticket', hotpath-false-sharing.UseHardwareInterferenceSize: true, hotpath-false-sharing.CacheLineBytes: 128, hotpath-false-sharing.TaskSubmitFunctions: 'dispatch'}}" \
// RUN:   -- -pthread

#include <atomic>
#include <new>

struct SpinLock {
  std::atomic<int> word{0};
  void lock();
  void unlock();
};
namespace app {
struct Ticket {
  std::atomic<unsigned> next{0};
};
} // namespace app

// Configured extra types count as synchronisation members; the fix-it
// spells the library's interference size, which <new> provides.
struct Table {
  SpinLock lock;
  // CHECK-MESSAGES: :[[@LINE+1]]:15: warning: 'ticket' (offset 4) and 'lock' (offset 0) of 'Table' can share a 128-byte cache line: when different threads write them, every write invalidates the line in the other cores' caches (false sharing); give 'ticket' a cache line of its own with 'alignas(std::hardware_destructive_interference_size)' [hotpath-false-sharing]
  app::Ticket ticket;
};
// CHECK-FIXES: alignas(std::hardware_destructive_interference_size) app::Ticket ticket;

// Far apart for a 64-byte line, not for a 128-byte one.
struct Wide {
  std::atomic<long> a{0};
  char pad[80];
  // CHECK-MESSAGES: :[[@LINE+1]]:21: warning: 'b' (offset 88) and 'a' (offset 0) of 'Wide' can share a 128-byte cache line
  std::atomic<long> b{0};
};
// CHECK-FIXES: alignas(std::hardware_destructive_interference_size) std::atomic<long> b{0};

// The threads that write them (members this file never writes give no
// evidence and are not reported).
void take(Table &t) { t.lock.lock(); }
void next_ticket(Table &t) { t.ticket.next++; }
void bump_a(Wide &w) { w.a++; }
void bump_b(Wide &w) { w.b++; }

// Not configured: a plain struct holding an atomic is not a member kind.
struct Holder {
  std::atomic<int> v{0};
};
struct TwoHolders {
  Holder x;
  Holder y;
};
void bump_x(TwoHolders &h) { h.x.v++; }
void bump_y(TwoHolders &h) { h.y.v++; }

// Evidence of threads through a pool's submit-like member function: here the
// configured 'dispatch' (the default list, submit;post;..., is replaced).
struct Pool {
  template <class F> void dispatch(F f) { queue(f); }
  template <class F> void submit(F f) { queue(f); }
  template <class F> void queue(F &f) { (void)f; }
};
void run_all(Pool &pool, Table &t, Wide &w, TwoHolders &h) {
  pool.dispatch([&] { take(t); next_ticket(t); });
  pool.dispatch([&] { bump_a(w); bump_b(w); });
  pool.dispatch([&] { bump_x(h); bump_y(h); });
}

// 'submit' is not in the configured list: no evidence, not reported.
struct Other {
  std::atomic<long> a{0};
  std::atomic<long> b{0};
};
void other_a(Other &o) { o.a++; }
void other_b(Other &o) { o.b++; }
void run_other(Pool &pool, Other &o) {
  pool.submit([&] { other_a(o); other_b(o); });
}
