// RUN: %check_hotpath -std=c++17-or-later %s hotpath-regex-per-call %t
// RUN: %check_hotpath -std=c++17 -check-suffixes=,OTHER %s hotpath-regex-per-call %t -- \
// RUN:   -config="{CheckOptions: {hotpath-regex-per-call.RegexTypes: '::std::basic_regex;::boost::basic_regex;::RE2'}}"

#include <regex>
#include <string>
#include <utility>
#include <vector>

// Look-alikes of other regex libraries, for the RegexTypes option.
namespace boost {
template <class C> class basic_regex {
public:
  enum flag_type { normal = 0, icase = 1 };
  basic_regex();
  explicit basic_regex(const C *p, flag_type f = normal);
  basic_regex(const basic_regex &);
  ~basic_regex();
};
using regex = basic_regex<char>;
template <class C> bool regex_match(const C *s, const basic_regex<C> &e);
} // namespace boost

class RE2 {
public:
  enum CannedOptions { DefaultOptions = 0, Latin1, POSIX, Quiet };
  class Options {
  public:
    Options();
    Options(CannedOptions);
  };
  RE2(const char *pattern);
  RE2(const char *pattern, const Options &options);
  ~RE2();
  static bool FullMatch(const char *text, const RE2 &re);
};

void keep(std::regex);
void take(std::regex &);
void inspect(const std::regex &);
std::string load_pattern();
extern char runtime_buffer[64];
constexpr const char *kDigits = "[0-9]+";
static constexpr char kWord[] = "[A-Za-z_]+";
const std::string kLogLine = R"(^(\S+) (\S+) (GET|POST|PUT|DELETE) (\S+)$)";
const char *const kPrefix = "^id-";

// ---------------------------------------------------------------- positives

bool is_number(const std::string &s) {
  std::regex re("[0-9]+");
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 're' compiles the constant pattern "[0-9]+" on every call (std::regex construction allocates and builds an automaton: microseconds per call); make it 'static const' to compile it once [hotpath-regex-per-call]
  // CHECK-FIXES: {{^}}  static const std::regex re("[0-9]+");
  return std::regex_match(s, re);
}

bool is_method(const std::string &s) {
  std::regex methods("get|post|put", std::regex::icase | std::regex::optimize);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'methods' compiles the constant pattern "get|post|put" on every call
  // CHECK-FIXES: {{^}}  static const std::regex methods("get|post|put", std::regex::icase | std::regex::optimize);
  return std::regex_match(s, methods);
}

