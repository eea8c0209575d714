// Threads started in a loop and joined or awaited in the same function are a
// fork-join on every call, whatever bounds the loop; threads that outlive
// the call (a pool's workers) are not reported for an unknown bound.
// RUN: %check_hotpath -std=c++17-or-later %s hotpath-thread-per-task %t

#include <future>
#include <thread>
#include <vector>

// Started and joined in the same function: a fork-join on every call,
// whatever bounds the loop (issue 12).
void parameter_bound(int n_threads) {
  std::vector<std::thread> ts;
  for (int i = 0; i < n_threads; ++i)
    ts.emplace_back([] {});
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: 'emplace_back' of a thread starts a new thread on every iteration of a loop over the data
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the threads are started and joined within this function: a fork-join on every call, whatever bounds the loop; a pool's workers are started once and outlive the calls
  for (auto &t : ts)
    t.join();
}

bool running();
void flag_loop() {
  while (running())
    std::thread([] {}).join();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: constructing 'std::thread' starts a new thread on every iteration
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the threads are started and joined within this function
}

int async_counted(int n) {
  std::vector<std::future<int>> results;
  for (int i = 0; i < n; ++i)
    results.push_back(std::async(std::launch::async, [i] { return i; }));
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: 'std::async' starts a new thread on every iteration
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the threads are started and joined within this function
  int sum = 0;
  for (auto &r : results)
    sum += r.get();
  return sum;
}


// The threads outlive the call: a pool being built.
void start_workers(int n_threads, std::vector<std::thread> &workers) {
  for (int i = 0; i < n_threads; ++i)
    workers.emplace_back([] {});
}

// A constant count joined in place: how a fixed pool of helpers is built.
void fixed_helpers() {
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i)
    ts.emplace_back([] {});
  for (auto &t : ts)
    t.join();
}
