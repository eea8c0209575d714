// An example's header: under examples/, not the product.
#pragma once
#include <memory>

struct Frame {
  int id;
};
void show(const Frame &);

inline void render_all(int n) {
  for (int i = 0; i < n; ++i) {
    auto f = std::make_unique<Frame>();
    show(*f);
  }
}
