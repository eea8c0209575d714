// Preprocessed on one host, compiled on another (distcc without pump mode).
#include <string>
#include <vector>
#define SCALE 4

struct Sample { // padded: 24 bytes, 16 in the best order
  bool valid; // set by the parser
  double value;
  bool late;
};

double total(const std::vector<Sample> &samples) {
  double t = 0;
  for (const Sample &s : samples)
    t += s.value;
  return t;
}

std::vector<int> scaled(const std::vector<int> &in) {
  std::vector<int> out;
  for (int x : in) out.push_back(x * SCALE);
  return out;
}
