// RUN: %check_hotpath -std=c++17-or-later %s hotpath-unnecessary-heap %t
// RUN: %check_hotpath -std=c++17 -check-suffixes=SMALL %s hotpath-unnecessary-heap %t -- \
// RUN:   -config="{CheckOptions: {hotpath-unnecessary-heap.MaxStackBytes: '16'}}"

#include <memory>
#include <utility>

struct Config { int threshold = 5; int top = 3; bool verbose = false; };
struct Big { char data[4096]; };
struct Medium { char data[64]; int n = 0; };
struct Base { virtual ~Base(); virtual int run() const = 0; };
struct Derived : Base { int run() const override; };
int use(const Config &);
int use_ptr(const Config *);
void take(std::unique_ptr<Config>);
void ref(std::unique_ptr<Config> &);
struct Holder { std::unique_ptr<Config> c; Config *raw; };

// ---------------------------------------------------------------- positives

// A type without a default constructor: spelled with the constructor's
// arguments, as the allocation built it.
struct Block { explicit Block(int size) : size(size) {} int size; };
struct Pair { int a, b; };
int make_block(int n) {
  auto b = std::make_unique<Block>(n * 2);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'b' owns a heap-allocated 'Block' (4 bytes) {{.*}} declare the object on the stack instead ('Block b(n * 2);')
  // CHECK-MESSAGES-SMALL: :[[@LINE-2]]:8: warning: 'b' owns a heap-allocated 'Block'
  std::unique_ptr<Pair> p(new Pair{n, 1});
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'p' owns a heap-allocated 'Pair' (8 bytes) {{.*}} declare the object on the stack instead ('Pair p{n, 1};')
  // CHECK-MESSAGES-SMALL: :[[@LINE-2]]:25: warning: 'p' owns a heap-allocated 'Pair'
  return b->size + p->a;
}

int make_unique_local() {
  auto cfg = std::make_unique<Config>();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'cfg' owns a heap-allocated 'Config' (12 bytes) that never leaves this function: the allocation and free on every call buy nothing; declare the object on the stack instead ('Config cfg;') [hotpath-unnecessary-heap]
  // CHECK-MESSAGES-SMALL: :[[@LINE-2]]:8: warning: 'cfg' owns a heap-allocated 'Config' (12 bytes)
  cfg->threshold = 7;
  return use(*cfg);
}

int explicit_type() {
  std::unique_ptr<Config> c = std::make_unique<Config>();
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'c' owns a heap-allocated 'Config'
  // CHECK-MESSAGES-SMALL: :[[@LINE-2]]:27: warning: 'c' owns a heap-allocated 'Config'
  return c->top;
}

int from_new() {
  std::unique_ptr<Config> c(new Config());
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'c' owns a heap-allocated 'Config'
  // CHECK-MESSAGES-SMALL: :[[@LINE-2]]:27: warning: 'c' owns a heap-allocated 'Config'
  return use_ptr(c.get());
}

int raw_new_delete() {
  Config *c = new Config;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'c' owns a heap-allocated 'Config'
  // CHECK-MESSAGES-SMALL: :[[@LINE-2]]:11: warning: 'c' owns a heap-allocated 'Config'
  c->top = 1;
  int r = use(*c);
  delete c;
  return r;
}

// Deleted before the end of its block, but its destructor is trivial: the
// code after the delete cannot tell. Reported.
int raw_delete_early_trivial() {
  Config *c = new Config;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'c' owns a heap-allocated 'Config'
  // CHECK-MESSAGES-SMALL: :[[@LINE-2]]:11: warning: 'c' owns a heap-allocated 'Config'
  int r = use(*c);
  delete c;
  r += use_ptr(nullptr);
  return r;
}

struct Tracked { Tracked(); ~Tracked(); int v = 0; };
int live_count();
void expect(bool);

// A destructor that does something, and code after the delete that relies on
// it having run (a test checking a live count): a stack object would still
// be alive there. Silent (pugixml, onetbb tests).
void raw_delete_then_check() {
  Tracked *t = new Tracked;
  expect(t->v == 0);
  delete t;
  expect(live_count() == 0);
}

