// RUN: %check_hotpath -std=c++17-or-later %s hotpath-cache-unfriendly-traversal %t
// RUN: %check_hotpath -std=c++17 -check-suffixes=,LOOSE %s hotpath-cache-unfriendly-traversal %t -- \
// RUN:   -config="{CheckOptions: {hotpath-cache-unfriendly-traversal.MinInnerTripCount: 4, HotpathReportRunOnceCode: true}}"

#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

void use(float);
float weight(int);

// ---------------------------------------------------------------- positives

// A float reduction: interchanging reorders the additions into 's', so the
// sum could round differently: reported, no fix-it.
float grid[1024][1024];
float sum_columns() {
  float s = 0;
  for (int i = 0; i < 1024; ++i)
    for (int j = 0; j < 1024; ++j)
      s += grid[j][i];
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'grid[j][i]' is accessed column by column: consecutive iterations of the inner loop over 'j' are 4096 bytes apart (one row of 'grid'), so each touches a new cache line (16 lines per 16 elements instead of 1); interchange the loops over 'i' and 'j' (no fix-it: interchanging reorders the floating-point operations on 's' and changes its rounding) [hotpath-cache-unfriendly-traversal]
  return s;
}

// An integer reduction commutes: the fix swaps the two headers.
long sum_counts(const int (&m)[512][512]) {
  long s = 0;
  for (int i = 0; i < 512; ++i)
    for (int j = 0; j < 512; ++j)
      s += m[j][i];
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'm[j][i]' is accessed column by column: consecutive iterations of the inner loop over 'j' are 2048 bytes apart (one row of 'm'), so each touches a new cache line (16 lines per 16 elements instead of 1); interchange the loops over 'i' and 'j' [hotpath-cache-unfriendly-traversal]
  // CHECK-FIXES: for (int j = 0; j < 512; ++j)
  // CHECK-FIXES-NEXT: for (int i = 0; i < 512; ++i)
  // CHECK-FIXES-NEXT: s += m[j][i];
  return s;
}

// In place, one element per iteration: no iteration depends on another.
void scale(double (&a)[256][256], double f) {
  for (int col = 0; col < 256; ++col) {
    for (int row = 0; row < 256; ++row) {
      a[row][col] *= f;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'a[row][col]' is accessed column by column: consecutive iterations of the inner loop over 'row' are 2048 bytes apart (one row of 'a'), so each touches a new cache line (8 lines per 8 elements instead of 1); interchange the loops over 'col' and 'row' [hotpath-cache-unfriendly-traversal]
    }
  }
  // CHECK-FIXES: for (int row = 0; row < 256; ++row) {
  // CHECK-FIXES-NEXT: for (int col = 0; col < 256; ++col) {
}

// A vector of vectors: every row is its own heap block.
double sum_table(const std::vector<std::vector<double>> &t) {
  double s = 0;
  for (std::size_t c = 0; c < t[0].size(); ++c)
    for (std::size_t r = 0; r < t.size(); ++r)
      s += t[r][c];
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 't[r][c]' is accessed column by column: consecutive iterations of the inner loop over 'r' are in different rows of 't', each a separate heap block, so each touches a new cache line (8 lines per 8 elements instead of 1); interchange the loops over 'c' and 'r' (no fix-it: interchanging reorders the floating-point operations on 's' and changes its rounding)
  return s;
}

// Per-column totals: each total is updated in the same order either way, so
// even floating-point sums keep their value.
std::vector<float> column_totals(const std::vector<std::vector<float>> &t,
                                 std::size_t cols) {
  std::vector<float> total(cols);
  for (std::size_t col = 0; col < cols; ++col)
    for (std::size_t row = 0; row < t.size(); ++row)
      total[col] += t[row][col];
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 't[row][col]' is accessed column by column: consecutive iterations of the inner loop over 'row' are in different rows of 't', each a separate heap block, so each touches a new cache line (16 lines per 16 elements instead of 1); interchange the loops over 'col' and 'row' [hotpath-cache-unfriendly-traversal]
  // CHECK-FIXES: for (std::size_t row = 0; row < t.size(); ++row)
  // CHECK-FIXES-NEXT: for (std::size_t col = 0; col < cols; ++col)
  return total;
}

