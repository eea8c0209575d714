// RUN: %check_hotpath -std=c++17-or-later %s hotpath-lock-in-loop %t
// RUN: %check_hotpath -std=c++17 -check-suffixes=,OPT %s hotpath-lock-in-loop %t -- \
// RUN:   -config="{CheckOptions: {hotpath-lock-in-loop.ReportConditionalLocks: true, hotpath-lock-in-loop.ExtraLockTypes: '::my::SpinGuard', hotpath-lock-in-loop.ExtraMutexTypes: '::my::SpinLock', hotpath-lock-in-loop.MinIterations: 4}}"

#include <condition_variable>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

namespace my {
struct SpinLock { void lock(); void unlock(); };
struct SpinGuard { explicit SpinGuard(SpinLock &); ~SpinGuard(); };
} // namespace my

struct Item { int key; int value; };
int score(const Item &);
void log_line(const std::string &);

std::mutex mu;
std::shared_mutex rw;
std::vector<int> shared_out;
std::map<int, int> shared_map;
long total;
my::SpinLock spin;

// ---------------------------------------------------------------- positives

void guard_per_item(const std::vector<int> &items) {
  for (int x : items) {
    std::lock_guard<std::mutex> g(mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'g' locks 'mu' on every iteration of the loop around a short critical section: each iteration pays an atomic read-modify-write to lock and another to unlock, and under contention a cache-line transfer or a futex sleep; take the lock once around the loop, or collect the results locally and merge them under one lock [hotpath-lock-in-loop]
    shared_out.push_back(x);
  }
}

void unique_lock_per_index(const std::vector<Item> &items) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::unique_lock<std::mutex> lk(mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'lk' locks 'mu' on every iteration
    shared_map[items[i].key] = items[i].value;
  }
}

