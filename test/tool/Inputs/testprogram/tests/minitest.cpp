#include "minitest_state.h"

namespace minitest {
std::vector<Failure> &failures() {
  static std::vector<Failure> All;
  return All;
}
} // namespace minitest
