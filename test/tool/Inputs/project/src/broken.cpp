#include "shared.h"
void broken() { return undeclared_name; }
