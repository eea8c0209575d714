// Loops that clang-tidy's performance-inefficient-vector-operation reports
// (and some it does not): hotpath-missing-reserve must report each of its
// locations too.
#include <cstddef>
#include <vector>

struct Item { int id; };
int score(const Item &);

void counted(int n) {
  std::vector<int> v;
  for (int i = 0; i < n; ++i)
    v.push_back(i);
}
void counted_unsigned(unsigned n) {
  std::vector<unsigned> v;
  for (unsigned i = 0; i < n; i++)
    v.emplace_back(i);
}
void counted_size(const std::vector<Item> &items) {
  std::vector<int> v;
  for (std::size_t i = 0; i < items.size(); ++i)
    v.push_back(score(items[i]));
}
void constant_count() {
  std::vector<double> v;
  for (int i = 0; i < 1000; ++i)
    v.push_back(i * 0.5);
}
void range_for(const std::vector<Item> &items) {
  std::vector<int> v;
  for (const Item &it : items)
    v.push_back(it.id);
}
void range_for_emplace(const std::vector<Item> &items) {
  std::vector<Item> v;
  for (const Item &it : items)
    v.emplace_back(it);
}
void block_body(const std::vector<int> &in) {
  std::vector<int> out;
  for (int x : in) {
    out.push_back(x + 1);
  }
}
void two_vectors(const std::vector<int> &in) {
  std::vector<int> a;
  std::vector<int> b;
  for (int x : in) {
    a.push_back(x);
    b.push_back(-x);
  }
}
