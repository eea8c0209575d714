// One finding of every hotpath check, each in code that runs a number of
// times the program fixes (library-like functions), so a profile has exact counts.
#include <atomic>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

long Sink;

std::vector<int> grow(int n) {
  std::vector<int> v;
  for (int i = 0; i < n; ++i)
    v.push_back(i); // missing-reserve: 10 entries x 100 iterations
  return v;
}

size_t known(const std::string &s) {
  std::vector<std::string> words = {"alpha-long-word-one", // 37 calls
                                    "beta-long-word-two"};
  size_t n = 0;
  for (const auto &w : words)
    n += w == s;
  return n;
}

size_t never(const std::string &s) {
  std::vector<std::string> words = {"gamma-long-word-one", // never runs
                                    "delta-long-word-two"};
  return words.size() + s.size();
}

void use(const std::vector<int> &v) { Sink += long(v.size()); }

void churn() {
  for (int i = 0; i < 50; ++i) {
    std::vector<int> tmp; // container-in-loop: 50 iterations
    tmp.push_back(i);
    use(tmp);
  }
}

struct Big {
  char bytes[256];
};

void allocate() {
  for (int i = 0; i < 20; ++i) {
    auto p = std::make_unique<Big>(); // heap-alloc-in-loop: 20 iterations
    p->bytes[0] = char(i);
    Sink += p->bytes[0];
  }
}

struct Small {
  int a, b;
};

void local() {
  auto p = std::make_unique<Small>(); // unnecessary-heap: 7 calls
  p->a = 1;
  Sink += p->a;
}

void spawn(const std::vector<int> &jobs) {
  std::vector<std::thread> threads;
  for (int j : jobs) // thread-per-task: 3 iterations
    threads.emplace_back([j] { Sink += j; });
  for (auto &t : threads)
    t.join();
}

struct Padded { // struct-padding: an array element, used by fill() 5 times
  char tag;
  double value;
  char flag;
};

void fill() {
  Padded items[64];
  for (Padded &p : items) {
    p.tag = 1;
    p.value = 2;
    p.flag = 3;
  }
  Sink += items[3].tag;
}

struct Counters { // false-sharing: two threads, one member each
  std::atomic<long> produced{0};
  std::atomic<long> consumed{0};
};

void count() {
  Counters c;
  std::thread a([&c] {
    for (int i = 0; i < 1000; ++i)
      c.produced.fetch_add(1);
  });
  std::thread b([&c] {
    for (int i = 0; i < 1000; ++i)
      c.consumed.fetch_add(1);
  });
  a.join();
  b.join();
  Sink += c.produced + c.consumed;
}

int main(int argc, char **argv) {
  size_t t = 0;
  for (int k = 0; k < 10; ++k)
    t += grow(100).size();
  for (int k = 0; k < 37; ++k)
    t += known("beta-long-word-two");
  if (argc > 5)
    t += never(argv[1]);
  churn();
  allocate();
  for (int k = 0; k < 7; ++k)
    local();
  spawn({1, 2, 3});
  for (int k = 0; k < 5; ++k)
    fill();
  count();
  std::printf("%zu %ld\n", t, Sink);
}
