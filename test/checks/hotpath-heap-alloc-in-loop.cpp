// RUN: %check_hotpath -std=c++17-or-later %s hotpath-heap-alloc-in-loop %t
// RUN: %check_hotpath -std=c++17 -check-suffixes=,CUSTOM %s hotpath-heap-alloc-in-loop %t -- \
// RUN:   -config="{CheckOptions: {hotpath-heap-alloc-in-loop.AllocFunctions: '::std::make_unique;::std::make_shared;::malloc;::my_alloc'}}"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

struct Record { int id; char name[32]; bool valid() const { return id > 0; } };
struct Parser { int parse(const char *); };
Record make_record(int);
void use(const Record &);
void store(std::unique_ptr<Record>);
void keep(Record *);
void *my_alloc(std::size_t);
void my_free(void *);

// ---------------------------------------------------------------- positives

int unique_per_item(const std::vector<int> &ids) {
  int n = 0;
  for (int id : ids) {
    auto rec = std::make_unique<Record>(make_record(id));
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'std::make_unique' allocates on every iteration of the loop and 'rec' dies in the same iteration: one allocation and one free per iteration; reuse one object declared before the loop, use a stack object, or take it from a hotpath::Pool [hotpath-heap-alloc-in-loop]
    if (rec->valid())
      n += rec->id;
  }
  return n;
}

void shared_per_item(const std::vector<int> &ids) {
  for (std::size_t i = 0; i < ids.size(); ++i) {
    std::shared_ptr<Record> rec = std::make_shared<Record>();
    // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'std::make_shared' allocates on every iteration
    rec->id = ids[i];
    use(*rec);
  }
}

void new_delete(int n) {
  for (int i = 0; i < n; ++i) {
    Record *r = new Record();
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'new' allocates on every iteration of the loop and 'r' dies
    r->id = i;
    use(*r);
    delete r;
  }
}

void new_array(const std::vector<int> &sizes) {
  for (int s : sizes) {
    char *buf = new char[static_cast<std::size_t>(s)];
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'new' allocates on every iteration
    buf[0] = 0;
    delete[] buf;
  }
}

// Lent to a function, then deleted by the iteration: it dies there.
void fill(float *out, int n);
bool adopt(Record *r);
void new_array_lent(const std::vector<int> &sizes) {
  for (int s : sizes) {
    float *tmp = new float[static_cast<std::size_t>(s)];
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'new' allocates on every iteration of the loop and 'tmp' dies
    fill(tmp, s);
    delete[] tmp;
  }
}
// Deleted only when the callee did not keep it: it may outlive the loop.
void new_maybe_kept(int n) {
  for (int i = 0; i < n; ++i) {
    Record *r = new Record();
    if (!adopt(r))
      delete r;
  }
}

void malloc_free(int n) {
  while (n-- > 0) {
    char *buf = static_cast<char *>(std::malloc(64));
    // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'malloc' allocates on every iteration
    std::memset(buf, 0, 64);
    std::free(buf);
  }
}

int temporary(const std::vector<const char *> &lines) {
  int n = 0;
  for (const char *l : lines)
    n += std::make_unique<Parser>()->parse(l);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'std::make_unique' allocates on every iteration of the loop and the temporary dies in the same iteration
  return n;
}

void unique_from_new(int n) {
  for (int i = 0; i < n; ++i) {
    std::unique_ptr<Record> r(new Record{i, {}});
    // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'new' allocates on every iteration
    use(*r);
  }
}

void get_is_not_escape(int n) {
  for (int i = 0; i < n; ++i) {
    auto r = std::make_unique<Record>();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'std::make_unique' allocates
    use(*r.get());
  }
}

template <class T> void generic(int n) {
  for (int i = 0; i < n; ++i) {
    auto p = std::make_unique<Record>();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'std::make_unique' allocates
    use(*p);
  }
}
void use_generic() { generic<int>(1); generic<char>(2); }

void in_nested_loop(const std::vector<std::vector<int>> &rows) {
  for (const auto &row : rows)
    for (int x : row) {
      auto r = std::make_unique<Record>(make_record(x));
      // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'std::make_unique' allocates
      use(*r);
    }
}

