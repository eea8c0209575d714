// What a call made under the lock does through the functions it reaches.
// RUN: %check_hotpath -std=c++17 -check-suffixes=,DEFAULT %s hotpath-blocking-under-lock %t -- -- -I%S/Inputs/effects
// RUN: %check_hotpath -std=c++17 -check-suffixes=,OPT %s hotpath-blocking-under-lock %t -- \
// RUN:   -config="{CheckOptions: {hotpath-blocking-under-lock.NotBlockingFunctions: '::Audit::*'}}" -- -I%S/Inputs/effects

#include "journal.h"
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

std::mutex mu;
std::vector<std::string> pending;
std::FILE *out;

// ------------------------------------------------------------- the helpers

struct Logger {
  std::FILE *f;
  void write(const std::string &s) { std::fwrite(s.data(), 1, s.size(), f); }
  void info(const std::string &s) { write("info: " + s); }
  void flush_all() { info("flush"); }
};
Logger logger;

void nap() { std::this_thread::sleep_for(std::chrono::milliseconds(1)); }

// ---------------------------------------------------------------- positives

// Depth 1: the helper itself writes.
void depth_one() {
  std::lock_guard<std::mutex> g(mu);
  logger.write("x");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'write' writes a file (Logger::write -> fwrite) while 'g' holds 'mu' (line [[@LINE-2]]): every other thread that needs 'mu' waits for it too; release the lock first (copy what the call needs while holding it) [hotpath-blocking-under-lock]
  // CHECK-NOTES: :[[@LINE-3]]:31: note: 'mu' is locked here
  // CHECK-NOTES: :24:38: note: 'Logger::write' writes a file here ('fwrite')
}

// Depth 2 and 3: one note per hop.
void depth_two() {
  std::lock_guard<std::mutex> g(mu);
  logger.info("y");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'info' writes a file (Logger::info -> Logger::write -> fwrite) while 'g' holds 'mu'
  // CHECK-NOTES: :[[@LINE-3]]:31: note: 'mu' is locked here
  // CHECK-NOTES: :25:37: note: 'Logger::info' calls 'Logger::write' here
  // CHECK-NOTES: :24:38: note: 'Logger::write' writes a file here ('fwrite')
}

void depth_three() {
  mu.lock();
  logger.flush_all();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'flush_all' writes a file (Logger::flush_all -> Logger::info -> Logger::write -> fwrite) while 'mu.lock()' holds 'mu'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'mu' is locked here
  // CHECK-NOTES: :26:22: note: 'Logger::flush_all' calls 'Logger::info' here
  // CHECK-NOTES: :25:37: note: 'Logger::info' calls 'Logger::write' here
  // CHECK-NOTES: :24:38: note: 'Logger::write' writes a file here ('fwrite')
  mu.unlock();
}

// A free function that sleeps, and a helper from a header.
void sleeps_and_appends(const std::string &line) {
  std::lock_guard<std::mutex> g(mu);
  nap();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'nap' sleeps (nap -> sleep_for) while 'g' holds 'mu'
  // CHECK-NOTES: :[[@LINE-3]]:31: note: 'mu' is locked here
  // CHECK-NOTES: :30:14: note: 'nap' sleeps here ('sleep_for')
  journal::append(out, line);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'append' writes a file (append -> fwrite) while 'g' holds 'mu'
  // CHECK-NOTES: :[[@LINE-7]]:31: note: 'mu' is locked here
  // CHECK-NOTES: journal.h:9:3: note: 'append' writes a file here ('fwrite')
}

// A helper waiting on a condition variable of its own blocks the caller's
// lock the whole time.
struct Gate {
  std::mutex m;
  std::condition_variable cv;
  bool open = false;
  void pass() {
    std::unique_lock<std::mutex> l(m);
    cv.wait(l, [this] { return open; });
  }
};
Gate gate;

void waits_under_lock() {
  std::lock_guard<std::mutex> g(mu);
  gate.pass();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'pass' waits on a condition variable (Gate::pass -> wait) while 'g' holds 'mu'
  // CHECK-NOTES: :[[@LINE-3]]:31: note: 'mu' is locked here
  // CHECK-NOTES: :[[@LINE-10]]:5: note: 'Gate::pass' waits on a condition variable here ('wait')
}

