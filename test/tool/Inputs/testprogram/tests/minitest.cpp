#include "minitest.h"

namespace minitest {
std::vector<Failure> &failures() {
  static std::vector<Failure> All;
  return All;
}
} // namespace minitest
