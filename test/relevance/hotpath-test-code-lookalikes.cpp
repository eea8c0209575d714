// What is not test code: a file that includes no test framework, whatever
// its macros and functions are called. Macros with TEST in their names that
// define no test body (an expression, a friend declaration), a macro that
// defines functions under another name, a function named Test..., a
// record used like a test's value type: all reported.
// RUN: %check_hotpath -std=c++17 %s hotpath-heap-alloc-in-loop,hotpath-constant-container-per-call,hotpath-struct-padding %t -- -- -I %S/Inputs/testcode

#include <lookalike.h>
#include <memory>
#include <vector>

struct Record {
  int id;
};
void use(const Record &);
void use_all(const std::vector<int> &);

struct Sample {
  char tag;
  double weight;
  char kind;
};
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: 'Sample' is 24 bytes with 14 bytes of padding
// CHECK-FIXES: struct Sample {
// CHECK-FIXES-NEXT: double weight;
// CHECK-FIXES-NEXT: char tag;
// CHECK-FIXES-NEXT: char kind;
std::vector<Sample> samples(int n);

LATEST_API(latest_records) {
  int sum = 0;
  for (int i = 0; i < n; ++i) {
    auto r = std::make_unique<Record>();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'std::make_unique' allocates on every iteration
    use(*r);
    sum += r->id;
  }
  return sum;
}

int set_bits(unsigned x) {
  int count = 0;
  for (int i = 0; i < 32; ++i) {
    if (!BIT_TEST(x, i))
      continue;
    auto r = std::make_unique<Record>();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'std::make_unique' allocates on every iteration
    r->id = i;
    use(*r);
    ++count;
  }
  return count;
}

void TestLimits(int n) {
  std::vector<int> limits = {1, 2, 3, 4};
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'limits' is a constant 'std::vector<int>' rebuilt on every call
  // CHECK-FIXES: static const std::vector<int> limits = {1, 2, 3, 4};
  use_all(limits);
  (void)n;
}

class Parser {
  FRIEND_TEST(ParserTest, Lines);

public:
  void parse(int n) {
    for (int i = 0; i < n; ++i) {
      auto r = std::make_unique<Record>();
      // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'std::make_unique' allocates on every iteration
      use(*r);
    }
  }
};
