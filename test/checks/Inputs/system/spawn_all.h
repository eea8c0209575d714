// A third-party header found through -isystem: its loops are not the user's.
#pragma once
#include <thread>
#include <vector>

inline void vendor_spawn_all(const std::vector<int> &items) {
  std::vector<std::thread> ts;
  for (int item : items)
    ts.emplace_back([item] { (void)item; });
  for (auto &t : ts)
    t.join();
}
