#include <thread>
#include <vector>
void f(const std::vector<int> &v) {
  for (int x : v)
    std::thread([x] { (void)x; }).join();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: constructing 'std::thread' starts a new thread
}
void g(const std::vector<int> &v) {
  for (int x : v)
    std::thread([x] { (void)x; }).join();
}
