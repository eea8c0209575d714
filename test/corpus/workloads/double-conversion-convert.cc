// A double-conversion workload: 20,000,000 doubles printed shortest and read
// back.
#include <cstdio>
#include <double-conversion/double-conversion.h>

int main() {
  using namespace double_conversion;
  const DoubleToStringConverter &to =
      DoubleToStringConverter::EcmaScriptConverter();
  StringToDoubleConverter from(StringToDoubleConverter::NO_FLAGS, 0.0, 0.0,
                               "inf", "nan");
  double total = 0;
  char buffer[64];
  for (int i = 1; i <= 20000000; ++i) {
    StringBuilder out(buffer, sizeof buffer);
    to.ToShortest(i / 7.0, &out);
    int length = out.position();
    out.Finalize();
    int used = 0;
    total += from.StringToDouble(buffer, length, &used);
  }
  std::printf("%f\n", total);
}
