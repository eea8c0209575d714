// A muparser workload: one formula compiled once, evaluated 60,000,000 times.
#include <cstdio>
#include <muParser.h>

int main() {
  mu::Parser parser;
  double x = 0, y = 0;
  parser.DefineVar("x", &x);
  parser.DefineVar("y", &y);
  parser.SetExpr("sin(x) * cos(y) + x^2 - min(x, y) / (1 + y)");
  double total = 0;
  for (int i = 0; i < 60000000; ++i) {
    x = i * 1e-7;
    y = 2 + x;
    total += parser.Eval();
  }
  std::printf("%f\n", total);
}
