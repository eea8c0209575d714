#pragma once
#include "record.h"
#include <string>
#include <string_view>
#include <vector>

// Parses "<ts> <client> <METHOD> <path> <status> <latency_us>".
LogRecord parse_line(std::string_view line, const Config &cfg);
std::vector<LogRecord> parse_all(const std::vector<std::string> &lines,
                                 const Config &cfg);
bool is_known_method(std::string_view method);
std::vector<std::string> split_fields(std::string_view line, char sep);
