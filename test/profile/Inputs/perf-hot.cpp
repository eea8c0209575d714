// Two findings: one in a function called a few times, one in a loop that
// takes nearly all of the run time, later in the file — a sampled profile
// must rank the second first, against the order of the file.
#include <cstdio>
#include <string>
#include <vector>

static long Sink;

size_t mild(const std::string &s) {
  std::vector<std::string> words = {"alpha-long-word-one",
                                    "beta-long-word-two"};
  return words.size() + s.size();
}

long hot(int n) {
  std::vector<long> v;
  for (int i = 0; i < n; ++i) {
    long x = i;
    for (int k = 0; k < 200; ++k) // the work of each element
      x = x * 31 + k;
    v.push_back(x);
  }
  return v.back();
}

int main() {
  for (int k = 0; k < 4; ++k)
    Sink += mild("x");
  Sink += hot(1500000);
  std::printf("%ld\n", Sink);
}
