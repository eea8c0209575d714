// hotpath-regex-per-call under a profile: a regex compiled per call (12
// calls), one compiled per iteration of a loop (4 entries x 50 iterations),
// and one in a function that never runs.
#include <cstdio>
#include <regex>
#include <string>
#include <vector>

long Sink;

bool is_number(const std::string &s) {
  std::regex number("-?[0-9]+"); // 12 calls
  return std::regex_match(s, number);
}

int count_words(const std::vector<std::string> &lines) {
  int n = 0;
  for (const std::string &line : lines) // 4 entries x 50 iterations
    n += std::regex_search(line, std::regex("[a-z]+"));
  return n;
}

bool never(const std::string &s) {
  std::regex blank("^\\s*$"); // never runs
  return std::regex_match(s, blank);
}

int main(int argc, char **argv) {
  for (int k = 0; k < 12; ++k)
    Sink += is_number(std::to_string(k));
  std::vector<std::string> lines(50, "abc 12");
  for (int k = 0; k < 4; ++k)
    Sink += count_words(lines);
  if (argc > 5)
    Sink += never(argv[1]);
  std::printf("%ld\n", Sink);
}
