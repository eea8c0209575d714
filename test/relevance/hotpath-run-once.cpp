// Per-call and per-iteration costs in code that runs once are held back by
// default: GoogleTest bodies and fixtures, Boost.Test cases, main, cold
// functions, static initialisation, catch handlers and Google Benchmark setup
// outside the timing loop. HotpathReportRunOnceCode brings them back. The
// same code in an ordinary function is reported either way.
// The rest of a file that includes a test framework is test code too
// (hotpath-test-code.cpp); HotpathTestProgramFiles: false turns that off here,
// so that this file can test the rules for bodies and helpers one by one.
// RUN: %check_hotpath -std=c++17 %s hotpath-heap-alloc-in-loop,hotpath-constant-container-per-call,hotpath-container-in-loop,hotpath-missing-reserve,hotpath-unnecessary-heap,hotpath-thread-per-task,hotpath-regex-per-call %t -- \
// RUN:   -config="{CheckOptions: {HotpathTestProgramFiles: false}}" -- -isystem %S/Inputs/frameworks
// RUN: %check_hotpath -std=c++17 -check-suffixes=,ALL %s hotpath-heap-alloc-in-loop,hotpath-constant-container-per-call,hotpath-container-in-loop,hotpath-missing-reserve,hotpath-unnecessary-heap,hotpath-thread-per-task,hotpath-regex-per-call %t -- \
// RUN:   -config="{CheckOptions: {HotpathReportRunOnceCode: true}}" -- -isystem %S/Inputs/frameworks

#include <benchmark/benchmark.h>
#include <boost_test_mimic.h>
#include <gtest/gtest.h>
#include <memory>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

struct Record { int id; char name[32]; };
void use(const Record &);
void use_all(const std::vector<int> &);

// Hot code: reported.
void per_item(const std::vector<int> &ids) {
  for (int id : ids) {
    auto r = std::make_unique<Record>();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'std::make_unique' allocates on every iteration of the loop and 'r' dies in the same iteration
    r->id = id;
    use(*r);
  }
}

// GoogleTest: TEST, TEST_F (fixture methods too).
TEST(Parser, ManyRecords) {
  std::vector<int> known = {1, 2, 3, 4};
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:20: warning: 'known' is a constant 'std::vector<int>' rebuilt on every call
  // CHECK-FIXES-ALL: static const std::vector<int> known = {1, 2, 3, 4};
  use_all(known);
  for (int i = 0; i < 100; ++i) {
    auto r = std::make_unique<Record>();
    // CHECK-MESSAGES-ALL: :[[@LINE-1]]:14: warning: 'std::make_unique' allocates on every iteration
    use(*r);
  }
}

class Pool : public ::testing::Test {
protected:
  void fill(const std::vector<int> &ids) {
    std::vector<int> out;
    for (int id : ids)
      out.push_back(id);
    // CHECK-MESSAGES-ALL: :[[@LINE-1]]:11: warning: 'out' grows by one element
    // CHECK-FIXES-ALL: out.reserve(ids.size());
    use_all(out);
  }
};
TEST_F(Pool, Threads) {
  std::vector<int> ids(8);
  std::vector<std::thread> ts;
  for (int id : ids)
    ts.emplace_back([id] { (void)id; });
  // Two findings at one location: their order differs between LLVM 19 and 22.
  // CHECK-MESSAGES-ALL-DAG: :[[@LINE-2]]:8: warning: 'ts' grows by one element
  // CHECK-MESSAGES-ALL-DAG: :[[@LINE-3]]:8: warning: 'emplace_back' of a thread starts a new thread on every iteration
  // CHECK-FIXES-ALL: ts.reserve(ids.size());
  for (auto &t : ts)
    t.join();
}

// Boost.Test.
BOOST_AUTO_TEST_CASE(parses_header) {
  auto r = std::make_unique<Record>();
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:8: warning: 'r' owns a heap-allocated 'Record'
  use(*r);
}

// Google Benchmark: setup is run once, the timing loop is the hot code.
static void BM_parse(benchmark::State &state) {
  std::vector<int> input;
  for (int i = 0; i < 1000; ++i) {
    std::vector<int> scratch;
    // CHECK-MESSAGES-ALL: :[[@LINE-1]]:22: warning: 'scratch' is created empty on every iteration
    scratch.push_back(i);
    use_all(scratch);
  }
  for (auto _ : state) {
    for (int i = 0; i < 10; ++i) {
      auto r = std::make_unique<Record>();
      // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'std::make_unique' allocates on every iteration
      use(*r);
    }
  }
}
BENCHMARK(BM_parse);

// Cold functions and catch handlers.
[[gnu::cold]] void report_failure(const std::vector<int> &ids) {
  for (int id : ids) {
    auto r = std::make_unique<Record>();
    // CHECK-MESSAGES-ALL: :[[@LINE-1]]:14: warning: 'std::make_unique' allocates on every iteration
    r->id = id;
    use(*r);
  }
}
void recover(const std::vector<int> &ids) {
  try {
    use_all(ids);
  } catch (const std::exception &) {
    for (int id : ids) {
      auto r = std::make_unique<Record>();
      // CHECK-MESSAGES-ALL: :[[@LINE-1]]:16: warning: 'std::make_unique' allocates on every iteration
      r->id = id;
      use(*r);
    }
  }
}

