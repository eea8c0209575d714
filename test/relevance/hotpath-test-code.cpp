// Test programs beyond the big frameworks' test bodies: the bodies of a
// hand-written framework's test macros (by the macro's name), and the rest of
// a file that includes a test framework (its helpers and test value types)
// are held back by default. HotpathTestProgramFiles: false keeps only the
// bodies; HotpathReportRunOnceCode: true reports everything. A benchmark's
// timing loop stays hot in such a file.
// RUN: %check_hotpath -std=c++17 %s hotpath-heap-alloc-in-loop,hotpath-constant-container-per-call,hotpath-struct-padding %t -- -- -isystem %S/Inputs/frameworks
// RUN: %check_hotpath -std=c++17 -check-suffixes=,NOFILES %s hotpath-heap-alloc-in-loop,hotpath-constant-container-per-call,hotpath-struct-padding %t -- \
// RUN:   -config="{CheckOptions: {HotpathTestProgramFiles: false}}" -- -isystem %S/Inputs/frameworks
// RUN: %check_hotpath -std=c++17 -check-suffixes=,NOFILES,ALL %s hotpath-heap-alloc-in-loop,hotpath-constant-container-per-call,hotpath-struct-padding %t -- \
// RUN:   -config="{CheckOptions: {HotpathReportRunOnceCode: true}}" -- -isystem %S/Inputs/frameworks

#include <benchmark/benchmark.h>
#include <minitest.h>
#include <memory>
#include <vector>

struct Record {
  int id;
};
void use(const Record &);
void use_all(const std::vector<int> &);

// A test's value type, held in a vector: its layout is paid in tests only.
struct Sample {
  char tag;
  double weight;
  char kind;
};
// CHECK-MESSAGES-NOFILES: :[[@LINE-5]]:8: warning: 'Sample' is 24 bytes with 14 bytes of padding
// CHECK-FIXES-NOFILES: struct Sample {
// CHECK-FIXES-NOFILES-NEXT: double weight;
// CHECK-FIXES-NOFILES-NEXT: char tag;
// CHECK-FIXES-NOFILES-NEXT: char kind;
std::vector<Sample> samples(int n);

// A helper with external linkage: other files of the test may call it, in
// loops or not; it is test code all the same.
int make_records(int n) {
  int sum = 0;
  for (int i = 0; i < n; ++i) {
    auto r = std::make_unique<Record>();
    // CHECK-MESSAGES-NOFILES: :[[@LINE-1]]:14: warning: 'std::make_unique' allocates on every iteration
    r->id = i;
    use(*r);
    sum += r->id;
  }
  return sum;
}

// The hand-written framework's bodies: held back whatever the file rule says.
TEST(parses_known_ids) {
  std::vector<int> known = {1, 2, 3, 4};
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:20: warning: 'known' is a constant 'std::vector<int>' rebuilt on every call
  // CHECK-FIXES-ALL: static const std::vector<int> known = {1, 2, 3, 4};
  use_all(known);
  CHECK_TRUE(make_records(3) == 3);
}

struct Base : minitest::Fixture {};
MYTEST_FIXTURE(Base, many_records) {
  for (int i = 0; i < 100; ++i) {
    auto r = std::make_unique<Record>();
    // CHECK-MESSAGES-ALL: :[[@LINE-1]]:14: warning: 'std::make_unique' allocates on every iteration
    use(*r);
  }
}

// A benchmark's timing loop is hot, test framework or not.
static void BM_records(benchmark::State &state) {
  for (auto _ : state) {
    for (int i = 0; i < 10; ++i) {
      auto r = std::make_unique<Record>();
      // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'std::make_unique' allocates on every iteration
      use(*r);
    }
  }
}
BENCHMARK(BM_records);