// std::array of std::arrays, copied into a local: nothing else can name the
// local's elements.
using Tile = std::array<std::array<float, 64>, 64>;
Tile copy_tile(const Tile &in) {
  Tile out{};
  for (int x = 0; x < 64; ++x)
    for (int y = 0; y < 64; ++y)
      out[y][x] = in[y][x] * 0.5f;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'out[y][x]' is accessed column by column: consecutive iterations of the inner loop over 'y' are 256 bytes apart (one row of 'out'), so each touches a new cache line (16 lines per 16 elements instead of 1); interchange the loops over 'x' and 'y' [hotpath-cache-unfriendly-traversal]
  // CHECK-FIXES: for (int y = 0; y < 64; ++y)
  // CHECK-FIXES-NEXT: for (int x = 0; x < 64; ++x)
  return out;
}

// A flat buffer indexed row-major with a row length known at run time.
void brighten(unsigned char *img, int width, int height) {
  for (int x = 0; x < width; ++x)
    for (int y = 0; y < height; ++y)
      img[y * width + x] |= 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'img[y * width + x]' is accessed column by column: consecutive iterations of the inner loop over 'y' are 'width' elements apart (one row of 'img'), so each touches a new cache line once a row is 64 bytes or more (64 lines per 64 elements instead of 1); interchange the loops over 'x' and 'y' [hotpath-cache-unfriendly-traversal]
  // CHECK-FIXES: for (int y = 0; y < height; ++y)
  // CHECK-FIXES-NEXT: for (int x = 0; x < width; ++x)
}

// The same with a constant row length, operands in the other order.
constexpr int kWidth = 640;
int count_dark(const unsigned short *px, int rows) {
  int dark = 0;
  for (int x = 0; x < kWidth; ++x)
    for (int y = 0; y < rows; ++y)
      dark += px[x + kWidth * y] < 16;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'px[x + kWidth * y]' is accessed column by column: consecutive iterations of the inner loop over 'y' are 1280 bytes apart (one row of 'px'), so each touches a new cache line (32 lines per 32 elements instead of 1); interchange the loops over 'x' and 'y' [hotpath-cache-unfriendly-traversal]
  // CHECK-FIXES: for (int y = 0; y < rows; ++y)
  // CHECK-FIXES-NEXT: for (int x = 0; x < kWidth; ++x)
  return dark;
}

// A three-dimensional array: the inner loop walks the planes.
float vol[64][64][64];
void clear_volume() {
  for (int y = 0; y < 64; ++y)
    for (int x = 0; x < 64; ++x)
      for (int z = 0; z < 64; ++z)
        vol[z][y][x] = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'vol[z][y][x]' is accessed column by column: consecutive iterations of the inner loop over 'z' are 16384 bytes apart (one slice of 'vol'), so each touches a new cache line (16 lines per 16 elements instead of 1); interchange the loops over 'x' and 'z' [hotpath-cache-unfriendly-traversal]
  // CHECK-FIXES: for (int z = 0; z < 64; ++z)
  // CHECK-FIXES-NEXT: for (int x = 0; x < 64; ++x)
}

// A member array, written in place.
class Heat {
public:
  void cool() {
    for (int i = 0; i < 128; ++i)
      for (int j = 0; j < 128; ++j)
        cells_[j][i] -= cells_[j][i] / 8;
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'cells_[j][i]' is accessed column by column: consecutive iterations of the inner loop over 'j' are 512 bytes apart (one row of 'cells_'), so each touches a new cache line (16 lines per 16 elements instead of 1); interchange the loops over 'i' and 'j' [hotpath-cache-unfriendly-traversal]
    // CHECK-FIXES: for (int j = 0; j < 128; ++j)
    // CHECK-FIXES-NEXT: for (int i = 0; i < 128; ++i)
  }

private:
  int cells_[128][128];
};

