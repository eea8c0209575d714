#pragma once
// The library: a template its users instantiate, and a helper with a loop.
#include <memory>
#include <vector>

template <class T> struct Box {
  char open;
  T value;
  char closed;
};

struct Node {
  int id;
};
void visit(const Node &);
inline void visit_all(int n) {
  for (int i = 0; i < n; ++i) {
    auto node = std::make_unique<Node>();
    node->id = i;
    visit(*node);
  }
}
