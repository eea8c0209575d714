#include "records.h"
#include <functional>
#include <thread>
#include <vector>

std::vector<Event> events;

void produce(Counters &c) { c.produced++; }
void consume(Counters &c) { c.consumed++; }
void run(Counters &c) {
  std::thread(produce, std::ref(c)).join();
  std::thread(consume, std::ref(c)).join();
}
