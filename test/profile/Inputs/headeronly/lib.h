// A header-only library: its finding is in the header, and the program that
// is profiled is not one of the TUs that are analysed.
#include <vector>

inline std::vector<int> squares(int n) {
  std::vector<int> v;
  for (int i = 0; i < n; ++i)
    v.push_back(i * i);
  return v;
}
