#include "dispatcher.h"
#include "parser.h"
#include <fstream>
#include <future>
#include <mutex>
#include <thread>

static Stats process_lines(const std::vector<std::string> &lines,
                           const Config &cfg, Counters &counters,
                           Collected &collected) {
  Stats local;
  const std::vector<LogRecord> records = parse_all(lines, cfg);
  std::string slow;
  for (const LogRecord &rec : records) {
    local.add(rec);
    if (rec.is_error)
      counters.errors.fetch_add(1, std::memory_order_relaxed);
    if (rec.slow) {
      counters.slow.fetch_add(1, std::memory_order_relaxed);
      if (collected.slow_log)
        slow += std::to_string(rec.timestamp_ms) + ' ' + rec.path + ' ' +
                std::to_string(rec.latency_us) + '\n';
    }
  }
  // Every latency into the shared list for the percentiles.
  for (const LogRecord &rec : records) {
    std::lock_guard<std::mutex> lock(collected.mu); // expect: hotpath-lock-in-loop
    collected.latencies_us.push_back(rec.latency_us);
  }
  if (!slow.empty()) {
    std::lock_guard<std::mutex> lock(collected.mu);
    *collected.slow_log << slow;
    collected.slow_log->flush(); // expect: hotpath-blocking-under-lock
  }
  return local;
}

Stats process_chunks(const std::vector<std::vector<std::string>> &chunks,
                     const Config &cfg, Counters &counters,
                     Collected &collected) {
  std::vector<Stats> partial(chunks.size());
  std::vector<std::thread> threads;
  // One thread per chunk: the thread count follows the input size.
  for (std::size_t i = 0; i < chunks.size(); ++i)
    threads.emplace_back([&, i] { // expect: hotpath-thread-per-task, hotpath-missing-reserve
      counters.lines.fetch_add(chunks[i].size(), std::memory_order_relaxed);
      partial[i] = process_lines(chunks[i], cfg, counters, collected);
    });
  for (auto &t : threads)
    t.join();
  Stats total;
  for (const Stats &s : partial)
    total.merge(s);
  return total;
}

static std::vector<std::string> read_lines(const std::string &path,
                                           Counters &counters) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    lines.push_back(line);
    counters.lines.fetch_add(1, std::memory_order_relaxed);
  }
  return lines;
}

Stats process_files(const std::vector<std::string> &paths, const Config &cfg,
                    Counters &counters, Collected &collected) {
  std::vector<std::future<Stats>> results;
  for (const std::string &path : paths)
    results.push_back(std::async( // expect: hotpath-thread-per-task, hotpath-missing-reserve
        std::launch::async, [&cfg, &counters, &collected, path] {
          return process_lines(read_lines(path, counters), cfg, counters,
                               collected);
        }));
  Stats total;
  for (auto &r : results)
    total.merge(r.get());
  return total;
}

void drain_batches(std::vector<std::vector<std::string>> &pending,
                   const Config &cfg, Counters &counters, Collected &collected,
                   Stats &into) {
  std::mutex mu;
  while (!pending.empty()) {
    std::vector<std::string> batch = std::move(pending.back());
    pending.pop_back();
    auto work = [&, batch = std::move(batch)] {
      Stats s = process_lines(batch, cfg, counters, collected);
      std::lock_guard<std::mutex> lock(mu);
      into.merge(s);
    };
    std::thread worker(std::move(work)); // expect: hotpath-thread-per-task
    worker.join();
  }
}
