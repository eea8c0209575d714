#include "known.h"
#include <cstdio>

int main() {
  long n = 0;
  for (int i = 0; i < 200000; ++i)
    n += is_known(i % 2 ? "GET-REQUEST" : "OPTIONS-REQUEST");
  n += static_cast<long>(squares({1, 2, 3}).size());
  std::printf("%ld\n", n);
}
