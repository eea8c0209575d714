// A loop over data whose call starts a thread in a function it reaches.
// RUN: %check_hotpath -std=c++17 %s hotpath-thread-per-task %t -- -- -pthread

#include <future>
#include <thread>
#include <vector>

struct Job { int id; };
void handle(const Job &);

void spawn_worker(const Job &j) {
  std::thread t(handle, j);
  t.detach();
}

std::future<void> launch(const Job &j) {
  return std::async(std::launch::async, handle, j);
}
void submit(const Job &j, std::vector<std::future<void>> &out) {
  out.push_back(launch(j));
}

struct Worker {
  std::thread t;
  explicit Worker(const Job &j) : t(handle, j) {}
  ~Worker() { t.join(); }
};

// ---------------------------------------------------------------- positives

void detached_per_job(const std::vector<Job> &jobs) {
  for (const Job &j : jobs)
    spawn_worker(j);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'spawn_worker' starts a new thread (spawn_worker -> std::thread) on every iteration of a loop over the data; creating and joining a thread costs tens of microseconds, far more than handing the task to running workers: submit it to a worker pool such as hotpath::WorkerPool [hotpath-thread-per-task]
  // CHECK-NOTES: :12:15: note: 'spawn_worker' starts a thread here (constructing 'std::thread')
  // CHECK-NOTES: :[[@LINE-4]]:3: note: the loop's trip count follows the data: range-for over a container
}

void futures_per_job(const std::vector<Job> &jobs) {
  std::vector<std::future<void>> out;
  for (const Job &j : jobs)
    submit(j, out);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'submit' starts a new thread (submit -> launch -> async) on every iteration
  // CHECK-NOTES: :20:17: note: 'submit' calls 'launch' here
  // CHECK-NOTES: :17:10: note: 'launch' starts a thread here ('async')
  // CHECK-NOTES: :[[@LINE-5]]:3: note: the loop's trip count follows the data: range-for over a container
  for (auto &f : out)
    f.get();
}

void worker_per_job(const std::vector<Job> &jobs) {
  for (const Job &j : jobs) {
    Worker w(j);
    // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'Worker' starts a new thread (Worker::Worker -> std::thread) on every iteration
    // CHECK-NOTES: :25:35: note: 'Worker::Worker' starts a thread here (constructing 'std::thread')
    // CHECK-NOTES: :[[@LINE-4]]:3: note: the loop's trip count follows the data: range-for over a container
  }
}

// ---------------------------------------------------------------- negatives

// One thread per core.
void per_core(const Job &j) {
  for (unsigned i = 0; i < std::thread::hardware_concurrency(); ++i)
    spawn_worker(j);
}

// Not in a loop.
void once(const Job &j) { spawn_worker(j); }

// A virtual call with two overrides.
struct Starter {
  virtual ~Starter() = default;
  virtual void start(const Job &j) = 0;
};
struct ThreadStarter : Starter {
  void start(const Job &j) override { spawn_worker(j); }
};
struct InlineStarter : Starter {
  void start(const Job &j) override { handle(j); }
};
void start_all(Starter &s, const std::vector<Job> &jobs) {
  for (const Job &j : jobs)
    s.start(j);
}

// Through a function pointer.
void run_all(void (*run)(const Job &), const std::vector<Job> &jobs) {
  for (const Job &j : jobs)
    run(j);
}

// A helper that only builds a callable for later.
auto make_starter(const Job &j) {
  return [j] { std::thread(handle, j).detach(); };
}
void starters(const std::vector<Job> &jobs) {
  for (const Job &j : jobs)
    make_starter(j);
}
