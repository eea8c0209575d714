#pragma once
#include "record.h"
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

// Counters bumped by the worker threads: 'lines' by the readers, the others
// by the parsers.
struct Counters {
  std::atomic<std::int64_t> lines{0};
  std::atomic<std::int64_t> errors{0}; // expect: hotpath-false-sharing
  std::atomic<std::int64_t> slow{0};   // expect: hotpath-false-sharing
};

class Stats {
public:
  void add(const LogRecord &rec);
  void merge(const Stats &other);
  std::vector<std::pair<std::string, std::int64_t>> top_paths(int n) const;
  std::int64_t total() const { return total_; }
  std::int64_t errors() const { return errors_; }
  double mean_latency_us() const;

private:
  std::map<std::string, std::int64_t> per_path_;
  std::int64_t total_ = 0;
  std::int64_t errors_ = 0;
  std::int64_t latency_sum_us_ = 0;
};

// The p-th percentile (0 < p <= 100, nearest rank) of the values, 0 for none;
// reorders the values.
std::int64_t percentile(std::vector<std::int64_t> &values, int p);
