#pragma once
#include <atomic>

// Written by different threads; included by both translation units.
struct Counters {
  std::atomic<long> produced{0};
  std::atomic<long> consumed{0};
};
