// A padded record in a system header: never reported.
#pragma once
struct SysPadded {
  char a;
  double b;
  char c;
};
