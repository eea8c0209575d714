#pragma once
// A hand-written framework in re2's style: the test function's declarator
// ends in C's empty parameter list, `(void)`.
void register_test(void (*)(void), const char *);
struct Registerer {
  Registerer(void (*fn)(void), const char *name) { register_test(fn, name); }
};
#define TEST(x, y)                                                             \
  void x##y(void);                                                             \
  Registerer r##x##y(x##y, #x "." #y);                                         \
  void x##y(void)
