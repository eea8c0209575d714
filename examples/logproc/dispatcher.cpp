#include "dispatcher.h"
#include "parser.h"
#include <fstream>
#include <future>
#include <mutex>
#include <thread>

static Stats process_lines(const std::vector<std::string> &lines,
                           const Config &cfg, Counters &counters) {
  Stats local;
  for (const LogRecord &rec : parse_all(lines, cfg)) {
    local.add(rec);
    if (rec.is_error)
      counters.errors.fetch_add(1, std::memory_order_relaxed);
    if (rec.slow)
      counters.slow.fetch_add(1, std::memory_order_relaxed);
  }
  return local;
}

Stats process_chunks(const std::vector<std::vector<std::string>> &chunks,
                     const Config &cfg, Counters &counters) {
  std::vector<Stats> partial(chunks.size());
  std::vector<std::thread> threads;
  // One thread per chunk: the thread count follows the input size.
  for (std::size_t i = 0; i < chunks.size(); ++i)
    threads.emplace_back([&, i] { // expect: hotpath-thread-per-task, hotpath-missing-reserve
      counters.lines.fetch_add(chunks[i].size(), std::memory_order_relaxed);
      partial[i] = process_lines(chunks[i], cfg, counters);
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
                    Counters &counters) {
  std::vector<std::future<Stats>> results;
  for (const std::string &path : paths)
    results.push_back(std::async( // expect: hotpath-thread-per-task, hotpath-missing-reserve
        std::launch::async, [&cfg, &counters, path] {
          return process_lines(read_lines(path, counters), cfg, counters);
        }));
  Stats total;
  for (auto &r : results)
    total.merge(r.get());
  return total;
}

void drain_batches(std::vector<std::vector<std::string>> &pending,
                   const Config &cfg, Counters &counters, Stats &into) {
  std::mutex mu;
  while (!pending.empty()) {
    std::vector<std::string> batch = std::move(pending.back());
    pending.pop_back();
    auto work = [&, batch = std::move(batch)] {
      Stats s = process_lines(batch, cfg, counters);
      std::lock_guard<std::mutex> lock(mu);
      into.merge(s);
    };
    std::thread worker(std::move(work)); // expect: hotpath-thread-per-task
    worker.join();
  }
}
