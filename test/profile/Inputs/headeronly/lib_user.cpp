// The analysed TU: uses the library, is not part of the profiled program.
#include "lib.h"

long sum(int n) {
  long s = 0;
  for (int x : squares(n))
    s += x;
  return s;
}
