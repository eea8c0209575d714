// Passes with any correct fix.
#include "known.h"
#include <cstdio>

int main() {
  bool ok = is_known("GET-REQUEST") && !is_known("TRACE-REQUEST") &&
            squares({1, 2, 3}).size() == 3 && squares({1, 2, 3})[2] == 9;
  std::puts(ok ? "check: ok" : "check: FAILED");
  return ok ? 0 : 1;
}
