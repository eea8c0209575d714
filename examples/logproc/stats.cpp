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

// Requests per hour of the day, totalled over the days of a log:
// per_day[d][h] counts day d's requests in hour h (a row of 24 counters per
// day). For an hourly profile; logproc's report does not print one yet.
std::vector<std::int64_t>
hourly_totals(const std::vector<std::vector<std::int64_t>> &per_day) {
  using Index = std::vector<std::int64_t>::size_type;
  std::vector<std::int64_t> total(24);
  for (Index h = 0; h < total.size(); ++h)
    for (Index d = 0; d < per_day.size(); ++d)
      total[h] += per_day[d][h]; // expect: hotpath-cache-unfriendly-traversal
  return total;
}

std::int64_t percentile(std::vector<std::int64_t> &values, int p) {
  if (values.empty())
    return 0;
  // Nearest rank: the smallest value with at least p% of the values at or
  // below it, the ceil(p * n / 100)-th smallest.
  std::size_t rank = (values.size() * p + 99) / 100;
  auto nth = values.begin() + (rank ? rank - 1 : 0);
  std::nth_element(values.begin(), nth, values.end());
  return *nth;
}
