// RUN: %check_hotpath -std=c++17-or-later %s hotpath-constant-container-per-call %t
// RUN: %check_hotpath -std=c++17 -check-suffixes=SHORT %s hotpath-constant-container-per-call %t -- \
// RUN:   -config="{CheckOptions: {hotpath-constant-container-per-call.MinStringLength: '4', hotpath-constant-container-per-call.ContainerTypes: '::std::basic_string'}}"

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

void consume(std::vector<int> &);
void inspect(const std::vector<int> &);
void take(std::vector<int>);
int pick(int);
extern int runtime_value;

// ---------------------------------------------------------------- positives

bool is_known_method(const std::string &m) {
  std::set<std::string> known = {"GET", "POST", "PUT", "DELETE", "HEAD"};
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'known' is a constant 'std::set<std::string>' {{.*}}rebuilt on every call (5 heap allocations and as many frees per call); it is never modified: make it 'static const' to build it once [hotpath-constant-container-per-call]
  // CHECK-FIXES: {{^}}  static const std::set<std::string> known = {"GET", "POST", "PUT", "DELETE", "HEAD"};
  return known.count(m) != 0;
}

int sum_weights() {
  std::vector<int> weights = {3, 5, 7, 11};
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'weights' is a constant 'std::vector<int>' rebuilt on every call (1 heap allocation
  // CHECK-FIXES: {{^}}  static const std::vector<int> weights = {3, 5, 7, 11};
  int s = 0;
  for (int w : weights)
    s += w;
  return s;
}

int indexed(std::size_t i) {
  std::vector<int> table{1, 2, 4, 8};
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'table' is a constant
  // CHECK-FIXES: {{^}}  static const std::vector<int> table{1, 2, 4, 8};
  // Non-const operator[] and begin() have const overloads: still a read.
  return table[i] + *table.begin() + static_cast<int>(table.size());
}

constexpr int kLimit = 9;
int with_constexpr_values() {
  const std::vector<int> limits = {kLimit, kLimit * 2, sizeof(long)};
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'limits' is a constant
  // CHECK-FIXES: {{^}}  static const std::vector<int> limits = {kLimit, kLimit * 2, sizeof(long)};
  inspect(limits);
  return limits.front();
}

int lookup(const std::string &k) {
  std::map<std::string, int> codes = {{"ok", 200}, {"missing", 404}};
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'codes' is a constant {{.*}}(2 heap allocations
  // CHECK-FIXES: {{^}}  static const std::map<std::string, int> codes = {{[{][{]}}"ok", 200}, {"missing", 404}};
  return codes.find(k) == codes.end() ? 0 : codes.at(k);
}

bool hashed(int v) {
  std::unordered_set<int> odd = {1, 3, 5};
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'odd' is a constant {{.*}}(4 heap allocations
  // CHECK-FIXES: {{^}}  static const std::unordered_set<int> odd = {1, 3, 5};
  return odd.find(v) != odd.end();
}

std::size_t copies_are_fine() {
  std::vector<int> base = {1, 2, 3};
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'base' is a constant
  // CHECK-FIXES: {{^}}  static const std::vector<int> base = {1, 2, 3};
  std::vector<int> copy = base;
  copy.push_back(4);
  take(base);
  return copy.size() + base.size();
}

int in_lambda() {
  auto f = [](int i) {
    std::vector<int> steps = {10, 20, 30};
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'steps' is a constant
    // CHECK-FIXES: {{^}}    static const std::vector<int> steps = {10, 20, 30};
    return steps[i];
  };
  return f(1);
}

int captured_by_reference() {
  std::vector<int> primes = {2, 3, 5, 7};
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'primes' is a constant
  // CHECK-FIXES: {{^}}  static const std::vector<int> primes = {2, 3, 5, 7};
  auto nth = [&](int i) { return primes.at(i); };
  return nth(2);
}

template <class T> T scaled(T x) {
  std::vector<int> factors = {2, 4};
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'factors' is a constant
  // CHECK-FIXES: {{^}}  static const std::vector<int> factors = {2, 4};
  return x * static_cast<T>(factors.size());
}
int use_scaled() { return scaled(1) + static_cast<int>(scaled(2.0)); }

// Templates are judged once, at the pattern, where member calls on the
// container are unresolved until instantiation: the standard containers'
// members are known by name (size, count, find, at, operator[] of a
// sequence, begin ...).
template <class T> T sum_table(T x) {
  std::vector<T> table = {1, 2, 3, 4, 5, 6, 7, 8};
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'table' is a constant 'std::vector<T>' rebuilt on every call (1 heap allocation and as many frees per call); it is never modified: make it 'static const' to build it once [hotpath-constant-container-per-call]
  // CHECK-FIXES: {{^}}  static const std::vector<T> table = {1, 2, 3, 4, 5, 6, 7, 8};
  T s = x;
  for (T v : table)
    s += v;
  return s;
}
int use_sum_table() { return sum_table(1) + static_cast<int>(sum_table(2L)); }

template <class T> int status_known(T k) {
  std::map<int, const char *> m = {{200, "OK"}, {404, "Not Found"}};
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'm' is a constant 'std::map<int, const char *>' rebuilt on every call (2 heap allocations
  // CHECK-FIXES: {{^}}  static const std::map<int, const char *> m = {{[{][{]}}200, "OK"}, {404, "Not Found"}};
  return m.count(k);
}
int use_status_known() { return status_known(200) + status_known('x'); }

// Never instantiated in this file (a header's template): still reported.
template <class T> int never_instantiated(T k) {
  std::vector<int> v = {1, 2, 3, 4};
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'v' is a constant 'std::vector<int>' rebuilt on every call
  // CHECK-FIXES: {{^}}  static const std::vector<int> v = {1, 2, 3, 4};
  return v[k];
}

template <class K> int http_code(const K &k) {
  std::unordered_map<std::string, int> codes = {{"ok", 200}, {"missing", 404}};
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: 'codes' is a constant 'std::unordered_map<std::string, int>' {{.*}}(3 heap allocations
  // CHECK-FIXES: {{^}}  static const std::unordered_map<std::string, int> codes = {{[{][{]}}"ok", 200}, {"missing", 404}};
  return codes.count(k) ? codes.at(k) : 0;
}
int use_http_code() { return http_code(std::string("ok")); }

template <class T> bool found_and_first(T k) {
  std::map<int, int> m = {{1, 10}, {2, 20}};
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'm' is a constant
  // CHECK-FIXES: {{^}}  static const std::map<int, int> m = {{[{][{]}}1, 10}, {2, 20}};
  return m.find(k) != m.end() && m.begin()->second + m.at(k) > 0;
}
bool use_found_and_first() { return found_and_first(1); }

template <class T> std::vector<T> default_weights() {
  return {1, 2, 3};
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: returns a constant 'std::vector<T>' built from scratch on every call (1 heap allocation and as many frees per call)
}
std::size_t use_default_weights() { return default_weights<int>().size(); }

std::vector<std::string> report_columns() {
  return {"path", "requests", "share"};
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: returns a constant 'std::vector<std::string>' {{.*}}built from scratch on every call (1 heap allocation and as many frees per call): return a reference to a function-local 'static const' object, or a span or string_view over a 'static constexpr std::array' [hotpath-constant-container-per-call]
}

std::string banner() {
  std::string text = "hotpath: performance report v1";
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'text' is a constant 'std::string' {{.*}}(1 heap allocation
  // CHECK-FIXES: {{^}}  static const std::string text = "hotpath: performance report v1";
  // CHECK-MESSAGES-SHORT: :[[@LINE-3]]:15: warning: 'text' is a constant
  // CHECK-FIXES-SHORT: {{^}}  static const std::string text = "hotpath: performance report v1";
  return text + "\n";
}

#define COLUMNS {1, 2, 3}
int macro_elements() {
  std::vector<int> cols = COLUMNS;
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'cols' is a constant
  // CHECK-FIXES: {{^}}  static const std::vector<int> cols = COLUMNS;
  return cols.back();
}

// With MinStringLength 4 and only strings: short literals count.
int short_string() {
  std::string s = "abcd";
  // CHECK-MESSAGES-SHORT: :[[@LINE-1]]:15: warning: 's' is a constant
  // CHECK-FIXES-SHORT: {{^}}  static const std::string s = "abcd";
  return static_cast<int>(s.size());
}

// ------------------------------------------- negatives (look-alikes)

std::size_t mutated() {
  std::vector<int> v = {1, 2, 3};
  v.push_back(4);
  return v.size();
}


std::vector<int> moved() {
  std::vector<int> v = {1, 2, 3};
  std::vector<int> w = std::move(v);
  return w;
}

void passed_by_reference() {
  std::vector<int> v = {1, 2, 3};
  consume(v);
}

int address_taken() {
  std::vector<int> v = {1, 2, 3};
  std::vector<int> *p = &v;
  return static_cast<int>(p->size());
}

int non_const_reference() {
  std::vector<int> v = {1, 2, 3};
  std::vector<int> &r = v;
  r[0] = 5;
  return v[0];
}

int through_const_cast() {
  const std::vector<int> v = {1, 2, 3};
  const_cast<std::vector<int> &>(v).clear();
  return static_cast<int>(v.size());
}

int element_written() {
  std::vector<int> v = {1, 2, 3};
  v[1] = 7;
  return v[1];
}

int iterator_written() {
  std::vector<int> v = {1, 2, 3};
  *v.begin() = 4;
  return v[0];
}

int binding_by_reference() {
  std::pair<std::vector<int>, int> p = {{1, 2}, 3};
  auto &[vec, n] = p;
  vec.clear();
  return n;
}

int non_constant_element(int x) {
  std::vector<int> v = {1, x, 3};
  return v[1] + pick(x);
}

int runtime_global() {
  std::vector<int> v = {runtime_value, 2};
  return v[0];
}

int mutated_in_lambda() {
  std::vector<int> v = {1, 2};
  auto grow = [&] { v.push_back(3); };
  grow();
  return static_cast<int>(v.size());
}

std::size_t empty_container() {
  std::vector<int> v;
  std::vector<int> w = {};
  return v.size() + w.size();
}

std::size_t sized_not_listed() {
  std::vector<int> v(16, 0);
  return v.size();
}

std::size_t short_literal() {
  std::string s = "short";
  // CHECK-MESSAGES-SHORT: :[[@LINE-1]]:15: warning: 's' is a constant
  // CHECK-FIXES-SHORT: {{^}}  static const std::string s = "short";
  return s.size();
}

int already_static() {
  static const std::vector<int> v = {1, 2, 3};
  return v[0];
}

int main() {
  std::vector<int> config = {1, 2, 3};
  return config[0];
}

constexpr std::size_t no_static_in_constexpr_before_cxx23() {
  return 3;
}

template <class T> std::size_t dependent_element(T t) {
  std::vector<T> v = {t, t};
  return v.size();
}
std::size_t use_dependent() { return dependent_element(1); }

template <class T> std::size_t unknown_call(T t) {
  std::vector<int> v = {1, 2};
  t.visit(v);
  return v.size();
}

// Templates whose pattern may write to the container, by a call resolved at
// instantiation, or through a type that may turn out to be a reference.
template <class T> void fill_with(std::vector<int> &, T);
template <class T> int grown_in_pattern(T k) {
  std::vector<int> v = {1, 2};
  v.push_back(k);
  return v[0];
}
template <class T> int element_written_in_pattern(T k) {
  std::vector<int> v = {1, 2};
  v[k] = 3;
  return v[0];
}
template <class T> std::size_t cleared_dependent(T) {
  std::vector<T> v = {1, 2};
  v.clear();
  return v.size();
}
template <class T> int passed_to_unresolved(T k) {
  std::vector<int> v = {1, 2};
  fill_with(v, k);
  return v[0];
}
template <class T> int swapped_with_dependent(T &w) {
  std::vector<int> v = {1, 2};
  std::swap(v, w);
  return v[0];
}
template <class T> int map_subscript_inserts(T k) {
  std::map<int, int> m = {{1, 2}};
  return m[k];
}
template <class T> std::vector<T> returned_pair_of(T t) { return {t, t}; }
template <class T> std::size_t type_is_the_parameter(T) {
  T v = {1, 2};
  return v.size();
}
// T may be a reference: T = std::vector<int> & aliases v.
template <class T> std::size_t aliased_through_parameter_type() {
  std::vector<int> v = {1, 2};
  T r = v;
  r.clear();
  return v.size();
}
template <class T> int loop_variable_may_be_reference(T k) {
  std::vector<int> v = {1, 2};
  for (T x : v)
    x = k;
  return v[0];
}
template <class T, class I> T element_returned_as_parameter_type(I k) {
  std::vector<int> v = {1, 2};
  return v[k];
}
// std::vector<T> may be std::vector<bool>, whose `auto` element is a proxy.
template <class T> std::size_t bit_proxy_written(T k) {
  std::vector<T> v = {true, false};
  for (auto x : v)
    x = k;
  return v.size();
}
template <class T> int iterator_moved_along(T k) {
  std::vector<int> v = {1, 2};
  auto it = v.begin() + k;
  *it = 5;
  return v[0];
}
template <class T> int address_escapes(T k) {
  std::vector<int> v = {1, 2};
  std::vector<int> *p = &v;
  return k(p);
}
void use_pattern_negatives(std::vector<int> &w) {
  grown_in_pattern(1);
  element_written_in_pattern(0);
  cleared_dependent(1);
  swapped_with_dependent(w);
  map_subscript_inserts(1);
  returned_pair_of(1);
  type_is_the_parameter(std::vector<int>());
  aliased_through_parameter_type<std::vector<int> &>();
  loop_variable_may_be_reference(0);
  bit_proxy_written(false);
  iterator_moved_along(0);
}

// Generic lambdas: the container is written through a call resolved when
// the lambda is instantiated.
int generic_lambda_parameter() {
  std::vector<int> v = {1, 2};
  auto add = [](auto &c, auto x) { c.push_back(x); };
  add(v, 3);
  return v[0];
}
int generic_lambda_capture() {
  std::vector<int> v = {1, 2};
  auto set = [&](auto i) { v[i] = 0; };
  set(1);
  return v[0];
}

// Handles that write through: a pointer from data(), an iterator kept by
// const reference or moved along, a reference init-capture, a proxy.
int written_through_data() {
  std::vector<int> v = {1, 2, 3};
  *v.data() = 4;
  *(v.data() + 1) = 5;
  return v[0];
}
int iterator_by_const_reference() {
  std::vector<int> v = {1, 2, 3};
  const auto &it = v.begin();
  *it = 4;
  return v[0];
}
int iterator_advanced() {
  std::vector<int> v = {1, 2, 3};
  auto it = v.begin() + 1;
  *it = 4;
  return v[0];
}
std::size_t reference_init_capture() {
  std::vector<int> v = {1, 2, 3};
  auto f = [&r = v] { r.clear(); };
  f();
  return v.size();
}
bool bit_vector_proxy() {
  std::vector<bool> v = {true, false};
  for (auto x : v)
    x = false;
  return v[0];
}

// A stored iterator could write through: not followed, so silent.
int stored_iterator(const std::string &k) {
  std::map<std::string, int> codes = {{"ok", 200}};
  auto it = codes.find(k);
  return it == codes.end() ? 0 : it->second;
}

std::vector<int> returned_from_variable_list(int x) { return {x, 2}; }

std::string returned_literal() { return "a literal that is long enough"; }

// A variable an assertion-style macro declares from its argument: constant
// in this expansion, not in others; the fix has nowhere to go. Silent.
void fail();
#define EXPECT_SAME(expected, actual)                                          \
  do {                                                                         \
    std::vector<int> want_ = expected;                                         \
    if (want_ != (actual))                                                     \
      fail();                                                                  \
  } while (0)
void macro_argument(const std::vector<int> &got) {
  EXPECT_SAME((std::vector<int>{1, 2, 3}), got);
  EXPECT_SAME(got, got);
}

// Declared by a macro from constants of its own body: still reported, at
// the expansion, with no fix-it.
#define DECLARE_DEFAULTS std::vector<int> defaults = {7, 8, 9}
int macro_body() {
  DECLARE_DEFAULTS;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'defaults' is a constant 'std::vector<int>' rebuilt on every call
  return defaults.front();
}

// Built from constants and returned by value: the guide's first example.
// The caller gets a new copy on every call; no fix-it (the return type is
// the callers' business too).
std::vector<std::string> returned_names() {
  std::vector<std::string> names = {"alpha-long-name-0001", "beta-long-name-0002"};
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'names' is a constant 'std::vector<std::string>' {{.*}}built on every call and returned by value (3 heap allocations and as many frees per call): return a reference to a function-local 'static const' object, or a span or string_view over a 'static constexpr std::array'
  return names;
}
std::vector<int> returned() {
  std::vector<int> v = {1, 2, 3};
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'v' is a constant 'std::vector<int>' built on every call and returned by value
  return v;
}
// Returned after a change: not constant.
std::vector<int> returned_changed(bool more) {
  std::vector<int> v = {1, 2, 3};
  if (more)
    v.push_back(4);
  return v;
}

// Through an iterator that writes: not constant.
int bump_code(const std::string &name) {
  std::map<std::string, int> codes = {{"ok", 200}, {"missing", 404}};
  auto pos = codes.find(name);
  if (pos != codes.end())
    pos->second += 1;
  return codes.size();
}
// An init-capture is built once, when the closure is made.
auto make_checker() {
  return [known = std::vector<int>{1, 2, 3}](int v) {
    for (int k : known)
      if (k == v)
        return true;
    return false;
  };
}
