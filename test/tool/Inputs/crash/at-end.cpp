void hotpath_test_crash_at_end() {}