// A pointer-to-pointer matrix.
double trace_columns(double **m, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      s += m[j][i] * weight(j);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'm[j][i]' is accessed column by column: consecutive iterations of the inner loop over 'j' are in different rows of 'm', each a separate heap block, so each touches a new cache line (8 lines per 8 elements instead of 1); interchange the loops over 'i' and 'j' (no fix-it: the body calls 'weight', which may have side effects)
  return s;
}

// --------------------------------------- reported, but no fix-it (and why)

int table[256][256];

// Statements between the two headers.
void non_perfect(int *rowsum_of_col) {
  for (int i = 0; i < 256; ++i) {
    int t = 0;
    for (int j = 0; j < 256; ++j)
      t += table[j][i];
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'table[j][i]' is accessed column by column: consecutive iterations of the inner loop over 'j' are 1024 bytes apart (one row of 'table'), so each touches a new cache line (16 lines per 16 elements instead of 1); interchange the loops over 'i' and 'j' (no fix-it: statements lie between the two loop headers)
    rowsum_of_col[i] = t;
  }
}

// Triangular: the inner bounds follow the outer variable.
long lower_triangle() {
  long s = 0;
  for (int i = 0; i < 256; ++i)
    for (int j = i; j < 256; ++j)
      s += table[j][i];
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'table[j][i]' is accessed column by column: {{.*}} (no fix-it: the bounds of the loop over 'j' depend on 'i'; interchanging needs new bounds)
  return s;
}

// A call in the body may observe the order.
void visit() {
  for (int i = 0; i < 256; ++i)
    for (int j = 0; j < 256; ++j)
      use(static_cast<float>(table[j][i]));
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'table[j][i]' is accessed column by column: {{.*}} (no fix-it: the body calls 'use', which may have side effects)
}

// A loop-carried dependence down the column: conservatively no fix.
void prefix_down() {
  for (int i = 0; i < 256; ++i)
    for (int j = 1; j < 256; ++j)
      table[j][i] += table[j - 1][i];
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'table[j][i]' is accessed column by column: {{.*}} (no fix-it: the body reads and writes different elements of 'table' ('table[j][i]' and 'table[j - 1][i]'))
}

// The last value of 'last' depends on the order.
int last_positive() {
  int last = 0;
  for (int i = 0; i < 256; ++i)
    for (int j = 0; j < 256; ++j)
      if (table[j][i] > 0)
        last = table[j][i];
  // CHECK-MESSAGES: :[[@LINE-2]]:11: warning: 'table[j][i]' is accessed column by column: {{.*}} (no fix-it: the body assigns 'last' in every iteration and the last assignment would change)
  return last;
}

// Two parameters may be the same array.
void add_into(float (*dst)[128], const float (*src)[128], int n) {
  for (int i = 0; i < 128; ++i)
    for (int j = 0; j < n; ++j)
      dst[j][i] += src[j][i];
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'dst[j][i]' is accessed column by column: {{.*}} (no fix-it: the body writes 'dst' and reads other arrays that may overlap it)
}

// A local reference may name the local being written.
void shifted_copy() {
  int buf[64][64] = {};
  int (&view)[64][64] = buf;
  for (int i = 0; i < 64; ++i)
    for (int j = 1; j < 64; ++j)
      buf[j][i] = view[j - 1][i] + 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'buf[j][i]' is accessed column by column: {{.*}} (no fix-it: the body writes 'buf' and reads other arrays that may overlap it)
}

// Rows of 'stride' elements, columns up to 'cols': if cols > stride, rows
// overlap and two iterations write one element.
void fill_rows(float *out, int rows, int cols, int stride) {
  for (int c = 0; c < cols; ++c)
    for (int r = 0; r < rows; ++r)
      out[r * stride + c] = 1.0f;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'out[r * stride + c]' is accessed column by column: {{.*}} (no fix-it: several iterations may write the same element of 'out' ('out[r * stride + c]'))
}

