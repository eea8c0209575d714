#include "records.h"

// No vector of Events and no threads here: neither record would be
// reported from this file alone, but both fixes would break it.
Event first_event() { return Event{true, 42, false, {}}; }
static_assert(sizeof(Counters) == 16, "two counters in one slot");
void reset(Counters &c) { c.produced = 0; }
