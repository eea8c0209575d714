// A CLI11 workload: one application's command line parsed 400,000 times (a
// server re-reading its arguments, a REPL parsing every input line).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

int main() {
  long total = 0;
  for (int round = 0; round < 400000; ++round) {
    CLI::App app{"workload"};
    int threads = 1;
    std::string name;
    std::vector<std::string> files;
    bool verbose = false;
    app.add_option("-t,--threads", threads, "worker threads");
    app.add_option("-n,--name", name, "run name");
    app.add_flag("-v,--verbose", verbose, "more output");
    app.add_option("files", files, "inputs");
    app.parse("a.txt b.txt -v --name=run -t 8", false);
    total += threads + static_cast<long>(files.size()) + verbose;
  }
  std::printf("%ld\n", total);
}
