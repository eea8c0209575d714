#pragma once
// Test support: it includes the framework, so its helpers and types are the
// test program's.
#include "minitest.h"
#include <memory>

struct Weight {
  double grams;
};
struct Probe {
  int id;
};
void record(const Probe &);
inline int probe_all(int n) {
  int sum = 0;
  for (int i = 0; i < n; ++i) {
    auto p = std::make_unique<Probe>();
    p->id = i;
    record(*p);
    sum += p->id;
  }
  return sum;
}
