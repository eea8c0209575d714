void hotpath_test_segfault() {}
