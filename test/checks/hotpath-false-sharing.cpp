// RUN: %check_hotpath -std=c++17-or-later %s hotpath-false-sharing %t -- -- -isystem %S/Inputs/system -pthread
//
// After the fix-its every reported member starts a cache line of its own:
// RUN: for f in %t.*.cxx17.cpp; do %clangxx -fsyntax-only -std=c++17 -isystem %S/Inputs/system -DFIXED $f || exit 1; done

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <pthread.h>
#include <shared_mutex>
#include <thread>
#include <vector>

#include <sync_sys.h>

#ifdef FIXED
#define OWN_LINE(T, M) static_assert(offsetof(T, M) % 64 == 0 && alignof(T) >= 64, "own line")
#else
#define OWN_LINE(T, M) static_assert(true, "")
#endif

// ---------------------------------------------------------------- positives

// Counters bumped by every worker thread: all three in one line.
struct Counters {
  std::atomic<std::int64_t> lines{0};
  // CHECK-MESSAGES: :[[@LINE+1]]:29: warning: 'errors' (offset 8) and 'lines' (offset 0) of 'Counters' can share a 64-byte cache line: when different threads write them, every write invalidates the line in the other cores' caches (false sharing); give 'errors' a cache line of its own with 'alignas(64)' [hotpath-false-sharing]
  std::atomic<std::int64_t> errors{0};
  // CHECK-MESSAGES: :[[@LINE+1]]:29: warning: 'slow' (offset 16) and 'errors' (offset 8) and 1 more synchronisation member of 'Counters' can share a 64-byte cache line
  std::atomic<std::int64_t> slow{0};
};
// CHECK-FIXES: std::atomic<std::int64_t> lines{0};
// CHECK-FIXES: alignas(64) std::atomic<std::int64_t> errors{0};
// CHECK-FIXES: alignas(64) std::atomic<std::int64_t> slow{0};
OWN_LINE(Counters, errors);
OWN_LINE(Counters, slow);
// Each written by its own code path (thread). A member this file never
// writes gives no evidence and takes part in no pair.
void count_line(Counters &c) { c.lines++; }
void count_error(Counters &c) { c.errors++; }
void count_slow(Counters &c) { c.slow.fetch_add(1); }

// Aligning a member changes the size that code here relies on: no fix-it.
struct SizedCounters {
  std::atomic<std::int64_t> sent{0};
  // CHECK-MESSAGES: :[[@LINE+2]]:29: warning: 'received' (offset 8) and 'sent' (offset 0) of 'SizedCounters' can share a 64-byte cache line
  // CHECK-MESSAGES: :[[@LINE+1]]:29: note: no automatic fix: this file takes its size with sizeof, and code may depend on the value (a static_assert, padding, serialisation); align 'received' by hand
  std::atomic<std::int64_t> received{0};
};
static_assert(sizeof(SizedCounters) == 16, "fits a slot");
void send_one(SizedCounters &c) { c.sent++; }
void receive_one(SizedCounters &c) { c.received++; }

// Written by different functions (threads): reported.
struct Progress {
  std::atomic<long> produced{0};
  // CHECK-MESSAGES: :[[@LINE+1]]:21: warning: 'consumed' (offset 8) and 'produced' (offset 0) of 'Progress' can share a 64-byte cache line
  std::atomic<long> consumed{0};
};
// CHECK-FIXES: alignas(64) std::atomic<long> consumed{0};
OWN_LINE(Progress, consumed);
void produce(Progress &p) { p.produced.fetch_add(1); }
void consume(Progress &p) { p.consumed.fetch_add(1); }

// Two independent locks.
struct TwoLocks {
  std::mutex read_lock;
  // CHECK-MESSAGES: :[[@LINE+1]]:14: warning: 'write_lock' (offset 40) and 'read_lock' (offset 0) of 'TwoLocks' can share a 64-byte cache line
  std::mutex write_lock;
};
// CHECK-FIXES: alignas(64) std::mutex write_lock;
OWN_LINE(TwoLocks, write_lock);
void read_side(TwoLocks &l) {
  l.read_lock.lock();
  l.read_lock.unlock();
}
void write_side(TwoLocks &l) {
  l.write_lock.lock();
  l.write_lock.unlock();
}

