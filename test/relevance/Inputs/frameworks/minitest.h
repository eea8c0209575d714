#pragma once
// A test framework of the kind projects write for themselves (re2's,
// pugixml's and double-conversion's TEST, jsoncpp's JSONTEST_FIXTURE_LOCAL):
// a test body is a function or a method that a namespace-scope object
// registers; no name the big frameworks generate.
namespace minitest {
using Fn = void (*)();
struct Registrar {
  Registrar(Fn F, const char *Name);
};
struct Fixture {
  virtual ~Fixture() = default;
  virtual void run() = 0;
};
bool add(Fixture *(*Make)(), const char *Name);
} // namespace minitest

#define TEST(name)                                                             \
  static void test_##name();                                                   \
  static minitest::Registrar registrar_##name(test_##name, #name);            \
  static void test_##name()

#define MYTEST_FIXTURE(base, name)                                             \
  struct base##_##name : base {                                                \
    static minitest::Fixture *make() { return new base##_##name; }             \
    void run() override;                                                       \
  };                                                                           \
  static bool added_##base##_##name =                                          \
      minitest::add(&base##_##name::make, #name);                              \
  void base##_##name::run()

#define CHECK_TRUE(x) ((void)(x))
