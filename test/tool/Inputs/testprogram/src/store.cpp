#include "box.h"
#include <vector>

std::vector<Box<double>> prices(int n) {
  visit_all(n);
  return std::vector<Box<double>>(n);
}
