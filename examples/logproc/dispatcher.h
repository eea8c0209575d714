#pragma once
#include "record.h"
#include "stats.h"
#include <string>
#include <vector>

// Splits the input into chunks and processes them concurrently.
Stats process_chunks(const std::vector<std::vector<std::string>> &chunks,
                     const Config &cfg, Counters &counters);
// One task per input file, each returning its own Stats.
Stats process_files(const std::vector<std::string> &paths, const Config &cfg,
                    Counters &counters);
// Follows a stream of incoming batches until it is empty.
void drain_batches(std::vector<std::vector<std::string>> &pending,
                   const Config &cfg, Counters &counters, Stats &into);
