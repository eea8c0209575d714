#pragma once
// A library header: only the test includes it here, but it lives elsewhere.
#include "../common/shared.h"
#include <memory>
struct Part {
  int id;
};
void mount(const Part &);
inline void make_parts(int n) {
  for (int i = 0; i < n; ++i) {
    auto p = std::make_unique<Part>();
    mount(*p);
  }
}
