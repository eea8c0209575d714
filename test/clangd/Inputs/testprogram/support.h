#pragma once
// Test support: it includes the framework, so the files that include it are
// the test program's.
#include "minitest.h"
#include <memory>

struct Probe {
  int id;
};
void record(const Probe &);
