// A library header: these layouts depend on their arguments, so the record
// reported is a specialisation, and whoever needs it first chose it (one
// report per template: each has one user here).
#ifndef PROGRAMS_LIB_PAIR_H
#define PROGRAMS_LIB_PAIR_H
#include <memory>

namespace lib {
template <class A, class B> struct Pair {
  A first;
  B second;
  A third;
};
template <class A, class B> struct Slot {
  A first;
  B second;
  A third;
};
template <class A, class B> struct Cell {
  A first;
  B second;
  A third;
};
// Holder<T> needs Wrapped<T>: Wrapped's point of instantiation is here,
// in the library, whoever instantiates Holder.
template <class T> struct Wrapped {
  char tag;
  T value;
  char flag;
};
template <class T> struct Holder {
  Wrapped<T> wrapped;
};

// The library needs Pair<char, int> itself: reported wherever it is
// instantiated again.
inline int library_pair() {
  Pair<char, int> p{};
  return p.second;
}

void consume(const int &);

// A library loop: reported, whichever program includes it.
inline void library_loop(int n) {
  for (int i = 0; i < n; ++i) {
    auto p = std::make_unique<int>(i);
    consume(*p);
  }
}

} // namespace lib

#endif
