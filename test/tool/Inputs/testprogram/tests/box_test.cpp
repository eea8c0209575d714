#include "box.h"
#include "support.h"
#include <vector>

std::vector<Box<Weight>> weights(int n);

TEST(boxes) {
  CHECK_TRUE(weights(3).size() == 3);
  CHECK_TRUE(probe_all(4) == 6);
  visit_all(3);
}
