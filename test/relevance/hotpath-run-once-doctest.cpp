// doctest: TEST_CASE and SUBCASE bodies run once; the same loop in an
// ordinary function is reported.
// RUN: %check_hotpath -std=c++17 %s hotpath-heap-alloc-in-loop,hotpath-constant-container-per-call %t
// RUN: %check_hotpath -std=c++17 -check-suffixes=,ALL %s hotpath-heap-alloc-in-loop,hotpath-constant-container-per-call %t -- \
// RUN:   -config="{CheckOptions: {HotpathReportRunOnceCode: true}}"
// The hot function of this file is test code by default (the file includes
// the framework), reported when HotpathTestProgramFiles is false:
// RUN: %check_hotpath -std=c++17 -check-suffixes=,NOFILES %s hotpath-heap-alloc-in-loop,hotpath-constant-container-per-call %t -- \
// RUN:   -config="{CheckOptions: {HotpathTestProgramFiles: false}}"

#include <doctest/doctest.h>
#include <memory>
#include <vector>

struct Record { int id; };
void use(const Record &);
void use_all(const std::vector<int> &);

void hot(int n) {
  for (int i = 0; i < n; ++i) {
    auto r = std::make_unique<Record>();
    // CHECK-MESSAGES-NOFILES: :[[@LINE-1]]:14: warning: 'std::make_unique' allocates on every iteration
    // CHECK-MESSAGES-ALL: :[[@LINE-2]]:14: warning: 'std::make_unique' allocates on every iteration
    use(*r);
  }
}

TEST_CASE("records are parsed") {
  std::vector<int> known = {1, 2, 3};
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:20: warning: 'known' is a constant 'std::vector<int>' rebuilt on every call
  // CHECK-FIXES-ALL: static const std::vector<int> known = {1, 2, 3};
  use_all(known);
  SUBCASE("one by one") {
    for (int i = 0; i < 10; ++i) {
      auto r = std::make_unique<Record>();
      // CHECK-MESSAGES-ALL: :[[@LINE-1]]:16: warning: 'std::make_unique' allocates on every iteration
      use(*r);
    }
  }
}
