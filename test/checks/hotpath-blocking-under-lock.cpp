// RUN: %check_hotpath -std=c++17-or-later %s hotpath-blocking-under-lock %t
// RUN: %check_hotpath -std=c++17 -check-suffixes=,OPT %s hotpath-blocking-under-lock %t -- \
// RUN:   -config="{CheckOptions: {hotpath-blocking-under-lock.ExtraBlockingFunctions: '::rpc::fetch', hotpath-blocking-under-lock.ExtraLockTypes: '::my::SpinGuard'}}"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace my {
struct SpinLock { void lock(); void unlock(); };
struct SpinGuard { explicit SpinGuard(SpinLock &); ~SpinGuard(); };
} // namespace my
namespace rpc { std::string fetch(const std::string &); }
void wait_for_peer();

std::mutex mu;
my::SpinLock spin;
std::vector<std::string> lines;
std::condition_variable cv;
bool ready;
int fd;

// ---------------------------------------------------------------- positives

void sleeps_under_guard() {
  std::lock_guard<std::mutex> g(mu);
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep_for' sleeps while 'g' holds 'mu' (line 36): every other thread that needs 'mu' waits for it too; release the lock first (copy what the call needs while holding it) [hotpath-blocking-under-lock]
  lines.clear();
}

void writes_file_under_guard(const char *path) {
  std::lock_guard<std::mutex> g(mu);
  FILE *f = std::fopen(path, "a");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'fopen' opens a file while 'g' holds 'mu'
  for (const auto &l : lines)
    std::fwrite(l.data(), 1, l.size(), f);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'fwrite' writes a file while 'g' holds 'mu'
  std::fflush(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fflush' flushes a file while 'g' holds 'mu'
}

void posix_io_between_lock_unlock(char *buf) {
  mu.lock();
  ssize_t n = read(fd, buf, 64);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'read' reads a file or socket while 'mu.lock()' holds 'mu'
  lines.emplace_back(buf, n > 0 ? n : 0);
  mu.unlock();
}

void socket_send(const std::string &msg) {
  std::unique_lock<std::mutex> lk(mu);
  send(fd, msg.data(), msg.size(), 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'send' writes a socket while 'lk' holds 'mu'
}

void polls(struct pollfd *p) {
  std::scoped_lock lock(mu);
  poll(p, 1, 100);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'poll' waits for I/O while 'lock' holds 'mu'
}

void opens_stream(const std::string &path) {
  std::lock_guard<std::mutex> g(mu);
  std::ofstream out(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: constructing 'std::ofstream' opens a file while 'g' holds 'mu'
  for (const auto &l : lines)
    out << l << '\n';
}

void reads_stream(std::ifstream &in) {
  std::lock_guard<std::mutex> g(mu);
  std::string line;
  while (std::getline(in, line))
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'getline' reads a file while 'g' holds 'mu'
    lines.push_back(line);
}

void stream_flush(std::ofstream &out) {
  std::lock_guard<std::mutex> g(mu);
  out.flush();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'flush' does file I/O while 'g' holds 'mu'
}

void joins(std::thread &t) {
  std::lock_guard<std::mutex> g(mu);
  t.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'join' waits for a thread to finish while 'g' holds 'mu'
}

int waits_future(std::future<int> &f) {
  std::lock_guard<std::mutex> g(mu);
  return f.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'get' waits for a future while 'g' holds 'mu'
}

void shell(const char *cmd) {
  std::lock_guard<std::mutex> g(mu);
  if (!lines.empty())
    std::system(cmd);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'system' runs a shell command while 'g' holds 'mu'
}

void sleeps_in_loop_under_lock(int n) {
  std::unique_lock<std::mutex> lk(mu);
  for (int i = 0; i < n; ++i)
    nanosleep(nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'nanosleep' sleeps while 'lk' holds 'mu'
}

// With the options: a project's blocking call and lock type.
std::string remote(const std::string &key) {
  std::lock_guard<std::mutex> g(mu);
  return rpc::fetch(key);
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:10: warning: 'fetch' can block (ExtraBlockingFunctions) while 'g' holds 'mu'
}

void spin_then_sleep() {
  my::SpinGuard g(spin);
  sleep(1);
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:3: warning: 'sleep' sleeps while 'g' holds 'spin'
}

// ---------------------------------------------------------------- negatives

// After the guard's scope.
void after_scope() {
  {
    std::lock_guard<std::mutex> g(mu);
    lines.clear();
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

// After unlock(). (A unique_lock locked again with lk.lock() is not followed:
// docs/checks/hotpath-blocking-under-lock.md.)
void after_unlock(char *buf) {
  std::unique_lock<std::mutex> lk(mu);
  std::string copy = lines.empty() ? "" : lines.back();
  lk.unlock();
  write(fd, copy.data(), copy.size());
}

// Between mu.lock() and mu.unlock() nothing blocks; after, it may.
void manual_then_io(char *buf) {
  mu.lock();
  lines.clear();
  mu.unlock();
  read(fd, buf, 64);
}

// A condition variable's wait releases the lock.
void waits_on_cv() {
  std::unique_lock<std::mutex> lk(mu);
  cv.wait(lk, [] { return ready; });
  cv.wait_for(lk, std::chrono::milliseconds(5));
}

// A deferred lock is not held until lock().
void deferred(char *buf) {
  std::unique_lock<std::mutex> lk(mu, std::defer_lock);
  read(fd, buf, 64);
  lk.lock();
  lines.clear();
}

// A lambda defined under the lock runs later, maybe without it.
std::function<void()> later() {
  std::lock_guard<std::mutex> g(mu);
  return [] { std::this_thread::sleep_for(std::chrono::milliseconds(1)); };
}

// An unlock() on one branch: whether it is held after depends on the path.
void branchy(bool b) {
  std::unique_lock<std::mutex> lk(mu);
  if (b)
    lk.unlock();
  usleep(1);
}

// Non-blocking work under a lock.
void cheap(const std::string &s) {
  std::lock_guard<std::mutex> g(mu);
  lines.push_back(s);
  std::string copy = s + "!";
  lines.push_back(copy);
}

// Project functions are not known to block unless listed in the option.
std::string remote_plain(const std::string &key) {
  std::lock_guard<std::mutex> g(mu);
  wait_for_peer();
  return key;
}

// A string stream is not a file.
#include <sstream>
void string_stream(const std::string &text) {
  std::lock_guard<std::mutex> g(mu);
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    lines.push_back(line);
}

// main runs once.
int main() {
  std::lock_guard<std::mutex> g(mu);
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return 0;
}

// An error path that ends the process: nobody waits for long on it.
[[noreturn]] void fatal(const char *what);
void fatal_analyzer(const char *what) __attribute__((analyzer_noreturn));
void check_or_die(bool ok, std::FILE *log) {
  std::lock_guard<std::mutex> g(mu);
  if (!ok) {
    std::fputs("assertion failed\n", stderr);
    std::fflush(stderr);
    std::abort();
  }
  if (!ok) {
    std::fflush(log);
    fatal("log");
  }
  if (!ok) {
    std::fflush(log);
    fatal_analyzer("log");
  }
}

// Look-alikes: the process-ending call is before the blocking one, in
// another branch, only on some paths after it, or only inside a lambda.
void not_an_error_path(bool ok, std::FILE *log) {
  std::lock_guard<std::mutex> g(mu);
  if (!ok)
    std::abort();
  std::fflush(log);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fflush' flushes a file while 'g' holds 'mu'
  if (ok) {
    std::fflush(log);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'fflush' flushes a file while 'g' holds 'mu'
  } else {
    std::exit(1);
  }
  std::fflush(log);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fflush' flushes a file while 'g' holds 'mu'
  if (!ok) {
    std::fflush(log);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'fflush' flushes a file while 'g' holds 'mu'
    if (log)
      fatal("maybe");
  }
  std::fflush(log);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fflush' flushes a file while 'g' holds 'mu'
  auto later = [] { std::abort(); };
  later();
}

// Starting a thread under the lock: a stack mapped and a clone per thread.
void work();
void *work_c(void *);
std::vector<std::thread> workers;
void starts_thread() {
  std::lock_guard<std::mutex> g(mu);
  std::thread t(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: constructing 'std::thread' starts a thread while 'g' holds 'mu'
  t.detach();
}
void starts_pthread(pthread_t *id) {
  std::lock_guard<std::mutex> g(mu);
  pthread_create(id, nullptr, work_c, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'pthread_create' starts a thread while 'g' holds 'mu'
}
void starts_into_vector() {
  std::lock_guard<std::mutex> g(mu);
  workers.emplace_back(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'emplace_back' starts a thread while 'g' holds 'mu'
}
// Moving a started thread under the lock starts nothing; nor does an
// emplace_back of something else, or a thread started after the unlock.
void keeps_thread(std::thread &&t, std::vector<int> &ids) {
  std::unique_lock<std::mutex> lk(mu);
  workers.emplace_back(std::move(t));
  std::thread moved(std::move(workers.back()));
  workers.back() = std::move(moved);
  ids.emplace_back(1);
  lk.unlock();
  std::thread after(work);
  after.detach();
}

// POSIX locks, behind a macro too; a `goto out` cleanup ends the section.
pthread_mutex_t pmu = PTHREAD_MUTEX_INITIALIZER;
#define LOCK(m) pthread_mutex_lock(&(m))
#define UNLOCK(m) pthread_mutex_unlock(&(m))
void posix_section(FILE *f) {
  pthread_mutex_lock(&pmu);
  std::fflush(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fflush' flushes a file while 'pthread_mutex_lock' holds 'pmu'
  pthread_mutex_unlock(&pmu);
  std::fflush(f);
}
int posix_goto(FILE *f, int n) {
  int rc = 0;
  LOCK(pmu);
  if (n < 0) {
    rc = -1;
    goto out;
  }
  std::fflush(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fflush' flushes a file while 'pthread_mutex_lock' holds
out:
  UNLOCK(pmu);
  std::fflush(f);
  return rc;
}
