// RUN: %check_hotpath %s hotpath-struct-padding %t -- \
// RUN:   -config="{CheckOptions: {hotpath-struct-padding.MinSavingBytes: 8, hotpath-struct-padding.CacheLineBytes: 32, hotpath-struct-padding.IgnoredRecords: 'Ignored;ns::AlsoIgnored'}}"

// Saves 8 bytes: reported; a 32-byte line is the unit.
// CHECK-MESSAGES: :[[@LINE+1]]:8: warning: 'Wide' is 40 bytes with 14 bytes of padding; ordering its fields as 'a, b, c, flag1, flag2' makes it 32 bytes (8 bytes less per object; 2 -> 1 cache line of 32 bytes) [hotpath-struct-padding]
struct Wide {
  double a;
  char flag1;
  double b;
  char flag2;
  double c;
};
// CHECK-FIXES: struct Wide {
// CHECK-FIXES-NEXT:   double a;
// CHECK-FIXES-NEXT:   double b;
// CHECK-FIXES-NEXT:   double c;
// CHECK-FIXES-NEXT:   char flag1;
// CHECK-FIXES-NEXT:   char flag2;

// Saves 4 bytes, below MinSavingBytes = 8.
struct SavesFour {
  char a;
  int b;
  char c;
};

// Listed in IgnoredRecords.
struct Ignored {
  char a;
  double b;
  char c;
};
namespace ns {
struct AlsoIgnored {
  char a;
  double b;
  char c;
};
} // namespace ns
