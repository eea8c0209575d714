#include "shared.h"
#include <future>
int b(const std::vector<int> &v) {
  int sum = 0;
  for (int x : v)
    sum += std::async([x] { return x; }).get();
  return sum;
}
