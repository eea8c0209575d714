#pragma once
#include "record.h"
#include "stats.h"
#include <cstdint>
#include <iosfwd>
#include <mutex>
#include <string>
#include <vector>

// What the workers hand over besides their own Stats, under one mutex: every
// request's latency (the report's percentiles: a mean hides the slow tail)
// and, with --slow-log FILE, the slow requests, written to FILE as each
// worker finishes its lines so that `tail -f FILE` follows a run.
struct Collected {
  std::mutex mu;
  std::vector<std::int64_t> latencies_us;
  std::ofstream *slow_log = nullptr; // set before the workers start
};

// Splits the input into chunks and processes them concurrently.
Stats process_chunks(const std::vector<std::vector<std::string>> &chunks,
                     const Config &cfg, Counters &counters,
                     Collected &collected);
// One task per input file, each returning its own Stats.
Stats process_files(const std::vector<std::string> &paths, const Config &cfg,
                    Counters &counters, Collected &collected);
// Follows a stream of incoming batches until it is empty.
void drain_batches(std::vector<std::vector<std::string>> &pending,
                   const Config &cfg, Counters &counters, Collected &collected,
                   Stats &into);
