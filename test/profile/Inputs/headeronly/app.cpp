// The profiled program.
#include "lib.h"

long Sink;

int main() {
  for (int k = 0; k < 100; ++k)
    Sink += squares(10).size();
}
