// RUN: %check_hotpath -std=c++17-or-later %s hotpath-missing-reserve %t
// RUN: %check_hotpath -std=c++17 -check-suffixes=ONLYVEC %s hotpath-missing-reserve %t -- \
// RUN:   -config="{CheckOptions: {hotpath-missing-reserve.ContainerTypes: '::std::basic_string'}}"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

struct Item { int id; std::string name; };
int score(const Item &);
bool keep(const Item &);
std::vector<Item> load();
void fill(std::vector<int> &);

// ---------------------------------------------------------------- positives

std::vector<int> ids(const std::vector<Item> &items) {
  std::vector<int> out;
  for (const Item &it : items)
    out.push_back(it.id);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by one element per iteration of a loop whose trip count is known before it starts, without reserve(): it reallocates and moves its elements about log2(n) times; call 'out.reserve(items.size());' before the loop [hotpath-missing-reserve]
  // CHECK-FIXES: {{^}}  out.reserve(items.size());
  // CHECK-FIXES-NEXT: {{^}}  for (const Item &it : items)
  return out;
}

std::vector<int> counted(const std::vector<Item> &items) {
  std::vector<int> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    int s = score(items[i]);
    s += 1;
    out.emplace_back(s);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by one element per iteration {{.*}} call 'out.reserve(items.size());' before the loop
  }
  // CHECK-FIXES: {{^}}  out.reserve(items.size());
  // CHECK-FIXES-NEXT: {{^}}  for (std::size_t i = 0; i < items.size(); ++i) {
  return out;
}

// A count derived from the size of something the program holds: reserved.
std::vector<int> by_count(const std::vector<Item> &items) {
  const std::size_t n = items.size() * 2 + 1;
  std::vector<int> squares;
  for (std::size_t i = 0; i != n; i++)
    squares.push_back(static_cast<int>(i * i));
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'squares' grows by one element
  // CHECK-FIXES: {{^}}  squares.reserve(n);
  return squares;
}

// Already capped: std::min with a bounded argument is bounded.
std::vector<int> capped(std::size_t n) {
  std::vector<int> v;
  for (std::size_t i = 0; i < std::min<std::size_t>(n, 4096); ++i)
    v.push_back(0);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'v' grows by one element
  // CHECK-FIXES: {{^}}  v.reserve(std::min<std::size_t>(n, 4096));
  return v;
}

// Counts nothing bounds (a parameter, a field, a value read from input):
// reserving them up front turns a malformed length field into a huge
// allocation, so the message shows the capped form instead of a fix-it.
std::vector<int> by_parameter(std::size_t n) {
  std::vector<int> squares;
  for (std::size_t i = 0; i != n; i++)
    squares.push_back(static_cast<int>(i * i));
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'squares' grows by one element per iteration of a loop whose trip count is known before it starts, without reserve(): it reallocates and moves its elements about log2(n) times; no fix-it: the count 'n' is a parameter, not the size of anything this code holds, and reserving it up front allocates whatever it says before one element is read; if it can come from input, cap it: 'squares.reserve(std::min<std::size_t>(n, limit));' [hotpath-missing-reserve]
  return squares;
}

std::uint32_t read_u32(const unsigned char *&p);
std::vector<std::uint32_t> parse_lengths(const unsigned char *p) {
  const std::uint32_t count = read_u32(p);
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < count; ++i)
    out.push_back(read_u32(p));
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by one element {{.*}} no fix-it: the count 'count' is the result of a call, not the size
  return out;
}

struct Header { unsigned records; };
std::vector<int> from_field(const Header &h) {
  std::vector<int> v;
  for (unsigned i = 0; i < h.records; ++i)
    v.push_back(0);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'v' grows by one element {{.*}} no fix-it: the count 'h.records' is a field, not the size
  return v;
}

std::vector<int> set_later(const std::vector<Item> &items, bool twice) {
  std::size_t n = items.size();
  if (twice)
    n = n * 2;
  std::vector<int> v;
  for (std::size_t i = 0; i < n; ++i)
    v.push_back(0);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'v' grows by one element {{.*}} no fix-it: the count 'n' is a local variable set from elsewhere, not the size
  return v;
}

std::vector<int> constant_count() {
  std::vector<int> v;
  for (int i = 0; i < 100; ++i)
    v.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'v' grows by one element
  // CHECK-FIXES: {{^}}  v.reserve(100);
  return v;
}