#define NEW_RECORD() new Record()
void macro_alloc(int n) {
  for (int i = 0; i < n; ++i) {
    Record *r = NEW_RECORD();
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'new' allocates
    use(*r);
    delete r;
  }
}

void custom_alloc(int n) {
  for (int i = 0; i < n; ++i) {
    char *p = static_cast<char *>(my_alloc(16));
    // CHECK-MESSAGES-CUSTOM: :[[@LINE-1]]:35: warning: 'my_alloc' allocates
    p[0] = 1;
    std::free(p);
  }
}

// ------------------------------------------- negatives (look-alikes)

std::vector<std::unique_ptr<Record>> kept(int n) {
  std::vector<std::unique_ptr<Record>> out;
  for (int i = 0; i < n; ++i) {
    auto r = std::make_unique<Record>();
    out.push_back(std::move(r));
  }
  return out;
}

void stored_directly(std::vector<std::unique_ptr<Record>> &out, int n) {
  for (int i = 0; i < n; ++i)
    out.push_back(std::make_unique<Record>());
}

void handed_over(int n) {
  for (int i = 0; i < n; ++i)
    store(std::make_unique<Record>());
}

std::unique_ptr<Record> returned(const std::vector<int> &ids) {
  for (int id : ids) {
    auto r = std::make_unique<Record>(make_record(id));
    if (r->valid())
      return r;
  }
  return nullptr;
}

void never_freed(int n) {
  for (int i = 0; i < n; ++i) {
    Record *r = new Record();
    keep(r);
  }
}

void released(int n) {
  for (int i = 0; i < n; ++i) {
    auto r = std::make_unique<Record>();
    keep(r.release());
  }
}

Record *assigned_outside(int n) {
  Record *last = nullptr;
  for (int i = 0; i < n; ++i)
    last = new Record();
  return last;
}

void shared_copy_kept(std::vector<std::shared_ptr<Record>> &all, int n) {
  for (int i = 0; i < n; ++i) {
    auto r = std::make_shared<Record>();
    all.push_back(r);
  }
}

void not_in_loop() {
  auto r = std::make_unique<Record>();
  use(*r);
}

void lambda_in_loop(std::vector<void (*)()> &fs, int n) {
  for (int i = 0; i < n; ++i) {
    auto f = [] { auto r = std::make_unique<Record>(); use(*r); };
    f();
  }
}

void placement(int n) {
  alignas(Record) unsigned char storage[sizeof(Record)];
  for (int i = 0; i < n; ++i) {
    Record *r = new (storage) Record();
    use(*r);
    r->~Record();
  }
}

void moved_into_outer(int n) {
  std::unique_ptr<Record> keepme;
  for (int i = 0; i < n; ++i) {
    auto r = std::make_unique<Record>();
    if (r->valid())
      keepme = std::move(r);
  }
}

// Member lookups that yield using-declarations, their shadows and, in a
// template, unresolved using-declarations (these once crashed the analysis).
struct LookupBase {
  int &at(int);
  const int &at(int) const;
};
struct LookupDerived : LookupBase {
  using LookupBase::at;
  int &at(int, int);
};

void using_declaration_on_stack() {
  for (int i = 0; i < 3; ++i) {
    LookupDerived d;
    d.at(1, 2);
    d.at(i);
  }
}

int using_declaration_on_heap(int n) {
  int sum = 0;
  for (int i = 0; i < n; ++i) {
    auto d = std::make_unique<LookupDerived>();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'std::make_unique' allocates on every iteration of the loop and 'd' dies in the same iteration
    sum += d->at(1, 2) + d->at(i);
  }
  return sum;
}

template <typename B> struct DependentLookup : B {
  using B::at;
  int &at(int, int);
};
template <typename B> int unresolved_using_declaration(int n) {
  int sum = 0;
  for (int i = 0; i < n; ++i) {
    DependentLookup<B> d;
    sum += d.at(1, 2) + d.at(i);
  }
  return sum;
}
template int unresolved_using_declaration<LookupBase>(int);
