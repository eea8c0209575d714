#pragma once
// Beside the tests' headers, but the library includes it too.
#include <memory>
struct Cell {
  int id;
};
void paint(const Cell &);
inline void make_cells(int n) {
  for (int i = 0; i < n; ++i) {
    auto p = std::make_unique<Cell>();
    paint(*p);
  }
}