std::string hex_digits(const std::vector<unsigned char> &bytes) {
  std::string s;
  for (unsigned char b : bytes) {
    s += "0123456789abcdef"[b & 15];
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 's' grows by one element
    // CHECK-MESSAGES-ONLYVEC: :[[@LINE-2]]:7: warning: 's' grows by one element
  }
  // CHECK-FIXES: {{^}}  s.reserve(bytes.size());
  // CHECK-FIXES-ONLYVEC: {{^}}  s.reserve(bytes.size());
  return s;
}

std::unordered_map<int, std::string> index(const std::vector<Item> &items) {
  std::unordered_map<int, std::string> by_id;
  for (auto it = items.begin(); it != items.end(); ++it)
    by_id.emplace(it->id, it->name);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'by_id' grows by one element
  // CHECK-FIXES: {{^}}  by_id.reserve(items.size());
  return by_id;
}

std::unordered_set<int> seen(const std::map<int, int> &m) {
  std::unordered_set<int> keys{};
  for (const auto &[k, v] : m)
    keys.insert(k + v);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'keys' grows by one element
  // CHECK-FIXES: {{^}}  keys.reserve(m.size());
  return keys;
}

std::vector<int> array_range() {
  int raw[] = {4, 5, 6};
  std::vector<int> v;
  for (int x : raw)
    v.push_back(x * 2);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'v' grows by one element
  // CHECK-FIXES: {{^}}  v.reserve(3);
  return v;
}

std::vector<int> signed_bound(const std::vector<Item> &items) {
  const int n = static_cast<int>(items.size());
  std::vector<int> v;
  for (int i = 0; i < n; ++i)
    v.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'v' grows by one element {{.*}}; call 'if (n > 0) v.reserve(static_cast<std::size_t>(n));' before the loop
  // CHECK-FIXES: {{^}}  if (n > 0) v.reserve(static_cast<std::size_t>(n));
  return v;
}

// A cast bound: the cast is part of the count.
std::vector<int> cast_bound(const std::vector<Item> &items) {
  const int n = static_cast<int>(items.size());
  std::vector<int> v;
  for (unsigned i = 0; i < static_cast<unsigned>(n); ++i)
    v.push_back(static_cast<int>(i));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'v' grows by one element {{.*}} call 'v.reserve(static_cast<unsigned>(n));' before the loop
  // CHECK-FIXES: {{^}}  v.reserve(static_cast<unsigned>(n));
  return v;
}

// emplace_back(i) binds the loop variable by forwarding reference; it is
// only copied into the element.
std::vector<int> emplaced(const std::vector<Item> &items) {
  std::vector<int> v;
  for (std::size_t i = 0; i < items.size(); ++i)
    v.emplace_back(static_cast<int>(i));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'v' grows by one element
  // CHECK-FIXES: {{^}}  v.reserve(items.size());
  std::vector<std::size_t> w;
  for (std::size_t i = 0; i < items.size(); ++i)
    w.emplace_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'w' grows by one element
  // CHECK-FIXES: {{^}}  w.reserve(items.size());
  return v;
}

std::vector<int> computed_range() {
  std::vector<int> v;
  for (const Item &it : load())
    v.push_back(it.id);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'v' grows by one element {{.*}}(no fix-it: the range is computed by an expression that would be evaluated twice)
  return v;
}

#define FOR_EACH(x, c) for (const auto &x : c)
std::vector<int> loop_in_macro(const std::vector<Item> &items) {
  std::vector<int> v;
  FOR_EACH(it, items)
    v.push_back(it.id);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'v' grows by one element {{.*}}(no fix-it: the range is spelled in a macro)
  return v;
}

