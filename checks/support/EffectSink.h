//===--- EffectSink.h - hotpath ---------------------------------*- C++ -*-===//
//
// Where a translation unit's effect summaries go (support/EffectRecord.h):
// to the front-end that merges every TU's results, installed on the thread
// that runs the TU (the tool runs one TU per worker thread, the plugin one
// per process). Summaries are not findings: sent as a diagnostic, a TU's
// call graph was formatted, escaped and parsed again on its way (+8% of the
// parse of leveldb's db_impl.cc under callgrind); handed over here, what
// remains is building the records (+1.3%).
// Without a sink (clang-tidy, clangd) nothing is recorded.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_SUPPORT_EFFECTSINK_H
#define HOTPATH_CHECKS_SUPPORT_EFFECTSINK_H

#include "support/EffectRecord.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::hotpath::support {

/// One TU's summaries, by check.
using UnitSummaries =
    std::vector<std::pair<std::string, std::vector<FunctionRecord>>>;

/// The sink of the current thread; null when none is installed.
inline UnitSummaries *&currentEffectSink() {
  thread_local UnitSummaries *Sink = nullptr;
  return Sink;
}

/// Installs \p Sink on this thread for its lifetime.
class ScopedEffectSink {
public:
  explicit ScopedEffectSink(UnitSummaries &Sink)
      : Previous(std::exchange(currentEffectSink(), &Sink)) {}
  ~ScopedEffectSink() { currentEffectSink() = Previous; }
  ScopedEffectSink(const ScopedEffectSink &) = delete;
  ScopedEffectSink &operator=(const ScopedEffectSink &) = delete;

private:
  UnitSummaries *Previous;
};

} // namespace clang::tidy::hotpath::support

#endif // HOTPATH_CHECKS_SUPPORT_EFFECTSINK_H
