#define HEADER_ONLY
#define lib lib_h
#include "../src/r.h"
