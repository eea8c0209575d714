#include "records.h"

Session::Session(const char *n, int p)
    : open(false), name(n), port(p), peer(nullptr) {}
