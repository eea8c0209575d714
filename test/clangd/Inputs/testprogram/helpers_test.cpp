// A test program's file with helpers and no test body: its #includes are in
// clangd's preamble, so only the framework's macros and the source manager
// say that it includes the framework.
#include "support.h"

void churn(int n) {
  for (int i = 0; i < n; ++i) {
    auto p = std::make_unique<Probe>();
    record(*p);
  }
}
