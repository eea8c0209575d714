// A test program's helper headers that do not include the framework: a
// header that only test files include, in a directory that holds one
// (common/ holds harness.h, which includes the framework), is test code too,
// and so is a header only such a helper includes. A header in that
// directory that a library header includes too, and a library header that
// only the test includes but that lives elsewhere, are not.
// RUN: %check_hotpath -std=c++17 %s hotpath-heap-alloc-in-loop %t -- -header-filter=.* -- -isystem %S/Inputs/frameworks -I %S/Inputs/testhelpers
// RUN: %check_hotpath -std=c++17 -check-suffixes=,NOFILES %s hotpath-heap-alloc-in-loop %t -- \
// RUN:   -header-filter=.* -config="{CheckOptions: {HotpathTestProgramFiles: false}}" -- -isystem %S/Inputs/frameworks -I %S/Inputs/testhelpers

#include "common/harness.h"
#include "common/helper.h"
#include "common/shared.h"
#include "lib/lib.h"

// CHECK-MESSAGES-NOFILES-DAG: common{{/|\\}}helper.h:11:14: warning: 'std::make_unique' allocates on every iteration
// CHECK-MESSAGES-NOFILES-DAG: common{{/|\\}}nested.h:10:14: warning: 'std::make_unique' allocates on every iteration
// CHECK-MESSAGES-DAG: common{{/|\\}}shared.h:10:14: warning: 'std::make_unique' allocates on every iteration
// CHECK-MESSAGES-DAG: lib{{/|\\}}lib.h:11:14: warning: 'std::make_unique' allocates on every iteration

TEST(uses_the_helpers) {
  make_items(3);
  make_nodes(3);
  make_cells(3);
  make_parts(3);
}