template <class T> std::vector<T> copy_all(const std::vector<T> &in) {
  std::vector<int> lens;
  for (std::size_t i = 0; i < in.size(); ++i)
    lens.push_back(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'lens' grows by one element
  // CHECK-FIXES: {{^}}  lens.reserve(in.size());
  return in;
}
std::vector<int> use_copy_all() { return copy_all(std::vector<int>{1}); }

// A container that is a member of a local object, default-constructed by a
// constructor nobody wrote: empty when the loop starts (issue 12's recall
// class). The fix names the member.
struct Batch {
  std::vector<int> ids;
  int tag = 0;
};
int send(const Batch &);
int batch_ids(const std::vector<Item> &items) {
  Batch b;
  for (const Item &it : items)
    b.ids.push_back(it.id);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'b.ids' grows by one element per iteration {{.*}} call 'b.ids.reserve(items.size());' before the loop
  // CHECK-FIXES: {{^}}  b.ids.reserve(items.size());
  // CHECK-FIXES-NEXT: {{^}}  for (const Item &it : items)
  return send(b);
}

// ------------------------------------------- negatives (look-alikes)

// Members of local objects that may not be empty, or that something else in
// the loop may touch: silent.
struct Filled {
  Filled();
  std::vector<int> ids; // the user's constructor may fill it
};
struct Seeded {
  std::vector<int> ids = {1, 2, 3};
};
struct Tracked {
  std::vector<int> ids;
  void note(int);
};
int member_lookalikes(const std::vector<Item> &items) {
  Filled f;
  for (const Item &it : items)
    f.ids.push_back(it.id);
  Seeded s;
  for (const Item &it : items)
    s.ids.push_back(it.id);
  Batch used;
  used.ids.push_back(0); // filled before the loop
  for (const Item &it : items)
    used.ids.push_back(it.id);
  Tracked t;
  for (const Item &it : items) {
    t.ids.push_back(it.id);
    t.note(it.id); // the object is used again in the loop
  }
  return static_cast<int>(f.ids.size() + s.ids.size() + used.ids.size() +
                          t.ids.size());
}

std::vector<int> conditional(const std::vector<Item> &items) {
  std::vector<int> v;
  for (const Item &it : items)
    if (keep(it))
      v.push_back(it.id);
  return v;
}

std::vector<int> early_continue(const std::vector<Item> &items) {
  std::vector<int> v;
  for (const Item &it : items) {
    if (!keep(it))
      continue;
    v.push_back(it.id);
  }
  return v;
}

void not_known_empty(std::vector<int> &out, const std::vector<Item> &items) {
  for (const Item &it : items)
    out.push_back(it.id);
}

std::vector<int> already_reserved(const std::vector<Item> &items) {
  std::vector<int> v;
  v.reserve(items.size());
  for (const Item &it : items)
    v.push_back(it.id);
  return v;
}

std::vector<int> filled_before(const std::vector<Item> &items) {
  std::vector<int> v;
  fill(v);
  for (const Item &it : items)
    v.push_back(it.id);
  return v;
}

std::vector<int> not_empty(const std::vector<Item> &items) {
  std::vector<int> v(4);
  for (const Item &it : items)
    v.push_back(it.id);
  return v;
}

std::vector<int> unknown_count(std::string_view text) {
  std::vector<int> v;
  std::size_t pos = 0;
  while (pos < text.size()) {
    v.push_back(static_cast<int>(pos));
    pos = text.find(',', pos) + 1;
  }
  return v;
}

std::vector<int> nested(const std::vector<std::vector<int>> &rows) {
  std::vector<int> flat;
  for (const auto &row : rows)
    for (int x : row)
      flat.push_back(x);
  return flat;
}

std::vector<int> two_per_iteration(const std::vector<Item> &items) {
  std::vector<int> v;
  for (const Item &it : items) {
    v.push_back(it.id);
    v.push_back(-it.id);
  }
  return v;
}

std::vector<int> shrinks_too(const std::vector<Item> &items) {
  std::vector<int> v;
  for (const Item &it : items) {
    v.push_back(it.id);
    if (v.size() > 8)
      v.erase(v.begin());
  }
  return v;
}

std::map<int, int> no_reserve_for_map(const std::vector<Item> &items) {
  std::map<int, int> m;
  for (const Item &it : items)
    m.emplace(it.id, 1);
  return m;
}

// A string's small buffer holds 15 chars: a longer constant count grows it.
std::string ruler() {
  std::string s;
  for (int i = 0; i < 64; ++i)
    s += i % 8 ? '-' : '|';
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 's' grows by one element
  // CHECK-MESSAGES-ONLYVEC: :[[@LINE-2]]:7: warning: 's' grows by one element
  // CHECK-FIXES: {{^}}  s.reserve(64);
  // CHECK-FIXES-ONLYVEC: {{^}}  s.reserve(64);
  return s;
}

std::string upper(const std::string &in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i)
    out += static_cast<char>(in[i] & ~0x20);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by one element
  // CHECK-MESSAGES-ONLYVEC: :[[@LINE-2]]:9: warning: 'out' grows by one element
  // CHECK-FIXES: {{^}}  out.reserve(in.size());
  // CHECK-FIXES-ONLYVEC: {{^}}  out.reserve(in.size());
  return out;
}

