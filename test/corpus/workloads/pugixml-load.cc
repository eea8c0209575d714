// A pugixml workload: one 5,000-element document parsed and walked 2,000 times.
#include <cstdio>
#include <pugixml.hpp>
#include <sstream>
#include <string>

int main() {
  std::ostringstream doc;
  doc << "<users>";
  for (int i = 0; i < 5000; ++i)
    doc << "<user id=\"" << i << "\" name=\"user" << i
        << "\"><tag>a</tag><tag>b</tag></user>";
  doc << "</users>";
  const std::string text = doc.str();
  long total = 0;
  for (int round = 0; round < 2000; ++round) {
    pugi::xml_document document;
    if (!document.load_string(text.c_str()))
      return 1;
    for (pugi::xml_node user : document.child("users").children("user"))
      total += user.attribute("id").as_int();
  }
  std::printf("%ld\n", total);
}
