#pragma once
// Macros with TEST in their names that do not define test bodies, and one
// that defines functions under a name that only looks like it.
#define BIT_TEST(x, n) (((x) >> (n)) & 1u)
#define LATEST_API(name) int name(int n)
#define FRIEND_TEST(test_case_name, test_name)                                 \
  friend class test_case_name##_##test_name##_Test