// Static initialisation: a lambda run to initialise a global.
static const int table_size = [] {
  std::vector<int> built;
  for (int i = 0; i < 64; ++i) {
    auto r = std::make_unique<Record>();
    // CHECK-MESSAGES-ALL: :[[@LINE-1]]:14: warning: 'std::make_unique' allocates on every iteration
    use(*r);
    built.push_back(i);
    // CHECK-MESSAGES-ALL: :[[@LINE-1]]:11: warning: 'built' grows by one element
    // CHECK-FIXES-ALL: built.reserve(64);
  }
  return static_cast<int>(built.size());
}();

// A lambda defined in hot code is hot; one defined in main runs once.
int main(int argc, char **argv) {
  std::vector<int> ids(static_cast<std::size_t>(argc));
  auto each = [&] {
    for (int id : ids) {
      auto r = std::make_unique<Record>();
      // CHECK-MESSAGES-ALL: :[[@LINE-1]]:16: warning: 'std::make_unique' allocates on every iteration
      r->id = id;
      use(*r);
    }
  };
  each();
  per_item(ids);
  return table_size;
}

// A class with a dependent base (CRTP) is not a test: its methods are hot.
template <class D> struct Crtp {
  void run_all(const std::vector<int> &ids) {
    for (int id : ids) {
      auto r = std::make_unique<Record>();
      // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'std::make_unique' allocates on every iteration
      r->id = id;
      use(*r);
    }
  }
};
template <class T> struct Worker : Crtp<Worker<T>> {
  void step(const std::vector<int> &ids) {
    for (int id : ids) {
      auto r = std::make_unique<Record>();
      // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'std::make_unique' allocates on every iteration
      r->id = id;
      use(*r);
    }
  }
};
template struct Worker<int>;

// A helper of this file (internal linkage) that only tests and main call is
// run-once code too: held back. The same helper with one hot caller, with
// external linkage (another file may call it), or handed out as a callback
// (BM_parse above, registered by BENCHMARK) is reported.
static int make_ids(int n) {
  int sum = 0;
  for (int i = 0; i < n; ++i) {
    auto r = std::make_unique<Record>();
    // CHECK-MESSAGES-ALL: :[[@LINE-1]]:14: warning: 'std::make_unique' allocates on every iteration
    r->id = i;
    use(*r);
    sum += r->id;
  }
  return sum;
}
TEST(Helpers, OnlyTestsCall) { EXPECT_EQ(make_ids(10), 45); }
namespace {
int hot_and_test(int n) {
  int sum = 0;
  for (int i = 0; i < n; ++i) {
    auto r = std::make_unique<Record>();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'std::make_unique' allocates on every iteration
    r->id = i;
    use(*r);
    sum += r->id;
  }
  return sum;
}
} // namespace
TEST(Helpers, AlsoHot) { EXPECT_EQ(hot_and_test(3), 3); }
int serve(int n) { return hot_and_test(n); }
int exported_helper(int n) {
  int sum = 0;
  for (int i = 0; i < n; ++i) {
    auto r = std::make_unique<Record>();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'std::make_unique' allocates on every iteration
    r->id = i;
    use(*r);
    sum += r->id;
  }
  return sum;
}
TEST(Helpers, Exported) { EXPECT_EQ(exported_helper(3), 3); }
// Called from a loop, even in a test: it repeats. Reported.
static int in_loop_helper(int n) {
  int sum = 0;
  for (int i = 0; i < n; ++i) {
    auto r = std::make_unique<Record>();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'std::make_unique' allocates on every iteration
    r->id = i;
    use(*r);
    sum += r->id;
  }
  return sum;
}
TEST(Helpers, CalledInALoop) {
  int total = 0;
  for (int k = 0; k < 100; ++k)
    total += in_loop_helper(k);
  EXPECT_EQ(total > 0, true);
}

// regex-per-call: a pattern compiled in a test body, in benchmark setup, in a
// catch handler or to initialise a static is held back; in the timing loop
// it is reported.
TEST(Regex, MatchesIds) {
  std::regex id("id-[0-9]+");
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:14: warning: 'id' compiles the constant pattern "id-[0-9]+" on every call
  // CHECK-FIXES-ALL: static const std::regex id("id-[0-9]+");
  EXPECT_EQ(std::regex_match("id-1", id), true);
}
static void BM_match(benchmark::State &state) {
  std::regex setup("[a-z]+");
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:14: warning: 'setup' compiles the constant pattern "[a-z]+" on every call
  // CHECK-FIXES-ALL: static const std::regex setup("[a-z]+");
  for (auto _ : state) {
    std::regex timed("[0-9]+");
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'timed' compiles the constant pattern "[0-9]+" on every iteration of the loop
    // CHECK-FIXES: static const std::regex timed("[0-9]+");
    benchmark::DoNotOptimize(std::regex_match("12", timed) &&
                             std::regex_match("ab", setup));
  }
}
BENCHMARK(BM_match);
bool blank_or_x(const std::string &s) {
  try {
    return s.at(0) == 'x';
  } catch (const std::out_of_range &) {
    return std::regex_match(s, std::regex("^\\s*$"));
    // CHECK-MESSAGES-ALL: :[[@LINE-1]]:32: warning: a temporary std::regex compiles the constant pattern
  }
}
static const bool self_test = [] {
  std::regex probe("a+");
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:14: warning: 'probe' compiles the constant pattern "a+" on every call
  // CHECK-FIXES-ALL: static const std::regex probe("a+");
  return std::regex_match("aa", probe);
}();
bool self_tested() { return self_test; }
