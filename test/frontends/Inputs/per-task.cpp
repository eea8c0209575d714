#include <thread>
#include <vector>
void f(const std::vector<int> &v) {
  for (int x : v)
    std::thread([x] { (void)x; }).join();
}
