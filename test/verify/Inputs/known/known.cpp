#include "known.h"
#include <set>

bool is_known(const std::string &method) {
  std::set<std::string> known = {"GET-REQUEST", "POST-REQUEST", "PUT-REQUEST",
                                 "DELETE-REQUEST", "HEAD-REQUEST"};
  return known.count(method) != 0;
}

std::vector<int> squares(const std::vector<int> &xs) {
  std::vector<int> out;
  for (int x : xs)
    out.push_back(x * x);
  return out;
}
