#include "counters.h"
#include <functional>
#include <thread>
#include <vector>

std::vector<int> squares(const std::vector<int> &in) {
  std::vector<int> out;
  for (int x : in)
    out.push_back(x * x);
  return out;
}

void consume(Counters &c) { c.consumed.fetch_add(1); }
void start_consume(Counters &c) { std::thread(consume, std::ref(c)).detach(); }