// Leaving early: which element is found first depends on the order.
bool any_negative() {
  bool found = false;
  for (int i = 0; i < 256; ++i)
    for (int j = 0; j < 256; ++j)
      if (table[j][i] < 0) {
        // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'table[j][i]' is accessed column by column: {{.*}} (no fix-it: the body uses 'break')
        found = true;
        break;
      }
  return found;
}

// Another loop between the two.
long with_middle_loop() {
  long s = 0;
  for (int i = 0; i < 256; ++i)
    for (int k = 0; k < 2; ++k)
      for (int j = 0; j < 256; ++j)
        s += table[j][i] * k;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'table[j][i]' is accessed column by column: {{.*}} (no fix-it: other loops lie between the loops over 'i' and 'j')
  return s;
}

// The accumulator escapes through a pointer.
void counted(long *&out) {
  long n = 0;
  out = &n;
  for (int i = 0; i < 256; ++i)
    for (int j = 0; j < 256; ++j)
      n += table[j][i];
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'table[j][i]' is accessed column by column: {{.*}} (no fix-it: the address of 'n' is taken)
}

// A template is reported once, not once per instantiation.
template <class T> T total(const std::vector<std::vector<T>> &m, int cols) {
  T s{};
  for (int c = 0; c < cols; ++c)
    for (std::size_t r = 0; r < m.size(); ++r)
      s += m[r][c];
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'm[r][c]' is accessed column by column: consecutive iterations of the inner loop over 'r' are in different rows of 'm', each a separate heap block, {{.*}} (no fix-it: the loops are in a template instantiation, and the fix would change every instantiation)
  return s;
}
template int total<int>(const std::vector<std::vector<int>> &, int);
template long total<long>(const std::vector<std::vector<long>> &, int);

// Four rows only: reported with MinInnerTripCount 4.
long four_rows(const int (&q)[4][1024]) {
  long s = 0;
  for (int i = 0; i < 1024; ++i)
    for (int j = 0; j < 4; ++j)
      s += q[j][i];
  // CHECK-MESSAGES-LOOSE: :[[@LINE-1]]:12: warning: 'q[j][i]' is accessed column by column
  // CHECK-FIXES-LOOSE: for (int j = 0; j < 4; ++j)
  // CHECK-FIXES-LOOSE-NEXT: for (int i = 0; i < 1024; ++i)
  return s;
}

// ------------------------------------------- negatives (look-alikes)

// Row-major order already: the inner loop walks along a row.
float sum_rows() {
  float s = 0;
  for (int i = 0; i < 1024; ++i)
    for (int j = 0; j < 1024; ++j)
      s += grid[i][j];
  return s;
}

// A transpose strides one side whatever the order.
void transpose(float (&dst)[512][512], const float (&src)[512][512]) {
  for (int i = 0; i < 512; ++i)
    for (int j = 0; j < 512; ++j)
      dst[i][j] = src[j][i];
}

// The same through vectors of vectors.
void transpose_v(std::vector<std::vector<int>> &dst,
                 const std::vector<std::vector<int>> &src, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      dst[i][j] = src[j][i];
}

// A small constant inner extent: its few lines stay in the cache.
long few_rows(const int (&q)[3][1024]) {
  long s = 0;
  for (int i = 0; i < 1024; ++i)
    for (int j = 0; j < 3; ++j)
      s += q[j][i];
  return s;
}

// An unknown bound, but the array has two rows.
float two_rows(const float (&pair)[2][4096], int n, int m) {
  float s = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < m; ++j)
      s += pair[j][i];
  return s;
}

// Rows smaller than a cache line: consecutive rows share lines.
long small_rows(const int (&narrow)[4096][8]) {
  long s = 0;
  for (int i = 0; i < 8; ++i)
    for (int j = 0; j < 4096; ++j)
      s += narrow[j][i];
  return s;
}

