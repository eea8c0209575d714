#include "parser.h"
#include <charconv>
#include <memory>
#include <set>

bool is_known_method(std::string_view method) {
  // Rebuilt (and heap-allocated) on every call.
  std::set<std::string> known = {"GET", "POST", "PUT", "DELETE", "HEAD"}; // expect: hotpath-constant-container-per-call
  return known.count(std::string(method)) != 0;
}

std::vector<std::string> split_fields(std::string_view line, char sep) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (start <= line.size()) {
    std::size_t end = line.find(sep, start);
    if (end == std::string_view::npos)
      end = line.size();
    fields.emplace_back(line.substr(start, end - start));
    start = end + 1;
  }
  return fields;
}

static std::int64_t to_int(const std::string &s) {
  std::int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

LogRecord parse_line(std::string_view line, const Config &cfg) {
  LogRecord rec;
  std::vector<std::string> f = split_fields(line, cfg.separator);
  if (f.size() < 6 || !is_known_method(f[2]))
    return rec;
  rec.valid = true;
  rec.timestamp_ms = to_int(f[0]);
  rec.client = f[1];
  rec.method = f[2][0];
  rec.path = f[3];
  rec.status = static_cast<std::int32_t>(to_int(f[4]));
  rec.latency_us = to_int(f[5]);
  rec.is_error = rec.status >= 500;
  rec.slow = rec.latency_us > cfg.slow_threshold_us;
  return rec;
}

std::vector<LogRecord> parse_all(const std::vector<std::string> &lines,
                                 const Config &cfg) {
  std::vector<LogRecord> out;
  for (const std::string &line : lines) {
    // A heap object per line, dropped at the end of the iteration.
    auto rec = std::make_unique<LogRecord>(parse_line(line, cfg)); // expect: hotpath-heap-alloc-in-loop
    if (rec->valid)
      out.push_back(*rec);
  }
  return out;
}

// For callers that screen their input before parsing it (the log shipper's
// --strict mode): whether a line has the shape parse_line expects.
#include <regex>

bool is_well_formed(std::string_view line) {
  return std::regex_match(line.begin(), line.end(),
                          std::regex(R"(\d+ \S+ [A-Z]+ /\S* \d{3} \d+)")); // expect: hotpath-regex-per-call
}
