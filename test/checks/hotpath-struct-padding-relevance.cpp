// By default a padded record is reported when its layout is paid many times
// (an array, container or new[] element, allocated in a loop, held by value
// in such a record), or when the better order saves a cache line or a
// quarter of its size. ReportSingleObjects reports every saving.
// RUN: %check_hotpath -std=c++17 %s hotpath-struct-padding %t
// RUN: %check_hotpath -std=c++17 -check-suffixes=,ALL %s hotpath-struct-padding %t -- \
// RUN:   -config="{CheckOptions: {hotpath-struct-padding.ReportSingleObjects: true}}"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

// 80 bytes -> 72: 8 bytes of 80, no cache line saved (2 -> 2).
#define PADDED_80(Name)                                                        \
  struct Name {                                                                \
    bool a;                                                                    \
    std::int64_t b;                                                            \
    bool c;                                                                    \
    std::int64_t d[7];                                                         \
  }

// ---------------------------------------------------------------- positives

// CHECK-MESSAGES: :[[@LINE+1]]:11: warning: 'Element' is 80 bytes with 14 bytes of padding; {{.*}} makes it 72 bytes {{.*}}; it is the element type of 'std::vector<Element>' in this file, so every element carries the padding
PADDED_80(Element);
std::vector<Element> elements;

// CHECK-MESSAGES: :[[@LINE+1]]:11: warning: 'PerItem' is 80 bytes {{.*}}; it is allocated inside a loop in this file, one object per iteration
PADDED_80(PerItem);
void use(const PerItem &);
void per_item(int n) {
  for (int i = 0; i < n; ++i) {
    auto p = std::make_unique<PerItem>();
    use(*p);
  }
}

// CHECK-MESSAGES: :[[@LINE+1]]:11: warning: 'Inner' is 80 bytes {{.*}}; it is held by value in 'Outer', which exists many times
PADDED_80(Inner);
struct Outer {
  Inner inner;
  std::int64_t id;
};
Outer table[16];

// Saves a whole cache line per object: 72 -> 64.
// CHECK-MESSAGES: :[[@LINE+1]]:8: warning: 'Session' is 72 bytes with 14 bytes of padding; {{.*}} makes it 64 bytes (8 bytes less per object; 2 -> 1 cache line of 64 bytes) [hotpath-struct-padding]
struct Session {
  bool open;
  std::int64_t id;
  bool tls;
  std::int64_t counters[6];
};
// CHECK-FIXES: struct Session {
// CHECK-FIXES-NEXT: std::int64_t id;
// CHECK-FIXES-NEXT: std::int64_t counters[6];
// CHECK-FIXES-NEXT: bool open;
// CHECK-FIXES-NEXT: bool tls;
Session *current_session;

// Saves a quarter: 24 -> 16.
// CHECK-MESSAGES: :[[@LINE+1]]:8: warning: 'Small' is 24 bytes with 14 bytes of padding; {{.*}} makes it 16 bytes
struct Small {
  bool a;
  std::int64_t b;
  bool c;
};
// CHECK-FIXES: struct Small {
// CHECK-FIXES-NEXT: std::int64_t b;
// CHECK-FIXES-NEXT: bool a;
// CHECK-FIXES-NEXT: bool c;
Small the_small;

// ------------------------------------ single objects: ReportSingleObjects

// A singleton saving 8 of 80 bytes.
// CHECK-MESSAGES-ALL: :[[@LINE+1]]:11: warning: 'Server' is 80 bytes with 14 bytes of padding
PADDED_80(Server);
Server the_server;

// A per-connection object allocated once per call, not in a loop.
// CHECK-MESSAGES-ALL: :[[@LINE+1]]:11: warning: 'Connection' is 80 bytes
PADDED_80(Connection);
std::unique_ptr<Connection> accept_one() {
  return std::make_unique<Connection>();
}

// A pointer to a record in a vector element does not multiply the record.
// CHECK-MESSAGES-ALL: :[[@LINE+1]]:11: warning: 'Pointee' is 80 bytes
PADDED_80(Pointee);
struct Holder {
  Pointee *p;
};
std::vector<Holder> holders;