// A lock and a counter that other threads bump without it.
struct LockAndCounter {
  std::shared_mutex table_lock;
  int table_size = 0;
  // CHECK-MESSAGES: :[[@LINE+1]]:20: warning: 'hits' (offset 60) and 'table_lock' (offset 0) of 'LockAndCounter' can share a 64-byte cache line
  std::atomic<int> hits{0};
};
// CHECK-FIXES: alignas(64) std::atomic<int> hits{0};
OWN_LINE(LockAndCounter, hits);
void grow(LockAndCounter &t) {
  std::unique_lock<std::shared_mutex> guard(t.table_lock);
  ++t.table_size;
}
void hit(LockAndCounter &t) { t.hits++; }

// Written here; its neighbour is written in another file (a consumer in
// consumer.cpp, a producer here): reported here.
struct HalfSeen {
  std::atomic<long> mine{0};
  // CHECK-MESSAGES: :[[@LINE+1]]:21: warning: 'theirs' (offset 8) and 'mine' (offset 0) of 'HalfSeen' can share a 64-byte cache line
  std::atomic<long> theirs{0};
};
// CHECK-FIXES: alignas(64) std::atomic<long> theirs{0};
void bump_mine(HalfSeen &h) { h.mine++; }

// Two counters, each under its own mutex: independent, reported.
std::mutex a_mutex, b_mutex;
struct TwoGuarded {
  std::atomic<long> a_seen{0};
  // CHECK-MESSAGES: :[[@LINE+1]]:21: warning: 'b_seen' (offset 8) and 'a_seen' (offset 0) of 'TwoGuarded' can share a 64-byte cache line
  std::atomic<long> b_seen{0};
};
// CHECK-FIXES: alignas(64) std::atomic<long> b_seen{0};
void see_a(TwoGuarded &g) {
  std::lock_guard<std::mutex> guard(a_mutex);
  g.a_seen++;
}
void see_b(TwoGuarded &g) {
  std::lock_guard<std::mutex> guard(b_mutex);
  g.b_seen++;
}

// A spin lock next to a counter.
struct SpinAndCount {
  std::atomic_flag spin;
  // CHECK-MESSAGES: :[[@LINE+1]]:21: warning: 'count' (offset 8) and 'spin' (offset 0) of 'SpinAndCount' can share
  std::atomic<long> count{0};
};
// CHECK-FIXES: alignas(64) std::atomic<long> count{0};
void spin_once(SpinAndCount &s) {
  while (s.spin.test_and_set()) {
  }
  s.spin.clear();
}
void count_one(SpinAndCount &s) { s.count++; }

// A flag that is written over and over (in a loop) is not read-mostly.
struct BusyFlag {
  std::atomic<bool> busy{false};
  // CHECK-MESSAGES: :[[@LINE+1]]:21: warning: 'done' (offset 8) and 'busy' (offset 0) of 'BusyFlag' can share
  std::atomic<long> done{0};
};
// CHECK-FIXES: alignas(64) std::atomic<long> done{0};
void run_busy(BusyFlag &f, int n) {
  for (int i = 0; i < n; ++i) {
    f.busy.store(true);
    f.busy.store(false);
  }
}
void finish(BusyFlag &f) { f.done.fetch_add(1); }

// A class template: reported once, at the template's member.
template <class T> struct PairOfCounters {
  std::atomic<T> first{0};
  // CHECK-MESSAGES: :[[@LINE+1]]:18: warning: 'second' (offset {{4|8}}) and 'first' (offset 0) of 'PairOfCounters<{{int|long}}>' can share
  std::atomic<T> second{0};
};
// CHECK-FIXES: alignas(64) std::atomic<T> second{0};
PairOfCounters<int> pair_i;
PairOfCounters<long> pair_l;
void bump_first(PairOfCounters<int> &p) { p.first++; }
void bump_second(PairOfCounters<int> &p) { p.second++; }
void bump_first(PairOfCounters<long> &p) { p.first++; }
void bump_second(PairOfCounters<long> &p) { p.second++; }

// Two atomics declared together: no fix-it, a note says what to do.
struct Together {
  std::atomic<int> produced{0}, consumed{0};
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'consumed' (offset 4) and 'produced' (offset 0) of 'Together' can share
};
void produce(Together &t) { t.produced++; }
void consume(Together &t) { t.consumed++; }

// Padding that only separates them when the object starts a cache line.
struct HandPadded {
  std::atomic<long> head{0};
  char pad[56];
  // CHECK-MESSAGES: :[[@LINE+1]]:21: warning: 'tail' (offset 64) and 'head' (offset 0) of 'HandPadded' can share a 64-byte cache line, since 'HandPadded' is only 8-byte aligned: when
  std::atomic<long> tail{0};
};
// CHECK-FIXES: alignas(64) std::atomic<long> tail{0};
OWN_LINE(HandPadded, tail);
void push(HandPadded &q) { q.head++; }
void pop(HandPadded &q) { q.tail++; }

