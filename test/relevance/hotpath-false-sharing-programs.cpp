// false-sharing in a test or an example program: the threads are the
// test's or the example's, not the product's. Held back like run-once code
// (relevance/RunOnce.h); HotpathReportRunOnceCode brings them back. The same
// shapes in the program's own code are reported.
// RUN: %check_hotpath -std=c++17 %s hotpath-false-sharing %t -- -header-filter=.* -- -isystem %S/../checks/Inputs/system -isystem %S/Inputs/frameworks -I %S/Inputs/programs/examples -pthread
// RUN: %check_hotpath -std=c++17 -check-suffixes=,ALL %s hotpath-false-sharing %t -- \
// RUN:   -header-filter=.* -config="{CheckOptions: {HotpathReportRunOnceCode: true}}" -- -isystem %S/../checks/Inputs/system -isystem %S/Inputs/frameworks -I %S/Inputs/programs/examples -pthread
// RUN: %check_hotpath -std=c++17 -check-suffixes=TEST %s hotpath-false-sharing %t -- -header-filter=.* -- -DAS_TEST -isystem %S/../checks/Inputs/system -isystem %S/Inputs/frameworks -I %S/Inputs/programs/examples -pthread

#include "shapes/counters.h"
#include <atomic>
#include <thread>
#ifdef AS_TEST
#include <minitest.h>
#endif

// CHECK-MESSAGES-ALL-DAG: shapes{{/|\\}}counters.h:12:21: warning: 'skipped' (offset 8) and 'drawn' (offset 0) of 'Progress' can share a 64-byte cache line
// CHECK-MESSAGES-ALL-DAG: shapes{{/|\\}}counters.h:26:21: warning: 'frames' is an array of 8-byte 'std::atomic<long>' written one element per thread

// The program's own counters, the same shape: reported (in a file that
// includes a test framework, held back: the TEST run).
struct Stats {
  std::atomic<long> parsed{0};
  std::atomic<long> failed{0};
  // CHECK-MESSAGES-DAG: :[[@LINE-1]]:21: warning: 'failed' (offset 8) and 'parsed' (offset 0) of 'Stats' can share a 64-byte cache line
};
// CHECK-FIXES: alignas(64) std::atomic<long> failed{0};
void parse_thread(Stats &s) { s.parsed++; }
void fail_thread(Stats &s) { s.failed++; }
void run_stats(Stats &s) {
  std::thread a(parse_thread, std::ref(s));
  std::thread b(fail_thread, std::ref(s));
  a.join();
  b.join();
}
