#pragma once
#include "stats.h"
#include <ostream>
#include <string>
#include <vector>

void print_report(std::ostream &out, const Stats &stats, const Counters &c,
                  const Config &cfg);
std::vector<std::string> report_columns();
