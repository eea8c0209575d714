// A yaml-cpp workload: one 1,000-entry document loaded and walked 240 times.
#include <cstdio>
#include <sstream>
#include <string>
#include <yaml-cpp/yaml.h>

int main() {
  std::ostringstream doc;
  for (int i = 0; i < 1000; ++i)
    doc << "item" << i << ":\n  id: " << i << "\n  name: \"user " << i
        << "\"\n  tags: [a, b, c]\n";
  const std::string text = doc.str();
  long total = 0;
  for (int round = 0; round < 240; ++round) {
    YAML::Node root = YAML::Load(text);
    for (const auto &entry : root)
      total += entry.second["id"].as<int>() + entry.second["tags"].size();
  }
  std::printf("%ld\n", total);
}
