// A framework whose test-case macro declares `void name(void)` is a
// framework too (re2's util/test.h): the rest of a file that includes it is
// test code, like a benchmark's helper that measures heap growth on purpose.
// The file defines no test body itself (re2's regexp_benchmark.cc does not):
// only the framework's macro says what it is.
// RUN: %check_hotpath -std=c++17 %s hotpath-heap-alloc-in-loop %t -- -- -isystem %S/Inputs/frameworks
// RUN: %check_hotpath -std=c++17 -check-suffixes=,NOFILES %s hotpath-heap-alloc-in-loop %t -- \
// RUN:   -config="{CheckOptions: {HotpathTestProgramFiles: false}}" -- -isystem %S/Inputs/frameworks

#include <voidtest.h>
#include <memory>

struct Sample {
  int id;
};
void keep(const Sample &);

void fill_samples(int n) {
  for (int i = 0; i < n; ++i) {
    auto s = std::make_unique<Sample>();
    // CHECK-MESSAGES-NOFILES: :[[@LINE-1]]:14: warning: 'std::make_unique' allocates on every iteration
    keep(*s);
  }
}
