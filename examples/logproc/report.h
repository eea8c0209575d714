#pragma once
#include "stats.h"
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

// latencies_us: every request's latency, for the percentiles (reordered).
void print_report(std::ostream &out, const Stats &stats, const Counters &c,
                  const Config &cfg, std::vector<std::int64_t> &latencies_us);
std::vector<std::string> report_columns();