void scoped_lock_ctad(const std::vector<int> &items) {
  for (int x : items) {
    std::scoped_lock lock(mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'lock' locks 'mu' on every iteration
    total += x;
  }
}

void manual_lock(const std::vector<int> &items) {
  for (int x : items) {
    mu.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mu' is locked and unlocked on every iteration
    total += x;
    mu.unlock();
  }
}

void shared_reader(const std::vector<int> &keys, std::vector<int> &out) {
  for (int k : keys) {
    std::shared_lock<std::shared_mutex> r(rw);
    // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: 'r' locks 'rw' on every iteration
    out.push_back(shared_map.count(k) ? 1 : 0);
  }
}

struct Counter {
  std::mutex m;
  std::map<std::string, long> counts;
  void add_all(const std::vector<std::string> &words) {
    for (const auto &w : words) {
      std::lock_guard<std::mutex> g(m);
      // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'g' locks 'm' on every iteration
      ++counts[w];
    }
  }
};

void nested_block(const std::vector<int> &items) {
  for (int x : items) {
    {
      std::lock_guard<std::mutex> g(mu);
      // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'g' locks 'mu' on every iteration
      shared_out.push_back(x);
    }
  }
}

void while_over_iterators(const std::vector<int> &items) {
  auto it = items.begin();
  while (it != items.end()) {
    std::lock_guard<std::mutex> g(mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'g' locks 'mu' on every iteration
    total += *it;
    ++it;
  }
}

void counted_by_parameter(int n) {
  for (int i = 0; i < n; ++i) {
    std::lock_guard<std::mutex> g(mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'g' locks 'mu' on every iteration
    total += i;
  }
}

void large_constant_count() {
  for (int i = 0; i < 1000; ++i) {
    std::lock_guard<std::mutex> g(mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'g' locks 'mu' on every iteration
    total += i;
  }
}

template <typename T> void in_template(const std::vector<T> &items) {
  for (const T &x : items) {
    std::lock_guard<std::mutex> g(mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'g' locks 'mu' on every iteration
    total += x;
  }
}
template void in_template<int>(const std::vector<int> &);

// Only with the options: a lock on a rare branch, a project's own lock types,
// and a short constant loop.
void rare_branch(const std::vector<int> &items) {
  for (int x : items) {
    if (x < 0) {
      std::lock_guard<std::mutex> g(mu);
      // CHECK-MESSAGES-OPT: :[[@LINE-1]]:35: warning: 'g' locks 'mu' on every iteration
      total += x;
    }
  }
}

// The same with the `if` as the whole loop body.
void rare_branch_unbraced(const std::vector<int> &items) {
  for (int x : items)
    if (x < 0) {
      std::lock_guard<std::mutex> g(mu);
      // CHECK-MESSAGES-OPT: :[[@LINE-1]]:35: warning: 'g' locks 'mu' on every iteration
      total += x;
    }
}

void custom_guard(const std::vector<int> &items) {
  for (int x : items) {
    my::SpinGuard g(spin);
    // CHECK-MESSAGES-OPT: :[[@LINE-1]]:19: warning: 'g' locks 'spin' on every iteration
    total += x;
  }
}

void custom_manual(const std::vector<int> &items) {
  for (int x : items) {
    spin.lock();
    // CHECK-MESSAGES-OPT: :[[@LINE-1]]:5: warning: 'spin' is locked and unlocked on every iteration
    total += x;
    spin.unlock();
  }
}

void four_times() {
  for (int i = 0; i < 4; ++i) {
    std::lock_guard<std::mutex> g(mu);
    // CHECK-MESSAGES-OPT: :[[@LINE-1]]:33: warning: 'g' locks 'mu' on every iteration
    total += i;
  }
}

// ---------------------------------------------------------------- negatives

// The lock is already taken once around the loop.
void once_around(const std::vector<int> &items) {
  std::lock_guard<std::mutex> g(mu);
  for (int x : items)
    shared_out.push_back(x);
}

// The body works outside the lock: holding it across the loop would hold it
// through score() as well.
void work_outside(const std::vector<Item> &items) {
  for (const Item &it : items) {
    int s = score(it);
    std::lock_guard<std::mutex> g(mu);
    total += s;
  }
}

void work_after_unlock(const std::vector<Item> &items) {
  for (const Item &it : items) {
    {
      std::lock_guard<std::mutex> g(mu);
      ++total;
    }
    log_line("done");
  }
}

// A consumer loop waits on a condition variable: the lock is its.
std::condition_variable cv;
bool ready;
void waits(const std::vector<int> &items) {
  for (int x : items) {
    std::unique_lock<std::mutex> lk(mu);
    cv.wait(lk, [] { return ready; });
    total += x;
  }
}

// An event loop: one iteration per event, not per item of data.
bool next_event(int &);
void event_loop() {
  int e;
  while (true) {
    if (!next_event(e))
      break;
    std::lock_guard<std::mutex> g(mu);
    total += e;
  }
}

// A handful of iterations.
void three_times() {
  for (int i = 0; i < 3; ++i) {
    std::lock_guard<std::mutex> g(mu);
    total += i;
  }
}

// The critical section itself loops: the lock is paid once per batch.
void batch_per_lock(const std::vector<std::vector<int>> &batches) {
  for (const auto &b : batches) {
    std::lock_guard<std::mutex> g(mu);
    for (int x : b)
      shared_out.push_back(x);
  }
}

// A deferred or tried lock is not taken by the declaration.
void deferred(const std::vector<int> &items) {
  for (int x : items) {
    std::unique_lock<std::mutex> lk(mu, std::try_to_lock);
    if (lk.owns_lock())
      total += x;
  }
}

// A mutex of the iteration's own.
void per_iteration_mutex(const std::vector<int> &items) {
  for (int x : items) {
    std::mutex local;
    std::lock_guard<std::mutex> g(local);
    total += x;
  }
}

// In a lambda inside the loop: runs when called, not per iteration here.
void in_lambda(const std::vector<int> &items, std::vector<void (*)()> &out) {
  for (int x : items) {
    auto f = [] {
      std::lock_guard<std::mutex> g(mu);
      ++total;
    };
    (void)f;
    total += x;
  }
}

// main runs once.
int main() {
  std::vector<int> v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  for (int x : v) {
    std::lock_guard<std::mutex> g(mu);
    total += x;
  }
  return 0;
}

// POSIX locks are acquisitions too, also behind a project's macro.
#include <pthread.h>
pthread_mutex_t pmu = PTHREAD_MUTEX_INITIALIZER;
#define LOCK(m) pthread_mutex_lock(&(m))
#define UNLOCK(m) pthread_mutex_unlock(&(m))
void posix_per_item(const std::vector<int> &items) {
  for (int x : items) {
    pthread_mutex_lock(&pmu);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'pmu' is locked and unlocked on every iteration of the loop
    total += x;
    pthread_mutex_unlock(&pmu);
  }
}
void posix_macro_per_item(const std::vector<int> &items) {
  for (int x : items) {
    LOCK(pmu);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: {{.*}} is locked and unlocked on every iteration of the loop
    total += x;
    UNLOCK(pmu);
  }
}
// Locked once around the loop; a lock never released in the block.
void posix_around(const std::vector<int> &items) {
  pthread_mutex_lock(&pmu);
  for (int x : items)
    total += x;
  pthread_mutex_unlock(&pmu);
  for (int x : items) {
    if (pthread_mutex_lock(&pmu) != 0)
      return;
    total += x;
  }
}