// Recursion: the cycle is walked once, the write still found.
void drain(int n);
void drain_more(int n) { drain(n - 1); }
void drain(int n) {
  if (n > 0)
    drain_more(n);
  else
    std::fwrite("done", 1, 4, out);
}

void recursion_under_lock() {
  std::lock_guard<std::mutex> g(mu);
  drain(3);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'drain' writes a file (drain -> fwrite) while 'g' holds 'mu'
  // CHECK-NOTES: :[[@LINE-3]]:31: note: 'mu' is locked here
  // CHECK-NOTES: :[[@LINE-8]]:5: note: 'drain' writes a file here ('fwrite')
}

// With NotBlockingFunctions naming the audit helpers, their chain is gone.
struct Audit {
  static void record(const std::string &s) { std::fwrite(s.data(), 1, s.size(), out); }
};

void audited() {
  std::lock_guard<std::mutex> g(mu);
  Audit::record("a");
  // CHECK-NOTES-DEFAULT: :[[@LINE-1]]:3: warning: 'record' writes a file (Audit::record -> fwrite) while 'g' holds 'mu'
  // CHECK-NOTES-DEFAULT: :[[@LINE-3]]:31: note: 'mu' is locked here
  // CHECK-NOTES-DEFAULT: :[[@LINE-8]]:46: note: 'Audit::record' writes a file here ('fwrite')
}

// ---------------------------------------------------------------- negatives

// A virtual call with two overrides: which one runs is not known here.
struct Sink {
  virtual ~Sink() = default;
  virtual void put(const std::string &s) = 0;
};
struct FileSink : Sink {
  void put(const std::string &s) override { std::fputs(s.c_str(), out); }
};
struct MemorySink : Sink {
  std::vector<std::string> lines;
  void put(const std::string &s) override { lines.push_back(s); }
};

void virtual_call(Sink &s) {
  std::lock_guard<std::mutex> g(mu);
  s.put("v");
}

// Helpers that do not block; one that writes only after the lock is gone.
struct Counter {
  int n = 0;
  void bump() { ++n; }
  int twice() { bump(); bump(); return n; }
};
Counter counter;

void cheap_helpers() {
  std::lock_guard<std::mutex> g(mu);
  counter.twice();
  pending.push_back("p");
}

void writes_after_unlock() {
  std::vector<std::string> copy;
  {
    std::lock_guard<std::mutex> g(mu);
    copy.swap(pending);
  }
  for (const auto &l : copy)
    logger.write(l);
}

// The error path: a helper that logs and aborts.
[[noreturn]] void die(const char *why) {
  std::fputs(why, stderr);
  std::abort();
}

void fails_under_lock() {
  std::lock_guard<std::mutex> g(mu);
  if (pending.empty())
    die("nothing pending");
}

// A helper that waits on the caller's own lock, handed in, releases it.
std::condition_variable ready_cv;
void wait_ready(std::unique_lock<std::mutex> &l) {
  ready_cv.wait(l, [] { return !pending.empty(); });
}

void hands_its_lock_over() {
  std::unique_lock<std::mutex> l(mu);
  wait_ready(l);
}

// A condition variable wrapper that waits on the caller's mutex, adopted
// (leveldb's port::CondVar): the wait releases the caller's lock.
struct CondVar {
  std::mutex *mu;
  std::condition_variable cv;
  void wait() {
    std::unique_lock<std::mutex> l(*mu, std::adopt_lock);
    cv.wait(l);
    l.release();
  }
};
CondVar signal{&mu};

void waits_on_its_own_mutex() {
  std::unique_lock<std::mutex> l(mu);
  while (pending.empty())
    signal.wait();
}

// A lambda built under the lock runs later.
void builds_a_callback(std::vector<void (*)()> &todo) {
  std::lock_guard<std::mutex> g(mu);
  auto later = [] { nap(); };
  todo.push_back(later);
}
