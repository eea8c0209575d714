// Example programs are not the product: code in a directory named
// examples/ (samples/, demos/: HotpathExampleDirectories) is held back like
// test code, with templates instantiated for an example's types (records
// and enumerations) and a
// library specialisation an example needs first. The library's own code
// and its own specialisations are reported in the same translation unit.
// Only the part of a path below what it shares with the working directory
// counts: run from inside examples/, the project is not all example code.
// Fix-its rewrite the headers: each run works on a fresh copy of them.
// RUN: rm -rf %t.in && cp -r %S/Inputs/programs %t.in
// RUN: %check_hotpath -std=c++17 %s hotpath-heap-alloc-in-loop,hotpath-struct-padding %t -- -header-filter=.* -- -I %t.in -I %t.in/examples
// RUN: rm -rf %t.in && cp -r %S/Inputs/programs %t.in
// RUN: %check_hotpath -std=c++17 -check-suffixes=,EX %s hotpath-heap-alloc-in-loop,hotpath-struct-padding %t -- \
// RUN:   -header-filter=.* -config="{CheckOptions: {HotpathExampleDirectories: ''}}" -- -I %t.in -I %t.in/examples
// RUN: rm -rf %t.in && cp -r %S/Inputs/programs %t.in
// RUN: %check_hotpath -std=c++17 -check-suffixes=,EX %s hotpath-heap-alloc-in-loop,hotpath-struct-padding %t -- \
// RUN:   -header-filter=.* -config="{CheckOptions: {HotpathReportRunOnceCode: true}}" -- -I %t.in -I %t.in/examples
// RUN: rm -rf %t.in && cp -r %S/Inputs/programs %t.in
// RUN: %check_hotpath -std=c++17 %s hotpath-heap-alloc-in-loop,hotpath-struct-padding %t -- \
// RUN:   -header-filter=.* -config="{CheckOptions: {HotpathExampleDirectories: 'Samples; SHAPES'}}" -- -I %t.in -I %t.in/examples
// Last: lit's cd holds for the lines after it.
// RUN: rm -rf %t.in && cp -r %S/Inputs/programs %t.in
// RUN: cd %t.in/examples && %check_hotpath -std=c++17 -check-suffixes=,EX %s hotpath-heap-alloc-in-loop,hotpath-struct-padding %t -- \
// RUN:   -header-filter=.* -- -I %t.in -I %t.in/examples

#include "shapes/shapes.h"

// CHECK-MESSAGES-DAG: lib{{/|\\}}pair.h:9:36: warning: 'lib::Pair<char, int>' is 12 bytes with 6 bytes of padding
// CHECK-MESSAGES-DAG: lib{{/|\\}}pair.h:47:14: warning: 'std::make_unique' allocates on every iteration
// CHECK-MESSAGES-EX-DAG: lib{{/|\\}}pair.h:14:36: warning: 'lib::Slot<char, long>' is 24 bytes with 14 bytes of padding
// CHECK-MESSAGES-EX-DAG: lib{{/|\\}}pair.h:26:27: warning: 'lib::Wrapped<shapes::Color>' is 24 bytes with 14 bytes of padding
// CHECK-MESSAGES-EX-DAG: shapes{{/|\\}}shapes.h:16:14: warning: 'std::make_unique' allocates on every iteration
// CHECK-MESSAGES-EX-DAG: shapes{{/|\\}}shapes.h:23:8: warning: 'shapes::Label' is 24 bytes with 14 bytes of padding

// The program's own code, needing Cell<char, double> first: reported.
double main_cell() {
  lib::Cell<char, double> p{};
  // CHECK-MESSAGES-DAG: lib{{/|\\}}pair.h:19:36: warning: 'lib::Cell<char, double>' is 24 bytes with 14 bytes of padding
  return p.second;
}
