#pragma once
// The framework's own bookkeeping (minitest.h is copied in from
// test/relevance/Inputs/frameworks by the test): a test program's record, also
// in the framework's .cpp, which defines no test.
#include "minitest.h"
#include <vector>

namespace minitest {
struct Failure {
  char kind;
  double when;
  char severity;
};
std::vector<Failure> &failures();
} // namespace minitest
