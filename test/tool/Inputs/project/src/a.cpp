#include "shared.h"
void a(const std::vector<int> &v) {
  for (int x : v)
    std::thread([x] { (void)x; }).detach();
}
