#pragma once
// A test helper beside harness.h that does not include the framework.
#include "nested.h"
#include <memory>
struct Item {
  int id;
};
void consume(const Item &);
inline void make_items(int n) {
  for (int i = 0; i < n; ++i) {
    auto p = std::make_unique<Item>();
    consume(*p);
  }
}
