// The project hotpath-clangd opens in test/clangd/*.test: two hotpath
// findings with fix-its, one of clangd's own default checks, and look-alikes
// hotpath must stay silent on.
#include <string>
#include <vector>

std::vector<int> squares(const std::vector<int> &in) {
  std::vector<int> v;
  for (int x : in)
    v.push_back(x * x);
  return v;
}

bool known(const std::string &s) {
  std::vector<std::string> names = {"alpha-long-name-one", "beta-long-name-two"};
  for (const auto &name : names)
    if (name == s)
      return true;
  return false;
}

long total(const std::vector<int> &v);

long churn(int rounds) {
  long sum = 0;
  for (int i = 0; i < rounds; ++i) {
    std::vector<int> tmp;
    tmp.push_back(i);
    sum += total(tmp);
  }
  return sum;
}

struct Sample {
  char tag;
  double value;
  char flag;
};

double mean(const std::vector<Sample> &samples) {
  double sum = 0;
  for (const Sample &s : samples)
    sum += s.value;
  return sum / double(samples.size());
}

double ratio(int a, int b) { return a / b * 1.0; }

// Look-alikes: already reserved, and a container whose elements vary.
std::vector<int> reserved(int n) {
  std::vector<int> v;
  v.reserve(n);
  for (int i = 0; i < n; ++i)
    v.push_back(i);
  return v;
}

bool between(int x, int lo, int hi) {
  std::vector<int> bounds = {lo, hi};
  return x >= bounds[0] && x <= bounds[1];
}
