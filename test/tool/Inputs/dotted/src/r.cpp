#include "r.h"
namespace lib {
R::R() : a(0), b(100), c(0) {}
R table[100];
}
