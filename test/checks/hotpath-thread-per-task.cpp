// RUN: %check_hotpath -std=c++20-or-later -check-suffixes=,DEFAULT %s hotpath-thread-per-task %t -- -- -isystem %S/Inputs/system -pthread
// RUN: %check_hotpath -std=c++20 -check-suffixes=,CPU %s hotpath-thread-per-task %t -- \
// RUN:   -config="{CheckOptions: {hotpath-thread-per-task.CpuCountFunctions: 'num_cpus'}}" -- -isystem %S/Inputs/system -pthread

#include <algorithm>
#include <future>
#include <map>
#include <queue>
#include <string>
#include <thread>
#include <vector>
#include <pthread.h>

#include <spawn_all.h>

struct Job { int id; };
void handle(const Job &);
void *run_job(void *);
int num_cpus();

// ---------------------------------------------------------------- positives

void range_for_threads(const std::vector<Job> &jobs) {
  std::vector<std::thread> threads;
  for (const Job &job : jobs)
    threads.emplace_back([&job] { handle(job); });
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'emplace_back' of a thread starts a new thread on every iteration of a loop over the data; creating and joining a thread costs tens of microseconds, far more than handing the task to running workers: submit it to a worker pool such as hotpath::WorkerPool [hotpath-thread-per-task]
  for (auto &t : threads)
    t.join();
}

void size_bounded(const std::vector<Job> &jobs) {
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    std::thread t(handle, jobs[i]);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: constructing 'std::thread' starts a new thread on every iteration
    t.join();
  }
}

void push_back_temporary(const std::vector<Job> &jobs) {
  std::vector<std::thread> threads;
  const auto n = jobs.size();
  for (std::size_t i = 0; i < n; ++i)
    threads.push_back(std::thread(handle, jobs[i]));
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'push_back' of a thread starts a new thread on every iteration
  for (auto &t : threads)
    t.join();
}

void drain_queue(std::queue<Job> &q) {
  while (!q.empty()) {
    Job job = q.front();
    q.pop();
    std::thread([job] { handle(job); }).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: constructing 'std::thread' starts a new thread on every iteration
  }
}

int async_per_item(const std::vector<Job> &jobs) {
  std::vector<std::future<int>> results;
  for (auto it = jobs.begin(); it != jobs.end(); ++it)
    results.push_back(std::async([it] { return it->id; }));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'std::async' starts a new thread on every iteration
  int sum = 0;
  for (auto &r : results)
    sum += r.get();
  return sum;
}

void async_explicit_policy(const std::vector<Job> &jobs) {
  for (const Job &job : jobs)
    std::async(std::launch::async | std::launch::deferred, handle, job).wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::async' starts a new thread on every iteration
}

void pthread_per_item(std::vector<Job> &jobs) {
  for (Job &job : jobs) {
    pthread_t tid;
    pthread_create(&tid, nullptr, run_job, &job);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'pthread_create' starts a new thread on every iteration
    pthread_join(tid, nullptr);
  }
}

void jthread_per_line(std::vector<std::string> &lines) {
  std::vector<std::jthread> workers;
  for (auto &line : lines)
    workers.emplace_back([&line] { line += '\n'; });
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'emplace_back' of a thread starts a new thread on every iteration
}

// An accept loop: one thread per connection.
int accept_connection();
void serve(int fd);
void accept_loop() {
  for (;;) {
    int fd = accept_connection();
    std::thread(serve, fd).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: constructing 'std::thread' starts a new thread on every iteration
  }
}

// A fixed number of threads, but once per batch: still per task.
void per_batch(const std::vector<std::vector<Job>> &batches) {
  for (const auto &batch : batches) {
    std::thread a([&batch] { handle(batch.front()); });
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: constructing 'std::thread' starts a new thread on every iteration
    a.join();
  }
}

// Reported once, at the template, however many instantiations.
template <class T> void spawn_each(const std::vector<T> &items) {
  std::vector<std::thread> ts;
  for (const T &item : items)
    ts.emplace_back([&item] { (void)item; });
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'emplace_back' of a thread starts a new thread on every iteration
  for (auto &t : ts)
    t.join();
}
template void spawn_each<int>(const std::vector<int> &);
template void spawn_each<double>(const std::vector<double> &);

// In a macro: reported where the macro is used.
#define SPAWN_DETACHED(f) std::thread(f).detach()
void macro_use(const std::vector<Job> &jobs) {
  for (const Job &job : jobs)
    SPAWN_DETACHED([job] { handle(job); });
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: constructing 'std::thread' starts a new thread on every iteration
}

// Capped by a CPU count the check is told about (CpuCountFunctions): that is
// how a bounded pool is sized.
void capped_by_cpus(const std::vector<Job> &jobs) {
  std::vector<std::thread> ts;
  for (std::size_t i = 0; i < std::min<std::size_t>(jobs.size(), num_cpus()); ++i)
    ts.emplace_back([] {});
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:8: warning: 'emplace_back' of a thread starts a new thread on every iteration
  for (auto &t : ts)
    t.join();
}

// ---------------------------------------------------------------- negatives

