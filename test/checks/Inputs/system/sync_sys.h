// Adjacent atomics in a system header: never reported.
#pragma once
#include <atomic>
struct SysCounters {
  std::atomic<long> a{0};
  std::atomic<long> b{0};
  void bump() { a++; b++; }
};
