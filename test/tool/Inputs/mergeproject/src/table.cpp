#include "records.h"

Entry first_entry() { return Entry{'a', 1.5, 'b'}; }
