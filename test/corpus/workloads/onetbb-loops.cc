// A oneTBB workload: a parallel_for and a parallel_reduce over 200,000
// elements, 30,000 times each (auto_partitioner, the default).
#include <cstdio>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_reduce.h>
#include <vector>

int main() {
  std::vector<double> data(200000, 1.0);
  double total = 0;
  for (int round = 0; round < 30000; ++round) {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, data.size()),
                      [&](const tbb::blocked_range<size_t> &r) {
                        for (size_t i = r.begin(); i != r.end(); ++i)
                          data[i] = data[i] * 0.5 + 1.0;
                      });
    total += tbb::parallel_reduce(
        tbb::blocked_range<size_t>(0, data.size()), 0.0,
        [&](const tbb::blocked_range<size_t> &r, double sum) {
          for (size_t i = r.begin(); i != r.end(); ++i)
            sum += data[i];
          return sum;
        },
        [](double a, double b) { return a + b; });
  }
  std::printf("%f\n", total);
}
