#include "hotpath/buffer_pool.hpp"
#include "stress.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <thread>
#include <vector>

using hotpath::BufferPool;

namespace {

TEST(BufferPool, RoundsToPowerOfTwoClasses) {
  BufferPool bp;
  EXPECT_EQ(bp.get(1).capacity(), 64u);
  EXPECT_EQ(bp.get(64).capacity(), 64u);
  EXPECT_EQ(bp.get(65).capacity(), 128u);
  EXPECT_EQ(bp.get(1000).capacity(), 1024u);
  auto b = bp.get(3000);
  EXPECT_EQ(b.size(), 3000u);
  EXPECT_EQ(b.capacity(), 4096u);
  std::memset(b.data(), 0xAB, b.capacity()); // whole capacity is usable
}

TEST(BufferPool, ReusesBuffersOfTheSameClass) {
  BufferPool bp;
  std::byte *p;
  {
    auto b = bp.get(500);
    p = b.data();
  }
  auto c = bp.get(400); // same 512 class
  EXPECT_EQ(c.data(), p);
  EXPECT_EQ(bp.stats().created, 1u);
}

TEST(BufferPool, OversizedBuffersAreNotRetained) {
  hotpath::BufferPoolOptions o;
  o.max_size = 4096;
  BufferPool bp(o);
  {
    auto b = bp.get(10000);
    EXPECT_EQ(b.capacity(), 10000u);
    std::memset(b.data(), 1, b.size());
  }
  const auto s = bp.stats();
  EXPECT_EQ(s.depot + s.victim, 0u);
  EXPECT_EQ(s.created, 0u);
}

TEST(BufferPool, TrimFreesAfterTwoEpochs) {
  BufferPool bp;
  std::vector<BufferPool::Buffer> v;
  for (int i = 0; i < 100; ++i)
    v.push_back(bp.get(256));
  v.clear();
  bp.trim();
  EXPECT_EQ(bp.stats().destroyed, 0u);
  bp.trim();
  EXPECT_EQ(bp.stats().destroyed, 100u);
}

TEST(BufferPool, CrossThreadReturns) {
  BufferPool bp;
  const int n = stress(20000);
  std::vector<BufferPool::Buffer> handoff;
  for (int round = 0; round < 4; ++round) {
    std::thread producer([&] {
      for (int i = 0; i < n / 4; ++i) {
        auto b = bp.get(static_cast<std::size_t>(64 + (i % 2000)));
        std::memset(b.data(), i & 0xff, b.size());
        handoff.push_back(std::move(b));
      }
    });
    producer.join();
    std::thread consumer([&] { handoff.clear(); }); // returned elsewhere
    consumer.join();
  }
  EXPECT_LT(bp.stats().created, static_cast<std::uint64_t>(n));
}

} // namespace
