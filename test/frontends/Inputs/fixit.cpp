#include <vector>
std::vector<int> squares(const std::vector<int> &in) {
  std::vector<int> out;
  for (int x : in)
    out.push_back(x * x);
  return out;
}