// A flat buffer with 4-element rows.
int flat_small(const int *quad, int n) {
  int s = 0;
  for (int x = 0; x < 4; ++x)
    for (int y = 0; y < n; ++y)
      s += quad[y * 4 + x];
  return s;
}

// One-dimensional arrays in a nest.
long outer_product(const std::vector<int> &a, const std::vector<int> &b) {
  long s = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < b.size(); ++j)
      s += a[i] * b[j];
  return s;
}

// A fixed column (the x of each point), no loop walks the row.
float xs(const std::vector<std::array<float, 32>> &pts, int reps) {
  float s = 0;
  for (int k = 0; k < reps; ++k)
    for (std::size_t j = 0; j < pts.size(); ++j)
      s += pts[j][0];
  return s;
}

// The diagonal.
float diagonal() {
  float s = 0;
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 1024; ++j)
      s += grid[j][j];
  return s;
}

// Elements of a whole cache line: each is its own line in either order.
struct Big { double v[8]; };
Big bigs[64][64];
double big_elements() {
  double s = 0;
  for (int i = 0; i < 64; ++i)
    for (int j = 0; j < 64; ++j)
      s += bigs[j][i].v[0];
  return s;
}

// Rows picked through a table: not a walk down one column.
float gathered(const int *order, int n) {
  float s = 0;
  for (int i = 0; i < 1024; ++i)
    for (int j = 0; j < n; ++j)
      s += grid[order[j]][i];
  return s;
}

// The inner loop is not a counted for loop.
float while_inner(int n) {
  float s = 0;
  for (int i = 0; i < 1024; ++i) {
    int j = 0;
    while (j < n)
      s += grid[j++][i];
  }
  return s;
}

// Strings and maps are not row-major arrays.
int columns_of_lines(const std::vector<std::string> &lines, std::size_t w) {
  int n = 0;
  for (std::size_t i = 0; i < w; ++i)
    for (std::size_t j = 0; j < lines.size(); ++j)
      n += lines[j][i] == ' ';
  return n;
}
int sparse(std::map<int, std::map<int, int>> &m) {
  int s = 0;
  for (int i = 0; i < 100; ++i)
    for (int j = 0; j < 100; ++j)
      s += m[j][i];
  return s;
}
int argv_columns(char **argv, int argc) {
  int n = 0;
  for (int i = 0; i < 8; ++i)
    for (int j = 0; j < argc; ++j)
      n += argv[j][i] == '-';
  return n;
}
// Rows of bytes are an image's rows, not strings.
long column_sums(unsigned char **rows, int height, int width) {
  long s = 0;
  for (int x = 0; x < width; ++x)
    for (int y = 0; y < height; ++y)
      s += rows[y][x];
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'rows[y][x]' is accessed column by column
  return s;
}

// std::vector<bool> hands out proxies, not elements.
int bits(const std::vector<std::vector<bool>> &b) {
  int n = 0;
  for (std::size_t i = 0; i < 64; ++i)
    for (std::size_t j = 0; j < b.size(); ++j)
      n += b[j][i];
  return n;
}

// Code in a lambda runs when the lambda is called.
void deferred(std::vector<void (*)()> &) {
  for (int i = 0; i < 256; ++i)
    for (int j = 0; j < 256; ++j) {
      auto f = [i, j] { return table[j][i]; };
      (void)f;
    }
}

// Runs once: held back (HotpathReportRunOnceCode brings it back).
int main() {
  long s = 0;
  for (int c = 0; c < 256; ++c)
    for (int r = 0; r < 256; ++r)
      s += table[r][c];
  // CHECK-MESSAGES-LOOSE: :[[@LINE-1]]:12: warning: 'table[r][c]' is accessed column by column
  // CHECK-FIXES-LOOSE: for (int r = 0; r < 256; ++r)
  // CHECK-FIXES-LOOSE-NEXT: for (int c = 0; c < 256; ++c)
  return static_cast<int>(s);
}
