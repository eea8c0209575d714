// RUN: %check_hotpath %s hotpath-cache-unfriendly-traversal %t -- \
// RUN:   -config="{CheckOptions: {hotpath-cache-unfriendly-traversal.CacheLineBytes: 128, hotpath-cache-unfriendly-traversal.ContainerTypes: '::std::vector;::app::Row'}}"

#include <array>
#include <cstddef>
#include <vector>

namespace app {
// A user's row type: contiguous elements on the heap, like a vector.
template <class T> class Row {
public:
  T &operator[](std::size_t i) { return data_[i]; }
  const T &operator[](std::size_t i) const { return data_[i]; }

private:
  T *data_ = nullptr;
};
} // namespace app

// 64-byte rows fill one 64-byte line, but only half of a 128-byte one:
// consecutive rows share lines, so nothing is reported.
long half_lines(const int (&m)[1024][16]) {
  long s = 0;
  for (int i = 0; i < 16; ++i)
    for (int j = 0; j < 1024; ++j)
      s += m[j][i];
  return s;
}

// 128-byte rows: one line each.
long whole_lines(const int (&m)[1024][32]) {
  long s = 0;
  for (int c = 0; c < 32; ++c)
    for (int r = 0; r < 1024; ++r)
      s += m[r][c];
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'm[r][c]' is accessed column by column: consecutive iterations of the inner loop over 'r' are 128 bytes apart (one row of 'm'), so each touches a new cache line (32 lines per 32 elements instead of 1); interchange the loops over 'c' and 'r' [hotpath-cache-unfriendly-traversal]
  // CHECK-FIXES: for (int r = 0; r < 1024; ++r)
  // CHECK-FIXES-NEXT: for (int c = 0; c < 32; ++c)
  return s;
}

// A configured row type: each row its own heap block.
double rows_of_rows(const std::vector<app::Row<double>> &t, std::size_t w) {
  double s = 0;
  for (std::size_t c = 0; c < w; ++c)
    for (std::size_t r = 0; r < t.size(); ++r)
      s += t[r][c];
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 't[r][c]' is accessed column by column: consecutive iterations of the inner loop over 'r' are in different rows of 't', each a separate heap block, so each touches a new cache line (16 lines per 16 elements instead of 1); interchange the loops over 'c' and 'r' (no fix-it: interchanging reorders the floating-point operations on 's' and changes its rounding)
  return s;
}

// std::array is not in the configured list.
double arrays(const std::array<std::array<double, 64>, 64> &a) {
  double s = 0;
  for (int i = 0; i < 64; ++i)
    for (int j = 0; j < 64; ++j)
      s += a[j][i];
  return s;
}
