#include "report.h"
#include <sstream>

std::vector<std::string> report_columns() {
  return {"path", "requests", "share"}; // expect: hotpath-constant-container-per-call
}

void print_report(std::ostream &out, const Stats &stats, const Counters &c,
                  const Config &cfg, std::vector<std::int64_t> &latencies_us) {
  out << "lines: " << c.lines.load() << "  errors: " << c.errors.load()
      << "  slow: " << c.slow.load() << "\n";
  out << "mean latency: " << stats.mean_latency_us() << " us"
      << "  p50: " << percentile(latencies_us, 50)
      << " us  p99: " << percentile(latencies_us, 99) << " us\n";
  for (const std::string &col : report_columns())
    out << col << '\t';
  out << '\n';
  for (const auto &[path, n] : stats.top_paths(cfg.top_n)) {
    std::string row; // expect: hotpath-container-in-loop
    row += path;
    row += '\t';
    row += std::to_string(n);
    row += '\t';
    row += std::to_string(stats.total() ? 100.0 * n / stats.total() : 0.0);
    out << row << '\n';
  }
}
