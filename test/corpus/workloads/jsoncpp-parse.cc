// A jsoncpp workload: one 2,000-record document parsed and walked 1,200 times.
#include <cstdio>
#include <json/json.h>
#include <memory>
#include <sstream>
#include <string>

int main() {
  std::ostringstream doc;
  doc << "[";
  for (int i = 0; i < 2000; ++i)
    doc << (i ? "," : "") << "{\"id\":" << i << ",\"name\":\"user" << i
        << "\",\"score\":" << i * 0.5 << ",\"tags\":[\"a\",\"b\",\"c\"]}";
  doc << "]";
  const std::string text = doc.str();
  Json::CharReaderBuilder builder;
  std::unique_ptr<Json::CharReader> reader(builder.newCharReader());
  double total = 0;
  for (int round = 0; round < 1200; ++round) {
    Json::Value root;
    std::string errors;
    if (!reader->parse(text.data(), text.data() + text.size(), &root, &errors))
      return 1;
    for (const Json::Value &record : root)
      total += record["score"].asDouble() + record["tags"].size();
  }
  std::printf("%.1f\n", total);
}
