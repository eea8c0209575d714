#include "stats.h"
#include <algorithm>

void Stats::add(const LogRecord &rec) {
  ++per_path_[rec.path];
  ++total_;
  errors_ += rec.is_error;
  latency_sum_us_ += rec.latency_us;
}

void Stats::merge(const Stats &other) {
  for (const auto &[path, n] : other.per_path_)
    per_path_[path] += n;
  total_ += other.total_;
  errors_ += other.errors_;
  latency_sum_us_ += other.latency_sum_us_;
}

std::vector<std::pair<std::string, std::int64_t>>
Stats::top_paths(int n) const {
  std::vector<std::pair<std::string, std::int64_t>> all;
  for (const auto &entry : per_path_)
    all.push_back(entry); // expect: hotpath-missing-reserve
  std::sort(all.begin(), all.end(),
            [](const auto &a, const auto &b) { return a.second > b.second; });
  if (static_cast<int>(all.size()) > n)
    all.resize(n);
  return all;
}

double Stats::mean_latency_us() const {
  return total_ ? static_cast<double>(latency_sum_us_) / total_ : 0.0;
}
