// An example program's header: under examples/, not the product.
#ifndef PROGRAMS_EXAMPLES_SHAPES_H
#define PROGRAMS_EXAMPLES_SHAPES_H
#include "lib/pair.h"
#include <memory>

namespace shapes {
struct Shape {
  int sides;
};
void draw(const Shape &);

// A loop of the example: held back as example code.
inline void draw_all(int n) {
  for (int i = 0; i < n; ++i) {
    auto s = std::make_unique<Shape>();
    draw(*s);
  }
}

// The example's own record, padded (its braced initialisation keeps the
// field order: no fix-it, the header stays as it is for every front-end).
struct Label {
  char kind;
  double size;
  char style;
};
inline Label make_label() { return Label{'a', 1.0, 'b'}; }

// The example needs Slot<char, long> first (nothing before it did).
inline long corner() {
  lib::Slot<char, long> p{};
  return p.second;
}
// An enumeration of the example: Wrapped<Color> is instantiated for it (by
// the library's Holder), so its layout is the example's.
enum class Color : long { red, green };
inline long paint() {
  lib::Holder<Color> h{};
  return static_cast<long>(h.wrapped.value);
}
} // namespace shapes

#endif
