#pragma once
// Included only by another helper.
#include <memory>
struct Node {
  int id;
};
void visit(const Node &);
inline void make_nodes(int n) {
  for (int i = 0; i < n; ++i) {
    auto p = std::make_unique<Node>();
    visit(*p);
  }
}