bool is_wide_word(const std::wstring &s) {
  std::wregex word(L"\\w+");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'word' compiles the constant pattern L"\\w+" on every call (std::wregex construction allocates
  // CHECK-FIXES: {{^}}  static const std::wregex word(L"\\w+");
  return std::regex_match(s, word);
}

// A temporary argument: no fix-it, the message says where to keep it.
bool is_hex(const std::string &s) {
  return std::regex_match(s, std::regex(R"(0x[0-9a-f]+)"));
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: a temporary std::regex compiles the constant pattern R"(0x[0-9a-f]+)" on every call (std::regex construction allocates and builds an automaton: microseconds per call); declare it once as a function-local 'static const std::regex' and pass that [hotpath-regex-per-call]
}

// In a loop: once per iteration.
int count_numbers(const std::vector<std::string> &items) {
  int n = 0;
  for (const std::string &item : items) {
    std::regex number("-?[0-9]+");
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'number' compiles the constant pattern "-?[0-9]+" on every iteration of the loop (std::regex construction allocates and builds an automaton: microseconds per iteration); make it 'static const' to compile it once
    // CHECK-FIXES: {{^}}    static const std::regex number("-?[0-9]+");
    n += std::regex_match(item, number);
  }
  return n;
}

std::string squeeze_all(std::vector<std::string> lines) {
  std::string out;
  std::size_t i = 0;
  while (i < lines.size()) {
    out += std::regex_replace(lines[i], std::regex("\\s+"), " ");
    // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: a temporary std::regex compiles the constant pattern "\\s+" on every iteration of the loop
    ++i;
  }
  return out;
}

// Already const: only `static` is added.
bool is_identifier(const std::string &s) {
  const std::regex ident("[A-Za-z_][A-Za-z0-9_]*");
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'ident' compiles the constant pattern
  // CHECK-FIXES: {{^}}  static const std::regex ident("[A-Za-z_][A-Za-z0-9_]*");
  return std::regex_match(s, ident);
}

// Patterns from constants: constexpr pointers and arrays, a const
// std::string global, a concatenation of constants, a length.
bool named_patterns(const std::string &s) {
  std::regex digits(kDigits);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'digits' compiles the constant pattern 'kDigits' on every call
  // CHECK-FIXES: {{^}}  static const std::regex digits(kDigits);
  std::regex word(kWord, std::regex::ECMAScript);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'word' compiles the constant pattern 'kWord' on every call
  // CHECK-FIXES: {{^}}  static const std::regex word(kWord, std::regex::ECMAScript);
  std::regex line(kLogLine);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'line' compiles the constant pattern 'kLogLine' on every call
  // CHECK-FIXES: {{^}}  static const std::regex line(kLogLine);
  std::regex id(std::string(kPrefix) + "[0-9]+$");
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'id' compiles the constant pattern 'std::string(kPrefix) + "[0-9]+$"' on every call
  // CHECK-FIXES: {{^}}  static const std::regex id(std::string(kPrefix) + "[0-9]+$");
  std::regex head("abcdef", 3);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'head' compiles the constant pattern "abcdef" on every call
  // CHECK-FIXES: {{^}}  static const std::regex head("abcdef", 3);
  return std::regex_search(s, digits) || std::regex_search(s, word) ||
         std::regex_search(s, line) || std::regex_search(s, id) ||
         std::regex_search(s, head);
}

// A long pattern is cut in the message.
bool is_request_line(const std::string &s) {
  auto request = std::regex(R"(^(\d+) (\d+\.\d+\.\d+\.\d+) (GET|POST|PUT|DELETE|HEAD) (/\S*) ([1-5]\d\d) (\d+)$)");
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'request' compiles the constant pattern R"(^(\d+) (\d+\.\d+\.\d+\.\d+) (GET|POST|PUT|... on every call
  // CHECK-FIXES: {{^}}  static const auto request = std::regex(R"(^(\d+) (\d+\.\d+\.\d+\.\d+) (GET|POST|PUT|DELETE|HEAD) (/\S*) ([1-5]\d\d) (\d+)$)");
  return std::regex_match(s, request);
}

// Matching, iterating and reading flags are reads.
int count_words(const std::string &text) {
  std::regex word{"\\w+"};
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'word' compiles the constant pattern "\\w+" on every call
  // CHECK-FIXES: {{^}}  static const std::regex word{"\\w+"};
  int n = static_cast<int>(word.mark_count());
  for (std::sregex_iterator it(text.begin(), text.end(), word), end; it != end;
       ++it)
    ++n;
  inspect(word);
  std::regex copy = word;
  return n + static_cast<int>(copy.flags() == std::regex::ECMAScript);
}

// A const reference to a temporary: the temporary lives as long as the
// reference, so `static` keeps it for good.
bool is_blank(const std::string &s) {
  const std::regex &blank = std::regex("^\\s*$");
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'blank' compiles the constant pattern "^\\s*$" on every call
  // CHECK-FIXES: {{^}}  static const std::regex &blank = std::regex("^\\s*$");
  return std::regex_match(s, blank);
}

// In a lambda: on every call of the lambda.
int in_lambda(const std::vector<std::string> &items) {
  auto is_word = [](const std::string &s) {
    std::regex re("\\w+");
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 're' compiles the constant pattern "\\w+" on every call
    // CHECK-FIXES: {{^}}    static const std::regex re("\\w+");
    return std::regex_match(s, re);
  };
  int n = 0;
  for (const std::string &s : items)
    n += is_word(s);
  return n;
}

// A member function; a regex captured by reference into a lambda.
struct Router {
  bool matches(const std::string &path) const {
    std::regex api("^/api/v[0-9]+/");
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'api' compiles the constant pattern "^/api/v[0-9]+/" on every call
    // CHECK-FIXES: {{^}}    static const std::regex api("^/api/v[0-9]+/");
    auto test = [&] { return std::regex_search(path, api); };
    return test();
  }
};

// Out-of-line members, and a lambda kept in a global: called many times.
struct Scanner {
  Scanner();
  bool has_token(const std::string &s) const;
};
Scanner::Scanner() {
  std::regex warmup("[a-z]+");
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'warmup' compiles the constant pattern "[a-z]+" on every call
  // CHECK-FIXES: {{^}}  static const std::regex warmup("[a-z]+");
  (void)std::regex_search("abc", warmup);
}
bool Scanner::has_token(const std::string &s) const {
  return std::regex_search(s, std::regex("[A-Z]{2,}"));
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: a temporary std::regex compiles the constant pattern "[A-Z]{2,}" on every call
}
auto is_upper = [](const std::string &s) {
  std::regex upper("[A-Z]+");
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'upper' compiles the constant pattern "[A-Z]+" on every call
  // CHECK-FIXES: {{^}}  static const std::regex upper("[A-Z]+");
  return std::regex_match(s, upper);
};

// A template: one finding at the pattern, however many instantiations.
template <class T> bool all_digits(const T &s) {
  std::regex re("[0-9]*");
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 're' compiles the constant pattern "[0-9]*" on every call
  // CHECK-FIXES: {{^}}  static const std::regex re("[0-9]*");
  return std::regex_match(std::string(s), re);
}
bool use_all_digits() {
  return all_digits(std::string("1")) && all_digits("2");
}

// An `if` initialiser: reported, but `static` does not belong there.
bool in_if_init(const std::string &s) {
  if (std::regex re("^#"); std::regex_search(s, re))
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 're' compiles the constant pattern "^#" on every call
    return true;
  return false;
}

// Declared by a macro from its own constants: reported at the expansion,
// without a fix-it.
#define DECLARE_EMAIL_RE std::regex email_re("[^@]+@[^@]+")
bool is_email(const std::string &s) {
  DECLARE_EMAIL_RE;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'email_re' compiles the constant pattern "[^@]+@[^@]+" on every call{{.*}}to compile it once [hotpath-regex-per-call]
  return std::regex_match(s, email_re);
}

// Other regex classes, with RegexTypes (the suffixed run only).
bool boost_match(const char *s) {
  boost::regex re("[a-z]+", boost::regex::icase);
  // CHECK-MESSAGES-OTHER: :[[@LINE-1]]:16: warning: 're' compiles the constant pattern "[a-z]+" on every call (boost::regex construction allocates and builds an automaton: microseconds per call); make it 'static const' to compile it once
  // CHECK-FIXES-OTHER: {{^}}  static const boost::regex re("[a-z]+", boost::regex::icase);
  return boost::regex_match(s, re);
}
bool re2_match(const char *s) {
  return RE2::FullMatch(s, RE2("h.*o", RE2::Quiet));
  // CHECK-MESSAGES-OTHER: :[[@LINE-1]]:28: warning: a temporary RE2 compiles the constant pattern "h.*o" on every call (RE2 construction allocates
}

// ------------------------------------------- negatives (look-alikes)

// The pattern is a parameter, a runtime string, a concatenation with a
// variable, a runtime choice, a writable buffer, a function's result.
bool from_parameter(const std::string &s, const std::string &pattern) {
  std::regex re(pattern);
  return std::regex_match(s, re);
}
bool from_runtime_string(const std::string &s, int n) {
  std::string pattern = "[0-9]{" + std::to_string(n) + "}";
  std::regex re(pattern);
  return std::regex_match(s, re);
}
bool concatenated_with_variable(const std::string &s,
                                const std::string &prefix) {
  std::regex re("^" + prefix + "-[0-9]+$");
  return std::regex_match(s, std::regex(prefix + ".*")) ||
         std::regex_match(s, re);
}
bool runtime_choice(const std::string &s, bool strict) {
  const char *const pattern = strict ? "^[0-9]+$" : "[0-9]+";
  std::regex re(pattern);
  return std::regex_search(s, re);
}
bool writable_buffer(const std::string &s) {
  std::regex re(runtime_buffer);
  return std::regex_search(s, re);
}
bool loaded(const std::string &s) {
  return std::regex_search(s, std::regex(load_pattern()));
}

// Flags from a variable.
bool flags_from_parameter(const std::string &s,
                          std::regex::flag_type flags) {
  std::regex re("[a-z]+", flags);
  return std::regex_match(s, re);
}
std::regex::flag_type configured_flags = std::regex::icase;
bool flags_from_global(const std::string &s) {
  std::regex re("[a-z]+", configured_flags);
  return std::regex_match(s, re);
}

// Members, statics, globals, thread_local: built once per object or thread.
struct Validator {
  std::regex by_default{"[0-9]+"};
  std::regex in_ctor;
  Validator() : in_ctor("[a-z]+") {}
  void reconfigure() { in_ctor = std::regex("[A-Z]+"); }
  bool ok(const std::string &s) const {
    return std::regex_match(s, by_default) || std::regex_match(s, in_ctor);
  }
};
std::regex global_re("[0-9]+");
bool already_static(const std::string &s) {
  static const std::regex re("[0-9]+");
  static std::regex mutable_re("[a-z]+");
  thread_local std::regex per_thread("[A-Z]+");
  return std::regex_match(s, re) || std::regex_match(s, mutable_re) ||
         std::regex_match(s, per_thread) || std::regex_match(s, global_re);
}

// Modified after construction.
bool reassigned(const std::string &s, bool upper) {
  std::regex re("[a-z]+");
  if (upper)
    re = std::regex("[A-Z]+");
  return std::regex_match(s, re);
}
bool assigned(const std::string &s) {
  std::regex re("[a-z]+");
  re.assign("[0-9]+");
  return std::regex_match(s, re);
}
bool handed_out(const std::string &s) {
  std::regex re("[a-z]+");
  take(re);
  return std::regex_match(s, re);
}

// Moved out or returned: whoever receives it keeps it.
std::regex returned() {
  std::regex re("[a-z]+");
  return re;
}
std::regex factory() { return std::regex("[0-9]+"); }
std::vector<std::regex> moved_out() {
  std::vector<std::regex> all;
  std::regex re("[a-z]+");
  all.push_back(std::move(re));
  all.push_back(std::regex("[0-9]+"));
  keep(std::regex("[A-Z]+"));
  return all;
}
auto captured_by_copy() {
  return [re = std::regex("[a-z]+")](const std::string &s) {
    return std::regex_match(s, re);
  };
}

// Not a compilation: default construction, a copy.
bool not_compiled(const std::string &s) {
  std::regex empty;
  std::regex copy(global_re);
  return std::regex_match(s, copy) || empty.mark_count() == 0;
}

// A pattern that depends on a template parameter: not analysed.
template <class C> bool dependent(const std::basic_string<C> &s) {
  std::basic_regex<C> re(s.c_str());
  return std::regex_match(s, re);
}
bool use_dependent() { return dependent(std::string("a")); }

// Suppressed.
bool suppressed(const std::string &s) {
  std::regex re("[0-9]+"); // NOLINT(hotpath-regex-per-call)
  return std::regex_match(s, re);
}

// Other regex classes are not reported without RegexTypes (see above), and
// run-once code is held back: main, catch handlers, cold functions.
[[gnu::cold]] bool cold_path(const std::string &s) {
  std::regex re("[0-9]+");
  return std::regex_match(s, re);
}
bool in_catch(const std::string &s) {
  try {
    return s.at(0) == 'x';
  } catch (const std::out_of_range &) {
    return std::regex_match(s, std::regex("^$"));
  }
}
int main() {
  std::regex config("[a-z]+=[0-9]+");
  return std::regex_match("a=1", config) ? 0 : 1;
}
