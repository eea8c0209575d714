// Before C++17, 'new' ignores over-alignment: an alignas fix would not reach
// objects on the heap, so there is no fix-it, and a note says why. With
// -faligned-allocation (or C++17) the fix-it is back.
// RUN: %check_hotpath -std=c++11,c++14 %s hotpath-false-sharing %t -- -- -pthread
// RUN: %check_hotpath -std=c++14 -check-suffix=ALIGNED %s hotpath-false-sharing %t -- -- -pthread -faligned-allocation

#include <atomic>
#include <cstdint>
#include <functional>
#include <thread>

struct Counters {
  std::atomic<std::int64_t> produced{0};
  std::atomic<std::int64_t> consumed{0};
  // CHECK-NOTES: :[[@LINE-1]]:29: warning: 'consumed' (offset 8) and 'produced' (offset 0) of 'Counters' can share a 64-byte cache line: {{.*}} give 'consumed' a cache line of its own with 'alignas(64)' [hotpath-false-sharing]
  // CHECK-NOTES: :[[@LINE-2]]:29: note: no automatic fix: before C++17, 'new' ignores an alignment above 16 bytes, so objects on the heap would stay misaligned; build with -std=c++17 or later (or -faligned-allocation), or allocate them with an aligned allocator; align 'consumed' by hand
  // CHECK-MESSAGES-ALIGNED: :[[@LINE-3]]:29: warning: 'consumed' (offset 8) and 'produced' (offset 0) of 'Counters' can share a 64-byte cache line
  // CHECK-FIXES-ALIGNED: alignas(64) std::atomic<std::int64_t> consumed{0};
};
void produce(Counters &c) { c.produced++; }
void consume(Counters &c) { c.consumed++; }

// An array of atomics written one element per thread: the padded element
// type has the same problem on the heap.
struct PerThread {
  std::atomic<long> hits[8];
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: 'hits' is an array of 8-byte 'std::atomic<long>' written one element per thread
  // CHECK-NOTES: :[[@LINE-2]]:21: note: before C++17, 'new' ignores an alignment above 16 bytes
  // CHECK-MESSAGES-ALIGNED: :[[@LINE-3]]:21: warning: 'hits' is an array of 8-byte 'std::atomic<long>' written one element per thread
};
void worker(PerThread &p, int thread_id) {
  for (int i = 0; i < 1000; ++i)
    p.hits[thread_id]++;
}

// Negative: already on separate lines.
struct Apart {
  alignas(64) std::atomic<std::int64_t> a{0};
  alignas(64) std::atomic<std::int64_t> b{0};
};
void write_a(Apart &x) { x.a++; }
void write_b(Apart &x) { x.b++; }

void start(Counters &c, PerThread &p, Apart &x) {
  std::thread(produce, std::ref(c)).join();
  std::thread(consume, std::ref(c)).join();
  std::thread(worker, std::ref(p), 0).join();
  std::thread([&] { write_a(x); write_b(x); }).join();
}