// The same object deleted last (or just before the return): reported.
int raw_delete_last() {
  Tracked *t = new Tracked;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 't' owns a heap-allocated 'Tracked'
  // CHECK-MESSAGES-SMALL: :[[@LINE-2]]:12: warning: 't' owns a heap-allocated 'Tracked'
  int r = t->v;
  delete t;
  return r;
}

int medium() {
  auto m = std::make_unique<Medium>();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'm' owns a heap-allocated 'Medium' (68 bytes)
  m->n = 1;
  return m->n + m->data[0];
}

bool null_check() {
  auto c = std::make_unique<Config>();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'c' owns a heap-allocated 'Config'
  // CHECK-MESSAGES-SMALL: :[[@LINE-2]]:8: warning: 'c' owns a heap-allocated 'Config'
  return c != nullptr && c->verbose;
}

int captured_by_reference() {
  auto c = std::make_unique<Config>();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'c' owns a heap-allocated 'Config'
  // CHECK-MESSAGES-SMALL: :[[@LINE-2]]:8: warning: 'c' owns a heap-allocated 'Config'
  auto f = [&] { return c->top; };
  return f();
}

int in_lambda() {
  auto f = [] {
    auto c = std::make_unique<Config>();
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'c' owns a heap-allocated 'Config'
    // CHECK-MESSAGES-SMALL: :[[@LINE-2]]:10: warning: 'c' owns a heap-allocated 'Config'
    return use(*c);
  };
  return f();
}

template <class T> int generic(T t) {
  auto c = std::make_unique<Config>();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'c' owns a heap-allocated 'Config'
  // CHECK-MESSAGES-SMALL: :[[@LINE-2]]:8: warning: 'c' owns a heap-allocated 'Config'
  return c->top + static_cast<int>(t);
}
int use_generic() { return generic(1) + generic(2.0); }

#define MAKE(T) std::make_unique<T>()
int macro_init() {
  auto c = MAKE(Config);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'c' owns a heap-allocated 'Config'
  // CHECK-MESSAGES-SMALL: :[[@LINE-2]]:8: warning: 'c' owns a heap-allocated 'Config'
  return c->top;
}

int per_request() {
  auto cfg = std::make_unique<Config>();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'cfg' owns a heap-allocated 'Config'
  // CHECK-MESSAGES-SMALL: :[[@LINE-2]]:8: warning: 'cfg' owns a heap-allocated 'Config'
  return use(*cfg);
}

// main runs once: held back (test/relevance/hotpath-run-once.cpp).
int main() {
  auto cfg = std::make_unique<Config>();
  return use(*cfg) + per_request();
}

// ------------------------------------------- negatives (look-alikes)

std::unique_ptr<Config> returned() {
  auto c = std::make_unique<Config>();
  c->top = 4;
  return c;
}

void moved() {
  auto c = std::make_unique<Config>();
  take(std::move(c));
}

Config *released() {
  auto c = std::make_unique<Config>();
  return c.release();
}

void by_reference_to_unknown() {
  auto c = std::make_unique<Config>();
  ref(c);
}

void stored(Holder &h) {
  auto c = std::make_unique<Config>();
  h.c = std::move(c);
}

void raw_stored(Holder &h) {
  Config *c = new Config;
  h.raw = c;
}

int raw_leaked() {
  Config *c = new Config;
  return c->top;
}

int too_big() {
  auto b = std::make_unique<Big>();
  return b->data[0];
}

int polymorphic() {
  std::unique_ptr<Base> b = std::make_unique<Derived>();
  return b->run();
}

int from_factory(std::unique_ptr<Config> (*factory)()) {
  auto c = factory();
  return c->top;
}

int reset_later() {
  auto c = std::make_unique<Config>();
  int r = c->top;
  c.reset();
  return r;
}

int array_form() {
  auto a = std::make_unique<int[]>(8);
  return a[0];
}

int in_loop(int n) {
  int s = 0;
  for (int i = 0; i < n; ++i) {
    auto c = std::make_unique<Config>();
    s += c->top;
  }
  return s;
}

int shared_not_owned_here() {
  auto s = std::make_shared<Config>();
  return s->top;
}

int swapped(std::unique_ptr<Config> &other) {
  auto c = std::make_unique<Config>();
  c.swap(other);
  return 0;
}

int address_of_owner() {
  auto c = std::make_unique<Config>();
  std::unique_ptr<Config> *pp = &c;
  return (*pp)->top;
}
