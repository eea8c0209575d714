void hotpath_test_crash_untraced() {}
