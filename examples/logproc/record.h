// One parsed access-log line.
#pragma once
#include <cstdint>
#include <string>

struct LogRecord { // expect: hotpath-struct-padding
  bool valid = false;
  std::int64_t timestamp_ms = 0;
  bool is_error = false;
  std::int32_t status = 0;
  bool slow = false;
  std::int64_t latency_us = 0;
  char method = 'G';
  std::string path;
  std::string client;
};

// Padded too (6 bytes before sample_rate), but every order needs 24 bytes:
// the padding only moves to the tail, so hotpath-struct-padding stays silent.
struct Config {
  int slow_threshold_us = 250000;
  int top_n = 5;
  bool verbose = false;
  char separator = ' ';
  double sample_rate = 1.0;
};