// Strings that stay in their small buffer allocate nothing: no warning for a
// constant count that fits, nor for a count from an integer variable, which
// says nothing about its size (yaml-cpp's escape reader appends 2, 4 or 8
// digits under `i < codeLength`).
std::string four_digits(const char *p) {
  std::string s;
  for (int i = 0; i < 4; ++i)
    s += p[i];
  return s;
}
std::string escape_digits(const char *p, int code_length) {
  std::string str;
  for (int i = 0; i < code_length; i++)
    str += p[i];
  return str;
}
std::string padding(unsigned n) {
  std::string s;
  for (unsigned i = 0; i < n; ++i)
    s += ' ';
  return s;
}
// A vector has no small buffer: the same loop over a variable is reported.
std::vector<char> padding_vector(unsigned n) {
  std::vector<char> v;
  for (unsigned i = 0; i < n; ++i)
    v.push_back(' ');
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'v' grows by one element {{.*}} no fix-it: the count 'n' is a parameter
  return v;
}

std::string appends_strings(const std::vector<Item> &items) {
  std::string s;
  for (const Item &it : items)
    s += it.name;
  return s;
}

std::vector<int> declared_in_loop(const std::vector<Item> &items) {
  std::vector<int> last;
  for (const Item &it : items) {
    std::vector<int> v;
    v.push_back(it.id);
    last = v;
  }
  return last;
}

std::vector<int> bound_changes(std::vector<int> &src) {
  std::vector<int> v;
  for (std::size_t i = 0; i < src.size(); ++i) {
    v.push_back(src[i]);
    src.pop_back();
  }
  return v;
}

std::vector<int> in_lambda(const std::vector<Item> &items) {
  std::vector<int> v;
  auto add = [&](int x) { v.push_back(x); };
  for (const Item &it : items)
    add(it.id);
  return v;
}

// Dependent containers in a function template's pattern: the member calls
// are unresolved until instantiation; reported once, at the pattern.
template <class T> std::vector<T> copy_counted(const std::vector<T> &in) {
  std::vector<T> out;
  for (std::size_t i = 0; i < in.size(); ++i)
    out.push_back(in[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by one element {{.*}} call 'out.reserve(in.size());' before the loop
  // CHECK-FIXES: {{^}}  out.reserve(in.size());
  return out;
}
template <class T> std::vector<T> copy_ranged(const std::vector<T> &in) {
  std::vector<T> out;
  for (const T &x : in)
    out.emplace_back(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by one element {{.*}} call 'out.reserve(in.size());' before the loop
  // CHECK-FIXES: {{^}}  out.reserve(in.size());
  return out;
}
template <class T> std::vector<T> copy_some(const std::vector<T> &in) {
  std::vector<T> out;
  for (const T &x : in)
    if (x != T())
      out.push_back(x);
  return out;
}
void use_templates(const std::vector<int> &a, const std::vector<double> &b) {
  copy_counted(a);
  copy_counted(b);
  copy_ranged(a);
  copy_ranged(b);
  copy_some(a);
}

// Iterator loops over a member container.
class Registry {
public:
  std::vector<int> ids() const {
    std::vector<int> out;
    for (auto it = items_.begin(); it != items_.end(); ++it)
      out.push_back(it->id);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'out' grows by one element {{.*}} call 'out.reserve(items_.size());' before the loop
    // CHECK-FIXES: {{^}}    out.reserve(items_.size());
    return out;
  }
  // begin() of one member, end() of another: no count.
  std::vector<int> mixed() const {
    std::vector<int> out;
    for (auto it = items_.begin(); it != spare_.end(); ++it)
      out.push_back(it->id);
    return out;
  }

private:
  std::vector<Item> items_;
  std::vector<Item> spare_;
};

// A bound from a const member function of an object the loop leaves alone.
struct Mesh { int count() const; int at(int) const; void grow(); };
std::vector<int> copy_counted(const Mesh &src) {
  std::vector<int> dst;
  for (int k = 0; k < src.count(); ++k)
    dst.push_back(src.at(k));
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'dst' grows by one element {{.*}} no fix-it: the count 'src.count()' is the result of a call, not the size
  return dst;
}
// The loop changes the object that gives the bound: not known before.
std::vector<int> copy_growing(Mesh &src) {
  std::vector<int> dst;
  for (int k = 0; k < src.count(); ++k) {
    dst.push_back(src.at(k));
    src.grow();
  }
  return dst;
}

// Appended through insert at end(): one element per iteration, as push_back.
std::vector<int> appended(const std::vector<int> &in) {
  std::vector<int> out;
  for (int x : in)
    out.insert(out.end(), x * 2);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by one element per iteration
  return out;
}
// Inserted at the front, or a range at the end: not one element at the end.
std::vector<int> prepended(const std::vector<int> &in, const std::vector<int> &more) {
  std::vector<int> out, all;
  for (int x : in)
    out.insert(out.begin(), x);
  for (int x : in) {
    (void)x;
    all.insert(all.end(), more.begin(), more.end());
  }
  return out.empty() ? all : out;
}
