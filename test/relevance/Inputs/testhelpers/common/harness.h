#pragma once
// The tests' own entry header: it brings in the framework.
#include <minitest.h>
