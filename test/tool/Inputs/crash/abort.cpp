void hotpath_test_abort() {}
