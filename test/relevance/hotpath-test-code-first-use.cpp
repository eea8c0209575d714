// A library template's layout depends on its arguments: a specialisation
// that a test needs first (its point of instantiation is in a test file) is
// the test's choice, held back with the test's code. The library's own
// specialisation is reported in the same translation unit, and so is the
// test's when only test bodies count as test code.
// RUN: %check_hotpath -std=c++17 %s hotpath-struct-padding %t -- -header-filter=.* -- -isystem %S/Inputs/frameworks -I %S/Inputs/programs
// RUN: %check_hotpath -std=c++17 -check-suffixes=,NOFILES %s hotpath-struct-padding %t -- \
// RUN:   -header-filter=.* -config="{CheckOptions: {HotpathTestProgramFiles: false}}" -- -isystem %S/Inputs/frameworks -I %S/Inputs/programs

#include <minitest.h>
#include "lib/pair.h"

// CHECK-MESSAGES-DAG: lib{{/|\\}}pair.h:9:36: warning: 'lib::Pair<char, int>' is 12 bytes with 6 bytes of padding
// CHECK-MESSAGES-NOFILES-DAG: lib{{/|\\}}pair.h:14:36: warning: 'lib::Slot<char, long>' is 24 bytes with 14 bytes of padding

TEST(slots_start_empty) {
  lib::Slot<char, long> s{};
  CHECK_TRUE(s.second == 0);
}
