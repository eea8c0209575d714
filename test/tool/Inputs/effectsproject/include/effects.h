// Helpers declared here, defined in src/helpers.cpp and src/relay.cpp: the
// callers in src/use.cpp see no body.
#pragma once
#include <memory>
#include <mutex>

struct Logger {
  void write(const char *msg); // fwrite
  void flush();                // write
  std::mutex mu;
};

struct Table {
  int lookup(int key); // locks this->mu
  std::mutex mu;
  int cells[16] = {};
};

struct Sink {
  virtual ~Sink() = default;
  virtual void put(int v) = 0; // two overrides, both write a file
};

void spawn_worker(int id);              // starts a thread
std::unique_ptr<int> build_entry(int v); // returns a new heap object
std::unique_ptr<int> cached_entry(int v); // returns a kept object
int global_lookup(int key);              // locks a global mutex
int peek(Table &t, int key);             // locks t.mu: another object's
int pure(int v);                         // no effect
void relay(Logger &log);                 // relay.cpp: log.flush()
void deep1(Logger &log);                 // deep1 -> ... -> deep4 -> flush
void ping(int n);                        // ping <-> pong, pong sleeps
void pong(int n);
void quiet(int n);                       // ping <-> quiet: no effect
