// RUN: %check_hotpath -std=c++17-or-later %s hotpath-container-in-loop %t
// RUN: %check_hotpath -std=c++17 -check-suffixes=NOFILL %s hotpath-container-in-loop %t -- \
// RUN:   -config="{CheckOptions: {hotpath-container-in-loop.FillFunctions: '', hotpath-container-in-loop.ContainerTypes: '::std::vector'}}"

#include <istream>
#include <list>
#include <map>
#include <set>
#include <ostream>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

struct Row { int id; std::string name; };
void emit(const std::string &);
void emit_all(const std::vector<int> &);
void sink(std::vector<int> &);
void keep(std::vector<int>);

// ---------------------------------------------------------------- positives

void print_rows(std::ostream &out, const std::vector<Row> &rows) {
  for (const Row &r : rows) {
    std::string line;
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'line' is created empty on every iteration of the loop, filled, and destroyed at its end: its buffer is allocated again (and grown again) each time; declare it before the loop and clear() it at the start of each iteration to keep its capacity [hotpath-container-in-loop]
    line += r.name;
    line += '\t';
    line += std::to_string(r.id);
    out << line << '\n';
  }
}

void batches(const std::vector<Row> &rows) {
  for (std::size_t i = 0; i < rows.size(); i += 8) {
    std::vector<int> ids;
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'ids' is created empty
    // CHECK-MESSAGES-NOFILL: :[[@LINE-2]]:22: warning: 'ids' is created empty
    for (std::size_t j = i; j < i + 8 && j < rows.size(); ++j)
      ids.push_back(rows[j].id);
    emit_all(ids);
  }
}

int read_all(std::istream &in) {
  int n = 0;
  while (in) {
    std::string word;
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'word' is created empty
    std::getline(in, word);
    n += static_cast<int>(word.size());
  }
  return n;
}

int counts(const std::vector<Row> &rows) {
  int best = 0;
  for (const Row &r : rows) {
    std::unordered_map<char, int> freq{};
    // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'freq' is created empty
    for (char c : r.name)
      freq.emplace(c, 1);
    best = static_cast<int>(freq.size()) > best ? static_cast<int>(freq.size()) : best;
  }
  return best;
}

void do_loop(int n) {
  int i = 0;
  do {
    std::vector<int> v = {};
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'v' is created empty
    // CHECK-MESSAGES-NOFILL: :[[@LINE-2]]:22: warning: 'v' is created empty
    v.resize(static_cast<std::size_t>(n));
    emit_all(v);
  } while (++i < n);
}

void nested_blocks(const std::vector<Row> &rows) {
  for (const Row &r : rows) {
    if (r.id > 0) {
      std::string s;
      // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 's' is created empty
      s.append(r.name).append("!");
      emit(s);
    }
  }
}

void assigned(const std::vector<Row> &rows) {
  for (const Row &r : rows) {
    std::string s;
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 's' is created empty
    s.assign(r.name);
    emit(s);
  }
}

void map_fill(const std::vector<Row> &rows) {
  for (int pass = 0; pass < 3; ++pass) {
    std::unordered_map<int, std::string> m;
    // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: 'm' is created empty
    for (const Row &r : rows)
      m.insert({r.id, r.name});
    emit(m.begin()->second);
  }
}

// Node-based containers free every node in clear(): a hoisted std::map or
// std::set allocates as much per iteration as a fresh one. Silent.
void node_based(const std::vector<Row> &rows) {
  for (int pass = 0; pass < 3; ++pass) {
    std::map<int, std::string> m;
    std::set<int> seen;
    std::list<int> order;
    for (const Row &r : rows) {
      m.insert({r.id, r.name});
      seen.insert(r.id);
      order.push_back(r.id);
    }
    emit(m.begin()->second);
    emit(std::to_string(seen.size() + order.size()));
  }
}

template <class T> void generic(const std::vector<T> &items) {
  for (const T &x : items) {
    std::string s;
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 's' is created empty
    s += static_cast<char>(x);
    emit(s);
  }
}
void use_generic() { generic(std::vector<int>{65}); generic(std::vector<char>{'a'}); }

void in_lambda_called_in_loop(const std::vector<Row> &rows) {
  for (const Row &r : rows) {
    std::vector<int> v;
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'v' is created empty
    // CHECK-MESSAGES-NOFILL: :[[@LINE-2]]:22: warning: 'v' is created empty
    auto add = [&v](int x) { v.push_back(x); };
    add(r.id);
    emit_all(v);
  }
}

#define DECLARE_BUFFER(name) std::string name
void macro_declared(const std::vector<Row> &rows) {
  for (const Row &r : rows) {
    DECLARE_BUFFER(buf);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'buf' is created empty
    buf += r.name;
    emit(buf);
  }
}

// ------------------------------------------- negatives (look-alikes)

