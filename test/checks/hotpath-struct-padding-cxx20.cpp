// RUN: %check_hotpath -std=c++20-or-later %s hotpath-struct-padding %t

// Designated initializers must follow the declaration order: no fix-it.
// CHECK-NOTES: :[[@LINE+2]]:8: warning: 'Designated' is 24 bytes with 14 bytes of padding; ordering its fields as 'b, a, c' makes it 16 bytes (8 bytes less per object; 1 -> 1 cache line of 64 bytes) [hotpath-struct-padding]
// CHECK-NOTES: :[[@LINE+1]]:8: note: no automatic reordering: it is aggregate-initialised from a braced list in this file, which assigns the values by field order; reorder the fields by hand as 'b, a, c'
struct Designated {
  char a;
  double b;
  char c;
};
Designated designated{.a = 1, .b = 2.0, .c = 3};

// C++20 parenthesised aggregate initialisation: no fix-it.
// CHECK-NOTES: :[[@LINE+2]]:8: warning: 'Parenthesised' is 24 bytes
// CHECK-NOTES: :[[@LINE+1]]:8: note: no automatic reordering: it is aggregate-initialised with parentheses in this file, which assigns the values by field order; reorder the fields by hand as 'b, a, c'
struct Parenthesised {
  char a;
  double b;
  char c;
};
Parenthesised parenthesised(1, 2.0, 3);
