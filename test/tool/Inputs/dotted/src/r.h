#pragma once
namespace lib {
struct R {
  int a;
  long b;
  int c;
  R();
};
}
#ifdef HEADER_ONLY
#include "r.cpp"
#endif
