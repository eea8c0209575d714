// A test that relies on is_known() allocating on every call (it checks
// that the allocation counter moves): hotpath's fix breaks it, so verify
// must reject the fix with this output.
#include "known.h"
#include <cstdio>
#include <cstdlib>
#include <new>

static long Allocations = 0;

void *operator new(std::size_t n) {
  ++Allocations;
  if (void *p = std::malloc(n ? n : 1))
    return p;
  throw std::bad_alloc();
}
void operator delete(void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }

int main() {
  is_known("GET-REQUEST"); // the first call may build a static
  long before = Allocations;
  is_known("GET-REQUEST");
  long per_call = Allocations - before;
  std::printf("alloc_check: %ld allocations per call\n", per_call);
  if (per_call == 0) {
    std::puts("alloc_check: FAILED: is_known no longer allocates");
    return 1;
  }
  return 0;
}
