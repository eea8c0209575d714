#include "hotpath/arena.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory_resource>
#include <vector>

using hotpath::Arena;

namespace {

// Upstream that counts what the arena asks for.
class CountingResource : public std::pmr::memory_resource {
public:
  int allocs = 0, frees = 0;
  std::size_t live = 0;

private:
  void *do_allocate(std::size_t n, std::size_t a) override {
    ++allocs;
    live += n;
    return std::pmr::new_delete_resource()->allocate(n, a);
  }
  void do_deallocate(void *p, std::size_t n, std::size_t a) override {
    ++frees;
    live -= n;
    std::pmr::new_delete_resource()->deallocate(p, n, a);
  }
  bool do_is_equal(const memory_resource &o) const noexcept override {
    return this == &o;
  }
};

TEST(Arena, AlignsEveryAllocation) {
  Arena a(256);
  for (std::size_t align : {1u, 2u, 8u, 16u, 64u, 4096u}) {
    void *p = a.allocate(3, align);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % align, 0u) << align;
  }
}

TEST(Arena, ResetKeepsBlocksAndNeedsNoUpstreamCalls) {
  CountingResource up;
  {
    Arena a(1024, &up);
    for (int round = 0; round < 5; ++round) {
      std::pmr::vector<int> v(&a);
      for (int i = 0; i < 10000; ++i)
        v.push_back(i);
      EXPECT_EQ(v[9999], 9999);
      if (round == 0) {
        EXPECT_GT(up.allocs, 1);
      }
      const int after_first = up.allocs;
      a.reset();
      EXPECT_EQ(a.bytes_used(), 0u);
      if (round > 0) {
        EXPECT_EQ(up.allocs, after_first) << "round " << round;
      }
    }
    EXPECT_EQ(up.frees, 0);
    EXPECT_GT(a.block_count(), 1u);
  }
  EXPECT_EQ(up.frees, up.allocs);
  EXPECT_EQ(up.live, 0u);
}

TEST(Arena, ReleaseReturnsEverything) {
  CountingResource up;
  Arena a(64, &up);
  (void)a.allocate(1000, 8);
  (void)a.allocate(100000, 8);
  EXPECT_GE(a.bytes_reserved(), 101000u);
  a.release();
  EXPECT_EQ(up.live, 0u);
  EXPECT_EQ(a.block_count(), 0u);
  void *p = a.allocate(10, 8); // usable after release
  EXPECT_NE(p, nullptr);
}

TEST(Arena, AllocationsDoNotOverlap) {
  Arena a(128);
  std::vector<std::pair<unsigned char *, std::size_t>> spans;
  for (std::size_t i = 1; i < 300; ++i) {
    auto *p = static_cast<unsigned char *>(a.allocate(i, i % 3 == 0 ? 8 : 1));
    for (std::size_t k = 0; k < i; ++k)
      p[k] = static_cast<unsigned char>(i);
    spans.emplace_back(p, i);
  }
  for (auto &[p, n] : spans)
    for (std::size_t k = 0; k < n; ++k)
      ASSERT_EQ(p[k], static_cast<unsigned char>(n));
  EXPECT_GE(a.bytes_used(), 299u * 300u / 2u);
}

TEST(Arena, ResetSkipsKeptBlocksTooSmallForARequest) {
  CountingResource up;
  Arena a(64, &up);
  (void)a.allocate(40, 8);
  (void)a.allocate(100, 8);
  a.reset();
  void *big = a.allocate(10000, 8); // no kept block fits: new upstream block
  EXPECT_NE(big, nullptr);
  EXPECT_EQ(a.block_count(), 3u);
}

} // namespace
