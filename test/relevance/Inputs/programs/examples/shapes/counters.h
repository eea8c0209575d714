// An example's thread counters: the false sharing is real, but the example
// is not the product.
#ifndef PROGRAMS_EXAMPLES_COUNTERS_H
#define PROGRAMS_EXAMPLES_COUNTERS_H
#include <atomic>
#include <functional>
#include <thread>

namespace shapes {
struct Progress {
  std::atomic<long> drawn{0};
  std::atomic<long> skipped{0};
};
// The size is taken: no fix-it, the header stays as it is.
static_assert(sizeof(Progress) >= 2 * sizeof(long), "two counters");
inline void draw_thread(Progress &p) { p.drawn++; }
inline void skip_thread(Progress &p) { p.skipped++; }
inline void run(Progress &p) {
  std::thread a(draw_thread, std::ref(p));
  std::thread b(skip_thread, std::ref(p));
  a.join();
  b.join();
}

struct PerThread {
  std::atomic<long> frames[4];
};
inline void frame(PerThread &c, int tid) { c.frames[tid].fetch_add(1); }
inline void run_frames(PerThread &c) {
  std::thread a(frame, std::ref(c), 0);
  std::thread b(frame, std::ref(c), 1);
  a.join();
  b.join();
}
} // namespace shapes

#endif
