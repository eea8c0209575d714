#include <thread>
#include <vector>
void vendor(const std::vector<int> &v) {
  for (int x : v)
    std::thread([x] { (void)x; }).join();
}
