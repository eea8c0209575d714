#pragma once
#include <thread>
#include <vector>

// Included by two translation units: reported once.
inline void spawn_each(const std::vector<int> &items) {
  for (int item : items)
    std::thread([item] { (void)item; }).join();
}