// A pool's constructor: its loop is sized by the CPU count.
class Pool {
public:
  explicit Pool(unsigned n = std::thread::hardware_concurrency()) {
    for (unsigned i = 0; i < n; ++i)
      workers_.emplace_back([this] { loop(); });
  }
  Pool(int, int) {
    const unsigned n = std::thread::hardware_concurrency();
    for (unsigned i = 0; i < n; ++i)
      workers_.emplace_back([this] { loop(); });
  }
  ~Pool() {
    for (auto &w : workers_)
      w.join();
  }

private:
  void loop();
  std::vector<std::thread> workers_;
};

void constant_bound() {
  std::thread ts[4];
  for (int i = 0; i < 4; ++i)
    ts[i] = std::thread([] {});
  for (auto &t : ts)
    t.join();
}

void fixed_array_range() {
  std::thread ts[2];
  for (auto &t : ts)
    t = std::thread([] {});
  for (auto &t : ts)
    t.join();
}

void started_once(const std::vector<Job> &jobs) {
  std::thread t([&jobs] {
    for (const Job &job : jobs)
      handle(job);
  });
  t.join();
}

void moved_not_created(std::vector<std::thread> &from) {
  std::vector<std::thread> to;
  for (auto &t : from)
    to.push_back(std::move(t));
  for (auto &t : from)
    to.emplace_back(std::move(t));
}

void default_constructed(const std::vector<Job> &jobs) {
  std::vector<std::thread> slots;
  for (std::size_t i = 0; i < jobs.size(); ++i)
    slots.emplace_back();
}

void deferred_runs_on_caller(const std::vector<Job> &jobs) {
  for (const Job &job : jobs)
    std::async(std::launch::deferred, handle, job).wait();
}

void nolint(const std::vector<Job> &jobs) {
  for (const Job &job : jobs)
    std::thread(handle, job).detach(); // NOLINT(hotpath-thread-per-task)
}

// The lambda runs when it is called, not per iteration of the loop around it.
void lambda_in_loop(const std::vector<Job> &jobs, std::vector<void (*)()> &out) {
  for (const Job &job : jobs) {
    (void)job;
    out.push_back([] { std::thread([] {}).join(); });
  }
}

// Unknown trip counts are left alone when the threads outlive the call: a
// parameter may be a pool's size.
void start_workers(int n_threads, std::vector<std::thread> &workers) {
  for (int i = 0; i < n_threads; ++i)
    workers.emplace_back([] {});
}

void capped_by_hardware_concurrency(const std::vector<Job> &jobs) {
  std::vector<std::thread> ts;
  const std::size_t n = std::min<std::size_t>(jobs.size(), std::thread::hardware_concurrency());
  for (std::size_t i = 0; i < n; ++i)
    ts.emplace_back([] {});
  // With the CPU functions replaced by num_cpus(), only size() is left:
  // CHECK-MESSAGES-CPU: :[[@LINE-2]]:8: warning: 'emplace_back' of a thread starts a new thread on every iteration
  for (auto &t : ts)
    t.join();
}

void cpu_count_from_custom_function() {
  std::vector<std::thread> ts;
  for (int i = 0; i < num_cpus(); ++i)
    ts.emplace_back([] {});
  // Unknown to the default vocabulary, and joined here: a fork-join per
  // call. Configured as a CPU count (the CPU run), it is how a pool is built.
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-3]]:8: warning: 'emplace_back' of a thread starts a new thread on every iteration
  for (auto &t : ts)
    t.join();
}

void outside_loops(const std::vector<Job> &jobs) {
  std::thread t(handle, jobs.front());
  t.join();
  auto f = std::async(handle, jobs.back());
  f.wait();
}

// Threads created per item by a vendor header: not reported.
void uses_vendor(const std::vector<int> &v) { vendor_spawn_all(v); }

// A map of threads keyed by name is not a sequence of started threads here.
void map_of_threads(std::map<std::string, std::thread> &m, const std::vector<std::string> &names) {
  for (const auto &name : names)
    m[name];
}

// A pool built from its configuration: the constructor keeps the threads in
// a member, started once per pool and joined by its destructor.
struct WorkerSpec { int core; };
class ConfiguredPool {
public:
  explicit ConfiguredPool(const std::vector<WorkerSpec> &specs) {
    for (const WorkerSpec &s : specs)
      workers_.emplace_back([this, s] { run(s.core); });
  }
  ~ConfiguredPool() {
    for (auto &w : workers_)
      w.join();
  }
  // Restarting the pool: a loop over its own threads, as many as it has.
  void restart() {
    for (auto &w : workers_)
      w = std::thread([this] { run(0); });
    for (std::size_t i = 0; i < workers_.size(); ++i)
      workers_[i] = std::thread([this] { run(1); });
  }
  // But a member function starting one per job is a thread per task.
  void handle_all(const std::vector<Job> &jobs) {
    for (const Job &j : jobs)
      workers_.emplace_back(handle, j);
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'emplace_back' of a thread starts a new thread on every iteration
  }

private:
  void run(int core);
  std::vector<std::thread> workers_;
};
