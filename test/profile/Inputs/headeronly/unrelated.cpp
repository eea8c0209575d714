// A TU the profile knows nothing of, with a finding of its own.
#include <vector>

std::vector<int> evens(int n) {
  std::vector<int> v;
  for (int i = 0; i < n; ++i)
    v.push_back(2 * i);
  return v;
}
