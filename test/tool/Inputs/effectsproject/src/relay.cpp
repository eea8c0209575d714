#include "effects.h"

void relay(Logger &log) { log.flush(); }

void deep4(Logger &log) { log.flush(); }
void deep3(Logger &log) { deep4(log); }
void deep2(Logger &log) { deep3(log); }
void deep1(Logger &log) { deep2(log); }

void ping(int n) {
  if (n % 2)
    pong(n);
  else
    quiet(n);
}
