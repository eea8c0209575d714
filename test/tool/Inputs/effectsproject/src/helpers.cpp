#include "effects.h"
#include <chrono>
#include <cstdio>
#include <thread>

void Logger::write(const char *msg) { std::fwrite(msg, 1, 1, stdout); }
void Logger::flush() { write("\n"); }

int Table::lookup(int key) {
  std::lock_guard<std::mutex> g(mu);
  return cells[key & 15];
}

struct FileSink : Sink {
  void put(int v) override { std::fprintf(stderr, "%d\n", v); }
};
struct OtherSink : Sink {
  void put(int v) override { std::fprintf(stdout, "%d\n", v); }
};

void spawn_worker(int id) {
  std::thread t([id] { (void)id; });
  t.detach();
}

std::unique_ptr<int> build_entry(int v) { return std::make_unique<int>(v); }

static std::unique_ptr<int> kept;
std::unique_ptr<int> cached_entry(int v) {
  if (!kept)
    kept.reset(new int(v));
  return nullptr;
}

static std::mutex registry_mu;
int global_lookup(int key) {
  std::lock_guard<std::mutex> g(registry_mu);
  return key;
}

int peek(Table &t, int key) {
  std::lock_guard<std::mutex> g(t.mu);
  return t.cells[key & 15];
}

int pure(int v) { return v * 2; }

void pong(int n) {
  if (n > 0)
    ping(n - 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void quiet(int n) {
  if (n > 0)
    ping(n - 2);
}
