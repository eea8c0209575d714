// The shape BOOST_AUTO_TEST_CASE(name) expands to in Boost.Test 1.74
// (boost/test/unit_test_suite.hpp): a struct per test case deriving from the
// suite's fixture, whose test_method() holds the body, and a registrar. The
// real header takes seconds to parse per front-end; the shape is what the
// checks recognise.
#pragma once
namespace boost { namespace unit_test { struct auto_test_unit_registrar { explicit auto_test_unit_registrar(void (*)()) {} }; } }
struct BOOST_AUTO_TEST_CASE_FIXTURE {};
#define BOOST_AUTO_TEST_CASE(test_name)                                        \
  struct test_name : public BOOST_AUTO_TEST_CASE_FIXTURE {                     \
    void test_method();                                                        \
  };                                                                           \
  static void test_name##_invoker() { test_name t; t.test_method(); }          \
  static boost::unit_test::auto_test_unit_registrar test_name##_registrar(     \
      &test_name##_invoker);                                                   \
  void test_name::test_method()
