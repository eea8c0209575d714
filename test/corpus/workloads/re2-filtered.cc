// A FilteredRE2 workload: 300 patterns compiled once, then many queries,
// each with the atoms its text contains (found once per text up front, as
// an Aho-Corasick pass would).
#include <cstdio>
#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <string>
#include <vector>

int main() {
  re2::FilteredRE2 filter(3);
  RE2::Options options;
  for (int i = 0; i < 300; ++i) {
    int id;
    filter.Add("key" + std::to_string(i) + "=[0-9]+;(user|host)" +
                   std::to_string(i % 11) + "end",
               options, &id);
  }
  std::vector<std::string> atoms;
  filter.Compile(&atoms);
  std::vector<std::string> texts;
  std::vector<std::vector<int>> text_atoms;
  for (int t = 0; t < 200; ++t) {
    std::string s;
    for (int k = 0; k < 12; ++k)
      s += "key" + std::to_string((t * 7 + k * 13) % 300) + "=" +
           std::to_string(t * k) + ";user" + std::to_string(k % 11) + "end ";
    std::vector<int> found;
    for (size_t a = 0; a < atoms.size(); ++a)
      if (s.find(atoms[a]) != std::string::npos)
        found.push_back(static_cast<int>(a));
    texts.push_back(s);
    text_atoms.push_back(found);
  }
  size_t hits = 0;
  for (int round = 0; round < 4000; ++round)
    for (size_t t = 0; t < texts.size(); ++t) {
      std::vector<int> out;
      filter.AllMatches(texts[t], text_atoms[t], &out);
      hits += out.size();
    }
  std::printf("%zu atoms, %zu hits\n", atoms.size(), hits);
}
