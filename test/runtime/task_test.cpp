#include "hotpath/task.hpp"

#include <gtest/gtest.h>

#include <array>
#include <memory>

namespace {

struct Tracked {
  int *destroyed;
  bool live = true;
  explicit Tracked(int *d) : destroyed(d) {}
  Tracked(Tracked &&o) noexcept : destroyed(o.destroyed) { o.live = false; }
  ~Tracked() {
    if (live)
      ++*destroyed;
  }
  void operator()() {}
};

TEST(Task, EmptyByDefault) {
  hotpath::Task t;
  EXPECT_FALSE(t);
}

TEST(Task, SmallCaptureIsInline) {
  int a = 0, b = 0, c = 0;
  auto f = [&a, &b, &c] { ++a, ++b, ++c; };
  static_assert(hotpath::Task::stores_inline<decltype(f)>);
  hotpath::Task t(f);
  t();
  t();
  EXPECT_EQ(a, 2);
  EXPECT_EQ(sizeof(hotpath::Task), 64u);
}

TEST(Task, LargeCaptureGoesToHeapAndStillRuns) {
  std::array<long, 32> big{};
  big[31] = 7;
  long out = 0;
  auto f = [big, &out] { out = big[31]; };
  static_assert(!hotpath::Task::stores_inline<decltype(f)>);
  hotpath::Task t(f);
  hotpath::Task u(std::move(t));
  EXPECT_FALSE(t);
  u();
  EXPECT_EQ(out, 7);
}

TEST(Task, MoveOnlyCapture) {
  auto p = std::make_unique<int>(41);
  int seen = 0;
  hotpath::Task t([p = std::move(p), &seen] { seen = *p + 1; });
  hotpath::Task u;
  u = std::move(t);
  u();
  EXPECT_EQ(seen, 42);
}

TEST(Task, DestroysCallableExactlyOnce) {
  int destroyed = 0;
  {
    hotpath::Task t{Tracked(&destroyed)};
    hotpath::Task u(std::move(t));
    hotpath::Task v;
    v = std::move(u);
    EXPECT_EQ(destroyed, 0);
  }
  EXPECT_EQ(destroyed, 1);
  {
    hotpath::Task t{Tracked(&destroyed)};
    t.reset();
    EXPECT_EQ(destroyed, 2);
    EXPECT_FALSE(t);
  }
  EXPECT_EQ(destroyed, 2);
}

} // namespace