// An array member of atomics, one element per thread.
struct PerThreadCounts {
  // CHECK-MESSAGES: :[[@LINE+1]]:21: warning: 'counts' is an array of 8-byte 'std::atomic<long>' written one element per thread: neighbouring elements share a 64-byte cache line, so the threads' writes contend for the same lines (false sharing); use an element type padded to the line, such as 'struct alignas(64) Slot { std::atomic<long> value; };' [hotpath-false-sharing]
  std::atomic<long> counts[8];
};
void count_for(PerThreadCounts &c, int tid) { c.counts[tid].fetch_add(1); }

// A vector of small records, each thread writing its own element.
struct Shard {
  std::atomic<long> hits{0};
};
// CHECK-FIXES: struct alignas(64) Shard {
void worker(std::vector<Shard> &shards, std::size_t me) {
  shards[me].hits.fetch_add(1, std::memory_order_relaxed);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: each thread writes its own element of 'shards', but 'Shard' is 8 bytes, smaller than a 64-byte cache line, so neighbouring elements share lines and the threads' writes to 'hits' contend for them (false sharing); align 'Shard' to the cache line [hotpath-false-sharing]
}

// A built-in array of records indexed by the thread's captured number.
struct Tally {
  std::atomic<int> value{0};
  int id = 0;
};
// CHECK-FIXES: struct alignas(64) Tally {
Tally tallies[4];
void start_tallies() {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([t] {
      for (int i = 0; i < 1000; ++i)
        tallies[t].value++;
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: each thread writes its own element of 'tallies', but 'Tally' is 8 bytes
    });
  for (auto &th : threads)
    th.join();
}

// A class that runs its own member functions on threads: every member
// function may run on one.
class Server {
public:
  void start() {
    loop_thread_ = std::thread(&Server::loop, this);
    stats_thread_ = std::thread([this] { report(); });
  }

private:
  void loop() { requests_++; }
  void report() { reports_.fetch_add(1); }
  std::atomic<long> requests_{0};
  // CHECK-MESSAGES: :[[@LINE+1]]:21: warning: 'reports_' (offset 8) and 'requests_' (offset 0) of 'Server' can share a 64-byte cache line
  std::atomic<long> reports_{0};
  std::thread loop_thread_, stats_thread_;
};
// CHECK-FIXES: alignas(64) std::atomic<long> reports_{0};

// pthreads: the slot index comes from the thread's argument struct.
struct Slots {
  // CHECK-MESSAGES: :[[@LINE+1]]:21: warning: 'per_thread' is an array of 8-byte 'std::atomic<long>' written one element per thread
  std::atomic<long> per_thread[8];
};
struct WorkerArg {
  int id;
  Slots *slots;
};
void *run_worker(void *p) {
  auto *arg = static_cast<WorkerArg *>(p);
  int id = arg->id;
  for (int i = 0; i < 1000; ++i)
    arg->slots->per_thread[id]++;
  return nullptr;
}
void start_pthreads(WorkerArg (&args)[4]) {
  pthread_t threads[4];
  for (int i = 0; i < 4; ++i)
    pthread_create(&threads[i], nullptr, run_worker, &args[i]);
  for (pthread_t t : threads)
    pthread_join(t, nullptr);
}

// The thread's argument is the slot index itself, cast to an integer.
struct DoneTally {
  // CHECK-MESSAGES: :[[@LINE+1]]:21: warning: 'done' is an array of 8-byte 'std::atomic<long>' written one element per thread
  std::atomic<long> done[4];
};
DoneTally tally;
void *count_done(void *arg) {
  tally.done[(long)arg].fetch_add(1);
  long slot = reinterpret_cast<long>(arg);
  tally.done[slot].fetch_add(1);
  return nullptr;
}
void start_counting() {
  pthread_t threads[4];
  for (long i = 0; i < 4; ++i)
    pthread_create(&threads[i], nullptr, count_done, reinterpret_cast<void *>(i));
  for (pthread_t t : threads)
    pthread_join(t, nullptr);
}

