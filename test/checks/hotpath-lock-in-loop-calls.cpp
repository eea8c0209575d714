// A loop whose one call locks a mutex in a function it reaches.
// RUN: %check_hotpath -std=c++17 %s hotpath-lock-in-loop %t

#include <map>
#include <mutex>
#include <string>
#include <vector>

class Table {
public:
  int lookup(int k) const {
    std::lock_guard<std::mutex> g(mu_);
    auto it = map_.find(k);
    return it == map_.end() ? 0 : it->second;
  }
  void add(int k) { insert_locked(k); }
  void load(const std::vector<int> &ks) {
    for (int k : ks)
      add(k);
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'add' locks 'mu_' on every iteration of the loop (Table::add -> Table::insert_locked) around a short critical section: each iteration pays an atomic read-modify-write to lock and another to unlock, and under contention a cache-line transfer or a futex sleep; lock once for the whole loop (a batch operation that takes the items together), or collect the results locally and merge them under one lock [hotpath-lock-in-loop]
    // CHECK-NOTES: :16:21: note: 'Table::add' calls 'Table::insert_locked' here
    // CHECK-NOTES: :28:5: note: 'Table::insert_locked' locks 'mu_' here
    // CHECK-NOTES: :[[@LINE-5]]:5: note: the loop is here
  }

private:
  void insert_locked(int k) {
    std::lock_guard<std::mutex> g(mu_);
    ++map_[k];
  }
  mutable std::mutex mu_;
  std::map<int, int> map_;
};

std::mutex stats_mu;
std::vector<int> stats;
void record(int v) {
  std::lock_guard<std::mutex> g(stats_mu);
  stats.push_back(v);
}

// ---------------------------------------------------------------- positives

int sum(const Table &t, const std::vector<int> &keys) {
  int total = 0;
  for (int k : keys)
    total += t.lookup(k);
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: 'lookup' locks 'mu_' on every iteration of the loop (Table::lookup) around a short critical section
  // CHECK-NOTES: :12:5: note: 'Table::lookup' locks 'mu_' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: the loop is here
  return total;
}

void record_all(const std::vector<int> &values) {
  for (int v : values)
    record(v);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'record' locks 'stats_mu' on every iteration of the loop (record) around a short critical section
  // CHECK-NOTES: :38:3: note: 'record' locks 'stats_mu' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: the loop is here
}

// ---------------------------------------------------------------- negatives

// Each iteration locks another table's mutex: no one lock to take once.
int sum_tables(const std::vector<Table> &tables, int k) {
  int total = 0;
  for (const Table &t : tables)
    total += t.lookup(k);
  return total;
}

int sum_pointers(const std::vector<Table *> &tables, int k) {
  int total = 0;
  for (Table *t : tables)
    total += t->lookup(k);
  return total;
}

// Other work in the body runs outside the lock.
int hash(int k);
void add_hashed(Table &t, const std::vector<int> &keys) {
  for (int k : keys)
    t.add(hash(k));
}

// Locked on some iterations only.
void some(Table &t, const std::vector<int> &keys) {
  for (int k : keys)
    if (k > 0)
      t.add(k);
}

// A handful of iterations.
void few(Table &t) {
  for (int i = 0; i < 4; ++i)
    t.add(i);
}

// An event loop.
bool next(int &k);
void serve(Table &t) {
  int k;
  while (true) {
    if (!next(k))
      break;
    t.add(k);
  }
}

// A virtual call with two overrides.
struct Store {
  virtual ~Store() = default;
  virtual void put(int k) = 0;
};
struct LockedStore : Store {
  std::mutex m;
  void put(int) override { std::lock_guard<std::mutex> g(m); }
};
struct PlainStore : Store {
  std::vector<int> v;
  void put(int k) override { v.push_back(k); }
};
void fill(Store &s, const std::vector<int> &keys) {
  for (int k : keys)
    s.put(k);
}

// The mutex is the caller's to choose.
void guarded(std::mutex &m, int k) {
  std::lock_guard<std::mutex> g(m);
  stats.push_back(k);
}
void guarded_each(std::vector<std::mutex> &locks, const std::vector<int> &keys) {
  for (int k : keys)
    guarded(locks[k % 4], k);
}
