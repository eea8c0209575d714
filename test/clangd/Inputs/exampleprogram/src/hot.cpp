// Library code: no framework anywhere in its includes.
#include <memory>

struct Packet {
  int id;
};
void send(const Packet &);

void send_all(int n) {
  for (int i = 0; i < n; ++i) {
    auto p = std::make_unique<Packet>();
    send(*p);
  }
}