// Evidence of threads: every writer above runs on a thread this file
// starts, directly (a function handed to std::thread) or called from a
// thread's lambda. Without it nothing above would be reported (see
// "no threads" below).
void start_writers(Counters &c, SizedCounters &sc, Progress &p, TwoLocks &l,
                   LockAndCounter &t, HalfSeen &h, TwoGuarded &g,
                   SpinAndCount &s, BusyFlag &f, PairOfCounters<int> &pi,
                   PairOfCounters<long> &pl, Together &tg, HandPadded &q,
                   PerThreadCounts &ptc, std::vector<Shard> &shards) {
  std::thread(count_line, std::ref(c)).join();
  std::thread([&] { count_error(c); count_slow(c); }).join();
  std::thread([&] { send_one(sc); receive_one(sc); }).join();
  std::thread([&] { produce(p); consume(p); }).join();
  std::thread([&] { read_side(l); write_side(l); }).join();
  std::thread([&] { grow(t); hit(t); }).join();
  std::thread([&] { bump_mine(h); }).join();
  std::thread([&] { see_a(g); see_b(g); }).join();
  std::thread([&] { spin_once(s); count_one(s); }).join();
  std::thread([&] { run_busy(f, 3); finish(f); }).join();
  std::thread([&] { bump_first(pi); bump_second(pi); }).join();
  std::thread([&] { bump_first(pl); bump_second(pl); }).join();
  std::thread([&] { produce(tg); consume(tg); }).join();
  std::thread([&] { push(q); pop(q); }).join();
  std::thread(count_for, std::ref(ptc), 1).join();
  std::thread(worker, std::ref(shards), 0).join();
}

// A single-producer single-consumer ring in a library that starts no
// thread: the producer writes tail and reads head, the consumer the
// reverse; two parties, whoever runs them.
struct Ring {
  std::atomic<std::size_t> head{0};
  // CHECK-MESSAGES: :[[@LINE+1]]:28: warning: 'tail' (offset 8) and 'head' (offset 0) of 'Ring' can share a 64-byte cache line
  std::atomic<std::size_t> tail{0};
  int slots[64];
};
OWN_LINE(Ring, tail);
bool ring_push(Ring &r, int v) {
  std::size_t t = r.tail.load(std::memory_order_relaxed);
  if (t - r.head.load(std::memory_order_acquire) == 64)
    return false;
  r.slots[t % 64] = v;
  r.tail.store(t + 1, std::memory_order_release);
  return true;
}
bool ring_pop(Ring &r, int &v) {
  std::size_t h = r.head.load(std::memory_order_relaxed);
  if (h == r.tail.load(std::memory_order_acquire))
    return false;
  v = r.slots[h % 64];
  r.head.store(h + 1, std::memory_order_release);
  return true;
}

// ---------------------------------------------------------------- negatives

// One side of a protocol only: a function that reads one counter and
// writes the other is no evidence of a second party.
struct Relay {
  std::atomic<long> in{0};
  std::atomic<long> out{0};
};
void relay_once(Relay &r) { r.out.store(r.in.load() + 1); }
void relay_more(Relay &r) { r.out.store(r.in.load() + 2); }

// Members one function writes are one thread's unit, not independent
// writes: a list node's links (onetbb's context_list_node), a queue lock's
// node fields (onetbb's queuing_rw_mutex::scoped_lock).
struct ListNode {
  std::atomic<ListNode *> prev{nullptr};
  std::atomic<ListNode *> next{nullptr};
};
void link_after(ListNode &at, ListNode &n) {
  n.prev.store(&at);
  n.next.store(at.next.load());
}
struct QueueNode {
  std::atomic<QueueNode *> next{nullptr};
  std::atomic<unsigned char> going{0};
  std::atomic<unsigned char> state{0};
};
void enqueue(QueueNode &me, QueueNode &pred) {
  me.next.store(nullptr);
  me.state.store(1);
  pred.next.store(&me);
  me.going.store(1);
}

// One mutex held at every write of both: the writes are serialised by it
// (onetbb's market fields under its list mutex).
struct OneGuarded {
  std::atomic<long> x{0};
  std::atomic<long> y{0};
};
void set_x(OneGuarded &g) {
  std::lock_guard<std::mutex> guard(a_mutex);
  g.x++;
}
void set_y(OneGuarded &g) {
  std::lock_guard<std::mutex> guard(a_mutex);
  g.y.store(2);
}

// Written only by constructors, or not at all in this file: no evidence
// that threads write them (onetbb's context_list_node exists for a sizeof).
struct BuiltOnce {
  BuiltOnce() {
    a.store(1);
    b.store(2);
  }
  std::atomic<long> a;
  std::atomic<long> b;
};
struct NeverWritten {
  std::atomic<NeverWritten *> prev{nullptr};
  std::atomic<NeverWritten *> next{nullptr};
};
long links(const NeverWritten &n) { return n.prev.load() != n.next.load(); }


