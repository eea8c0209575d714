#include "effects.h"
#include <vector>

std::mutex m;
Logger logger;

void handle_request() {
  std::lock_guard<std::mutex> g(m);
  logger.flush(); // two hops in helpers.cpp
}

void handle_relayed() {
  std::lock_guard<std::mutex> g(m);
  relay(logger); // relay.cpp, then helpers.cpp
}

void handle_deep() {
  std::lock_guard<std::mutex> g(m);
  deep1(logger); // five functions to the fwrite: beyond the depth
}

void handle_pure(int v) {
  std::lock_guard<std::mutex> g(m);
  pure(v);
}

void handle_ping(int n) {
  std::lock_guard<std::mutex> g(m);
  ping(n); // a cycle across two files, pong sleeps
}

void handle_sink(Sink &s, int v) {
  std::lock_guard<std::mutex> g(m);
  s.put(v); // virtual, two overrides: nothing known
}

void start_all(const std::vector<int> &ids) {
  for (int id : ids)
    spawn_worker(id);
}

long total(const std::vector<int> &values) {
  long sum = 0;
  for (int v : values) {
    std::unique_ptr<int> e = build_entry(v);
    sum += *e;
  }
  return sum;
}

long total_cached(const std::vector<int> &values) {
  long sum = 0;
  for (int v : values) {
    std::unique_ptr<int> e = cached_entry(v);
    sum += e ? *e : 0;
  }
  return sum;
}

long lookups(Table &t, const std::vector<int> &keys) {
  long sum = 0;
  for (int k : keys)
    sum += t.lookup(k);
  return sum;
}

long global_lookups(const std::vector<int> &keys) {
  long sum = 0;
  for (int k : keys)
    sum += global_lookup(k);
  return sum;
}

long lookups_each(std::vector<Table> &tables, int key) {
  long sum = 0;
  for (Table &t : tables)
    sum += t.lookup(key); // another table's mutex on each iteration
  return sum;
}

long peeks(Table &t, const std::vector<int> &keys) {
  long sum = 0;
  for (int k : keys)
    sum += peek(t, k); // the mutex of an argument: not known to be one
  return sum;
}
