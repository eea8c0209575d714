// By default a padded record is reported when its layout is paid many times
// (an array, container or new[] element, allocated in a loop, held by value
// in such a record), or when the better order saves a cache line or a
// quarter of its size. A record paid many times must save at least
// MinSavingPercent (5) of its size; a saved line counts for objects of at
// most SmallObjectLines (8) lines. ReportSingleObjects reports every saving.
// RUN: %check_hotpath -std=c++17 %s hotpath-struct-padding %t
// RUN: %check_hotpath -std=c++17 -check-suffixes=,ALL %s hotpath-struct-padding %t -- \
// RUN:   -config="{CheckOptions: {hotpath-struct-padding.ReportSingleObjects: true}}"
// RUN: %check_hotpath -std=c++17 -check-suffixes=,OPT %s hotpath-struct-padding %t -- \
// RUN:   -config="{CheckOptions: {hotpath-struct-padding.SmallObjectLines: 16, hotpath-struct-padding.MinSavingPercent: 0}}"

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

// Many, saving exactly 5%: 160 -> 152.
// CHECK-MESSAGES: :[[@LINE+1]]:8: warning: 'FivePercent' is 160 bytes {{.*}} makes it 152 bytes {{.*}}; it is the element type of 'std::vector<FivePercent>' in this file
struct FivePercent {
  bool a;
  std::int64_t b;
  bool c;
  std::int64_t d[17];
};
std::vector<FivePercent> five_percent;

// A singleton of SmallObjectLines lines saving one (456 -> 448, 8 -> 7):
// small enough that a use plausibly touches all of it.
// CHECK-MESSAGES: :[[@LINE+1]]:8: warning: 'EightLines' is 456 bytes {{.*}} makes it 448 bytes (8 bytes less per object; 8 -> 7 cache lines of 64 bytes) [hotpath-struct-padding]
struct EightLines {
  bool a;
  std::int64_t b;
  bool c;
  std::int64_t d[54];
};
EightLines the_eight_lines;

// ------------------------------- small savings: options, ReportSingleObjects

// Paid many times, but 8 bytes of each 1,656-byte element (0.5%) is below
// MinSavingPercent.
// CHECK-MESSAGES-ALL: :[[@LINE+2]]:8: warning: 'BigElement' is 1656 bytes {{.*}}; it is the element type of 'std::vector<BigElement>' in this file
// CHECK-MESSAGES-OPT: :[[@LINE+1]]:8: warning: 'BigElement' is 1656 bytes {{.*}}; it is the element type of 'std::vector<BigElement>' in this file
struct BigElement {
  bool a;
  std::int64_t b;
  bool c;
  std::int64_t d[204];
};
std::vector<BigElement> big_elements;

// Paid many times, 4.8% (168 -> 160): just below.
// CHECK-MESSAGES-ALL: :[[@LINE+2]]:8: warning: 'UnderFive' is 168 bytes
// CHECK-MESSAGES-OPT: :[[@LINE+1]]:8: warning: 'UnderFive' is 168 bytes
struct UnderFive {
  bool a;
  std::int64_t b;
  bool c;
  std::int64_t d[18];
};
UnderFive under_five[32];

// A large singleton saving one of its 13 lines (776 -> 768): a use touches
// some of its lines, not all, so the saved line is not one a use pays.
// CHECK-MESSAGES-ALL: :[[@LINE+2]]:8: warning: 'BigSingleton' is 776 bytes {{.*}}; 13 -> 12 cache lines of 64 bytes) [hotpath-struct-padding]
// CHECK-MESSAGES-OPT: :[[@LINE+1]]:8: warning: 'BigSingleton' is 776 bytes {{.*}}; 13 -> 12 cache lines of 64 bytes) [hotpath-struct-padding]
struct BigSingleton {
  bool a;
  std::int64_t b;
  bool c;
  std::int64_t d[94];
};
BigSingleton *the_big_singleton;

// Nine lines (520 -> 512): over SmallObjectLines.
// CHECK-MESSAGES-ALL: :[[@LINE+2]]:8: warning: 'NineLines' is 520 bytes {{.*}}; 9 -> 8 cache lines of 64 bytes) [hotpath-struct-padding]
// CHECK-MESSAGES-OPT: :[[@LINE+1]]:8: warning: 'NineLines' is 520 bytes {{.*}}; 9 -> 8 cache lines of 64 bytes) [hotpath-struct-padding]
struct NineLines {
  bool a;
  std::int64_t b;
  bool c;
  std::int64_t d[62];
};
NineLines the_nine_lines;

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