// Already on separate lines.
struct Separated {
  alignas(64) std::atomic<long> a{0};
  alignas(64) std::atomic<long> b{0};
};

// Separated by a full line of padding whatever the object's address.
struct PaddedApart {
  std::atomic<long> a{0};
  char pad[64];
  std::atomic<long> b{0};
};

// A line-aligned record whose members sit on different lines.
struct alignas(64) LineAligned {
  std::atomic<long> a{0};
  char pad[56];
  std::atomic<long> b{0};
};

// A single atomic next to the plain data it protects.
struct Guarded {
  std::atomic<int> version{0};
  int data[4] = {};
  long total = 0;
};

// A lock with the condition variables used under it: written together.
struct BlockingQueue {
  std::mutex m;
  std::condition_variable not_empty;
  std::condition_variable not_full;
  int items = 0;
};

// A stop flag set once, next to a counter.
struct StopAndCount {
  std::atomic<bool> stop{false};
  std::atomic<long> processed{0};
  void request_stop() { stop.store(true); }
  bool stopping() const { return stop.load(); }
};

// A flag never written in this file (read-mostly as far as it shows).
struct ReadOnlyFlag {
  std::atomic<bool> ready{false};
  std::atomic<long> n{0};
};

// An array of atomics swept by one thread (a loop counter, not a thread).
struct Histogram {
  std::atomic<long> buckets[16];
  void reset() {
    for (int i = 0; i < 16; ++i)
      buckets[i].store(0);
  }
};

// Elements already a line apart.
struct alignas(64) PaddedShard {
  std::atomic<long> hits{0};
};
void padded_worker(std::vector<PaddedShard> &shards, std::size_t me) {
  shards[me].hits++;
}

// Records indexed by a constant or a loop counter.
void sweep(std::vector<Shard> &shards) {
  shards[0].hits.store(0);
  for (std::size_t i = 0; i < shards.size(); ++i)
    shards[i].hits.store(0);
}

// Pointers to atomics are not the atomics.
struct Pointers {
  std::atomic<long> *a = nullptr;
  std::atomic<long> *b = nullptr;
};

// Never instantiated.
template <class T> struct Unused {
  std::atomic<T> a;
  std::atomic<T> b;
};

// The negatives above run on threads too, so that each stays silent for
// its own reason.
void start_negatives(ListNode &a, ListNode &b, QueueNode &m, QueueNode &pr,
                     OneGuarded &og, std::vector<PaddedShard> &ps,
                     std::vector<Shard> &shards, Histogram &hist,
                     StopAndCount &sc) {
  std::thread([&] { link_after(a, b); enqueue(m, pr); }).join();
  std::thread([&] { set_x(og); set_y(og); }).join();
  std::thread(padded_worker, std::ref(ps), 1).join();
  std::thread([&] { sweep(shards); hist.reset(); sc.request_stop(); }).join();
}

// No threads: a singleton's configuration mutexes and counters, written by
// ordinary functions this file never runs on a thread of its own.
struct Config {
  std::mutex load_mutex;
  std::mutex save_mutex;
  std::atomic<long> loads{0};
};
void load(Config &c) {
  std::lock_guard<std::mutex> lock(c.load_mutex);
  c.loads++;
}
void save(Config &c) { std::lock_guard<std::mutex> lock(c.save_mutex); }

// Two locks one thread takes in sequence: one function's unit.
struct TwoStep {
  std::mutex first;
  std::mutex second;
};
void both(TwoStep &t) {
  std::lock_guard<std::mutex> a(t.first);
  std::lock_guard<std::mutex> b(t.second);
}
void run_both(TwoStep &t) { std::thread([&] { both(t); }).join(); }

// An array of atomics indexed by data, not by thread, on a thread.
struct KeyCounts {
  std::atomic<long> per_key[8];
};
std::size_t slot_for(int key);
void count_keys(KeyCounts &k, const std::vector<int> &keys) {
  for (int key : keys)
    k.per_key[slot_for(key)]++;
}
void run_keys(KeyCounts &k, const std::vector<int> &keys) {
  std::thread([&] { count_keys(k, keys); }).join();
}

// From a system header.
long from_system(SysCounters &c) { return c.a.load() + c.b.load(); }
