#include "records.h"

int port_of(const Session &s) { return s.port; }
double weight_of(const Entry &e) { return e.weight; }
