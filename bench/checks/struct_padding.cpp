// hotpath-struct-padding: the same record, padded against reordered.
//
// "before" is the field order hotpath-struct-padding reports (the shape of
// examples/logproc's LogRecord without its strings: flags between 8-byte
// fields, 48 bytes); "after" is the order its fix-it writes (24 bytes). Two
// workloads: a scan of 1 Mi records that filters on flags and sums a field
// (48 MiB against 24 MiB: memory-bound), and sorting 1 Mi records by
// timestamp (moves the whole record; 48 MiB against 24 MiB again).
// Reported per record.
#include "hotpath/bench.hpp"

#include <algorithm>
#include <benchmark/benchmark.h>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace {

struct Padded {
  bool valid;
  std::int64_t timestamp_ms;
  bool is_error;
  std::int32_t status;
  bool slow;
  std::int64_t latency_us;
  char method;
};

struct Reordered {
  std::int64_t timestamp_ms;
  std::int64_t latency_us;
  std::int32_t status;
  bool valid;
  bool is_error;
  bool slow;
  char method;
};

static_assert(sizeof(Padded) == 48, "the padded order");
static_assert(sizeof(Reordered) == 24, "the order the fix-it writes");

constexpr std::size_t kScanRecords = std::size_t{1} << 20;
constexpr std::size_t kSortRecords = std::size_t{1} << 20;

template <class R> std::vector<R> makeRecords(std::size_t N) {
  std::vector<R> V(N);
  std::uint64_t X = 0x9E3779B97F4A7C15u;
  for (R &Rec : V) {
    X ^= X << 13;
    X ^= X >> 7;
    X ^= X << 17;
    Rec.valid = true;
    Rec.timestamp_ms = static_cast<std::int64_t>(X >> 20);
    Rec.is_error = (X & 15) == 0;
    Rec.status = Rec.is_error ? 500 : 200;
    Rec.slow = (X & 0x70) == 0;
    Rec.latency_us = static_cast<std::int64_t>(X & 0xFFFFF);
    Rec.method = 'G';
  }
  return V;
}

template <class R> void scan(benchmark::State &State) {
  const std::vector<R> Records = makeRecords<R>(kScanRecords);
  hotpath::BenchAllocs Allocs(State, kScanRecords);
  for (auto _ : State) {
    std::int64_t Sum = 0;
    for (const R &Rec : Records)
      if (Rec.is_error || Rec.slow)
        Sum += Rec.latency_us;
    benchmark::DoNotOptimize(Sum);
  }
  State.SetItemsProcessed(State.iterations() * kScanRecords);
}

template <class R> void sortByTime(benchmark::State &State) {
  const std::vector<R> Pristine = makeRecords<R>(kSortRecords);
  std::vector<R> Work(Pristine.size());
  hotpath::BenchAllocs Allocs(State, kSortRecords);
  for (auto _ : State) {
    std::copy(Pristine.begin(), Pristine.end(), Work.begin());
    std::sort(Work.begin(), Work.end(), [](const R &A, const R &B) {
      return A.timestamp_ms < B.timestamp_ms;
    });
    benchmark::DoNotOptimize(Work.data());
  }
  State.SetItemsProcessed(State.iterations() * kSortRecords);
}

} // namespace

BENCHMARK(scan<Padded>)->Name("struct_padding_scan/before")->UseRealTime();
BENCHMARK(scan<Reordered>)->Name("struct_padding_scan/after")->UseRealTime();
BENCHMARK(sortByTime<Padded>)
    ->Name("struct_padding_sort/before")
    ->UseRealTime();
BENCHMARK(sortByTime<Reordered>)
    ->Name("struct_padding_sort/after")
    ->UseRealTime();
