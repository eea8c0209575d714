// A call in a loop whose function returns a new heap object, dropped in the
// same iteration.
// RUN: %check_hotpath -std=c++17 %s hotpath-heap-alloc-in-loop %t

#include <memory>
#include <string>
#include <vector>

struct Node {
  int key;
  std::string name;
};

std::unique_ptr<Node> make_node(int k) { return std::make_unique<Node>(Node{k, ""}); }

std::unique_ptr<Node> make_named(int k, const std::string &n) {
  auto p = std::make_unique<Node>();
  p->key = k;
  p->name = n;
  return p;
}

Node *make_raw(int k) { return new Node{k, ""}; }

int use(const Node &);

// ---------------------------------------------------------------- positives

int sum_keys(const std::vector<int> &keys) {
  int total = 0;
  for (int k : keys) {
    auto n = make_node(k);
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: 'make_node' (which returns a new heap object) allocates on every iteration of the loop and 'n' dies in the same iteration: one allocation and one free per iteration; reuse one object declared before the loop, use a stack object, or take it from a hotpath::Pool [hotpath-heap-alloc-in-loop]
    // CHECK-NOTES: :14:42: note: 'make_node' returns a new heap object here
    // CHECK-NOTES: :[[@LINE-4]]:3: note: the loop is here
    total += use(*n);
  }
  return total;
}

int names(const std::vector<int> &keys) {
  int total = 0;
  for (int k : keys)
    total += make_named(k, "x")->key;
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: 'make_named' (which returns a new heap object) allocates on every iteration of the loop and the temporary dies in the same iteration
  // CHECK-NOTES: :20:3: note: 'make_named' returns a new heap object here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: the loop is here
  return total;
}

int raw(const std::vector<int> &keys) {
  int total = 0;
  for (int k : keys) {
    Node *n = make_raw(k);
    // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'make_raw' (which returns a new heap object) allocates on every iteration of the loop and 'n' dies in the same iteration
    // CHECK-NOTES: :23:25: note: 'make_raw' returns a new heap object here
    // CHECK-NOTES: :[[@LINE-4]]:3: note: the loop is here
    total += use(*n);
    delete n;
  }
  return total;
}

// ---------------------------------------------------------------- negatives

// Kept: the objects outlive the iteration.
std::vector<std::unique_ptr<Node>> keep(const std::vector<int> &keys) {
  std::vector<std::unique_ptr<Node>> out;
  for (int k : keys)
    out.push_back(make_node(k));
  return out;
}

// A raw pointer not freed in the iteration is someone else's.
void register_node(Node *);
void registers(const std::vector<int> &keys) {
  for (int k : keys)
    register_node(make_raw(k));
}

// A helper that returns a pooled object, not a new one.
Node *pooled(int k) {
  static Node pool[16];
  pool[k % 16].key = k;
  return &pool[k % 16];
}
int uses_pool(const std::vector<int> &keys) {
  int total = 0;
  for (int k : keys) {
    Node *n = pooled(k);
    total += use(*n);
  }
  return total;
}

// Called once, not in a loop.
int once(int k) { return use(*make_node(k)); }

// A helper that allocates only further down: not followed (depth 1).
std::unique_ptr<Node> indirect(int k) { return make_node(k); }
int uses_indirect(const std::vector<int> &keys) {
  int total = 0;
  for (int k : keys)
    total += use(*indirect(k));
  return total;
}
