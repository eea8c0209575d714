#include "counters.h"
#include <functional>
#include <thread>
#include <string>
#include <vector>

bool is_reserved(const std::string &word) {
  std::vector<std::string> reserved = {"if", "else", "while", "for"};
  for (const std::string &r : reserved)
    if (r == word)
      return true;
  return false;
}

void produce(Counters &c) { c.produced.fetch_add(1); }
void start_produce(Counters &c) { std::thread(produce, std::ref(c)).detach(); }
