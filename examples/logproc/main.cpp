// logproc: summarises an access log. Without arguments it generates a
// synthetic log, so the example runs anywhere:
//   logproc [--lines N] [--chunk N] [--slow-log FILE] [file...]
// --slow-log FILE: the requests over the slow threshold go to FILE too.
#include "dispatcher.h"
#include "report.h"
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

static std::vector<std::string> synthetic_log(std::size_t n) {
  static const char *const paths[] = {"/", "/login", "/api/items", "/api/cart",
                                      "/static/app.js"};
  static const char *const methods[] = {"GET", "POST", "GET", "PUT", "GET"};
  std::mt19937 rng(42);
  std::vector<std::string> lines;
  lines.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    unsigned r = rng();
    lines.push_back(std::to_string(1700000000000 + i) + " 10.0.0." +
                    std::to_string(r % 200) + " " + methods[r % 5] + " " +
                    paths[(r >> 3) % 5] + " " +
                    std::to_string((r >> 7) % 10 ? 200 : 503) + " " +
                    std::to_string((r >> 11) % 400000));
  }
  return lines;
}

int main(int argc, char **argv) {
  // A heap Config that never leaves main: hotpath-unnecessary-heap holds it
  // back (main runs once; --include-run-once shows it).
  auto cfg = std::make_unique<Config>();
  std::size_t n_lines = 200000, chunk = 5000;
  std::vector<std::string> files;
  Collected collected;
  std::ofstream slow_log;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--lines" && i + 1 < argc)
      n_lines = std::strtoul(argv[++i], nullptr, 10);
    else if (a == "--chunk" && i + 1 < argc)
      chunk = std::strtoul(argv[++i], nullptr, 10);
    else if (a == "--slow-log" && i + 1 < argc) {
      slow_log.open(argv[++i]);
      if (!slow_log) {
        std::cerr << "logproc: cannot write " << argv[i] << "\n";
        return 1;
      }
      collected.slow_log = &slow_log;
    } else
      files.push_back(a);
  }

  Counters counters;
  Stats stats;
  if (!files.empty()) {
    stats = process_files(files, *cfg, counters, collected);
  } else {
    std::vector<std::string> log = synthetic_log(n_lines);
    std::vector<std::vector<std::string>> chunks;
    for (std::size_t i = 0; i < log.size(); i += chunk)
      chunks.emplace_back(log.begin() + i,
                          log.begin() + std::min(log.size(), i + chunk));
    stats = process_chunks(chunks, *cfg, counters, collected);
  }
  print_report(std::cout, stats, counters, *cfg, collected.latencies_us);
  return 0;
}
