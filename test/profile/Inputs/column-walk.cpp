// A column walk that runs a known number of times: col_totals is called 5
// times over a 300 x 40 table, so its inner loop runs 5 x 40 = 200 times
// with 300 iterations each.
#include <cstddef>
#include <cstdio>
#include <vector>

std::vector<long> col_totals(const std::vector<std::vector<long>> &t,
                             std::size_t cols) {
  std::vector<long> total(cols);
  for (std::size_t c = 0; c < cols; ++c)
    for (std::size_t r = 0; r < t.size(); ++r)
      total[c] += t[r][c];
  return total;
}

int main() {
  std::vector<std::vector<long>> t(300, std::vector<long>(40, 1));
  long s = 0;
  for (int k = 0; k < 5; ++k)
    s += col_totals(t, 40)[3];
  std::printf("%ld\n", s);
  return 0;
}