std::vector<std::string> moved_out(const std::vector<Row> &rows) {
  std::vector<std::string> out;
  for (const Row &r : rows) {
    std::string s;
    s += r.name;
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::string> copied_out(const std::vector<Row> &rows) {
  std::vector<std::string> out;
  for (const Row &r : rows) {
    std::string s;
    s += r.name;
    out.push_back(s);
  }
  return out;
}

std::string assigned_out(const std::vector<Row> &rows) {
  std::string last;
  for (const Row &r : rows) {
    std::string s;
    s += r.name;
    last = s;
  }
  return last;
}

std::string returned(const std::vector<Row> &rows) {
  for (const Row &r : rows) {
    std::string s;
    s += r.name;
    if (r.id == 0)
      return s;
  }
  return {};
}

// Handed to a function by non-const reference: filled there or here, the
// buffer still dies with the iteration (issue 12: `fill(tmp); use(tmp);`).
void passed_by_reference(const std::vector<Row> &rows) {
  for (const Row &r : rows) {
    std::vector<int> v;
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'v' is created empty on every iteration of the loop, filled, and destroyed at its end
    // CHECK-MESSAGES-NOFILL: :[[@LINE-2]]:22: warning: 'v' is created empty
    v.push_back(r.id);
    sink(v);
  }
}
void fill_ids(std::vector<int> &out);
void use_ids(const std::vector<int> &ids);
void filled_by_call(const std::vector<Row> &rows) {
  for (const Row &r : rows) {
    std::vector<int> tmp;
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'tmp' is created empty on every iteration
    // CHECK-MESSAGES-NOFILL: :[[@LINE-2]]:22: warning: 'tmp' is created empty
    fill_ids(tmp);
    use_ids(tmp);
    (void)r;
  }
}

// Its address taken: it may be kept somewhere; not reported.
void remember(std::vector<int> *p);
void address_taken(const std::vector<Row> &rows) {
  for (const Row &r : rows) {
    std::vector<int> v;
    v.push_back(r.id);
    remember(&v);
  }
}

void passed_by_value(const std::vector<Row> &rows) {
  for (const Row &r : rows) {
    std::vector<int> v;
    v.push_back(r.id);
    keep(v);
  }
}

void not_filled(const std::vector<Row> &rows) {
  for (const Row &r : rows) {
    std::string s;
    emit(s + r.name);
  }
}

void initialised_with_content(const std::vector<Row> &rows) {
  for (const Row &r : rows) {
    std::string s = r.name;
    s += '!';
    emit(s);
  }
}

void outside_loop(const std::vector<Row> &rows) {
  std::string s;
  for (const Row &r : rows) {
    s.clear();
    s += r.name;
    emit(s);
  }
}

void hoisted_static(const std::vector<Row> &rows) {
  for (const Row &r : rows) {
    static std::string s;
    s += r.name;
  }
}

void once(const Row &r) {
  do {
    std::string s;
    s += r.name;
    emit(s);
  } while (false);
}

void lambda_body_is_not_the_loop(const std::vector<Row> &rows) {
  auto f = [](const Row &r) {
    std::string s;
    s += r.name;
    emit(s);
  };
  for (const Row &r : rows)
    f(r);
}

void address_escapes(const std::vector<Row> &rows, std::vector<std::string *> &ptrs) {
  for (const Row &r : rows) {
    std::string s;
    s += r.name;
    ptrs.push_back(&s);
  }
}

void swapped_out(const std::vector<Row> &rows, std::vector<int> &dst) {
  for (const Row &r : rows) {
    std::vector<int> v;
    v.push_back(r.id);
    v.swap(dst);
  }
}

// Refilled by assignment from a call: the new value brings its own buffer,
// and a hoisted one would be freed there; nothing saved.
std::vector<int> parse_ids(const Row &);
void assigned_from_call(const std::vector<Row> &rows) {
  for (const Row &r : rows) {
    std::vector<int> ids;
    ids = parse_ids(r);
    ids.push_back(0);
    use_ids(ids);
  }
}
// Built only in the iteration that leaves the loop: once per call.
bool validate(const std::vector<Row> &rows) {
  for (const Row &r : rows) {
    if (r.id < 0) {
      std::string msg;
      msg += "bad row ";
      msg += r.name;
      emit(msg);
      return false;
    }
  }
  return true;
}
// A break under a switch stays in the loop: still once per iteration.
void per_kind(const std::vector<Row> &rows) {
  for (const Row &r : rows) {
    switch (r.id) {
    case 1: {
      std::string s;
      // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 's' is created empty on every iteration
      s += r.name;
      emit(s);
      break;
    }
    default:
      break;
    }
  }
}
// Short literal contents stay in the string's own small buffer: no heap
// buffer to keep.
void separators(const std::vector<Row> &rows) {
  for (const Row &r : rows) {
    std::string sep;
    sep += ',';
    sep += " ";
    sep.append("|");
    emit(sep + r.name);
  }
}
// Longer literal contents do allocate.
void banners(const std::vector<Row> &rows) {
  for (const Row &r : rows) {
    std::string banner;
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'banner' is created empty on every iteration
    banner += "==================== ";
    banner.append("row");
    emit(banner + r.name);
  }
}
