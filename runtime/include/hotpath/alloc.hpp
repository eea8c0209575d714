// hotpath allocation accounting — the `go test -benchmem` columns for C++.
//
// Declared here, defined in the separate opt-in library hotpath::alloc
// (libhotpath-alloc.a), which replaces every global operator new/delete with
// a counting version. Link it only into test and benchmark binaries.
//
// Counts are of operator new/delete calls; memory from malloc directly, from
// std::pmr upstreams other than new_delete_resource, or from allocators with
// their own entry points (e.g. oneTBB's scalable allocator) is not counted.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hotpath {

struct AllocCounts {
  std::uint64_t allocs = 0; // operator new calls (every form)
  std::uint64_t frees = 0;  // operator delete calls on non-null pointers
  std::uint64_t bytes = 0;  // bytes requested from operator new
};

inline AllocCounts operator-(const AllocCounts &a, const AllocCounts &b) {
  return {a.allocs - b.allocs, a.frees - b.frees, a.bytes - b.bytes};
}

namespace alloc {
AllocCounts process_counts() noexcept; // all threads
AllocCounts thread_counts() noexcept;  // calling thread only
bool trace_enabled() noexcept;         // HOTPATH_ALLOCTRACE set and not "0"
// Called on every counted allocation (size in bytes) while set; for finding
// where an unexpected allocation comes from (set a breakpoint in the hook).
// The hook must not allocate. nullptr removes it.
using AllocHook = void (*)(std::size_t bytes) noexcept;
void set_alloc_hook(AllocHook hook) noexcept;
} // namespace alloc

// Snapshot of the counters; delta() is what happened since construction.
// With a name and HOTPATH_ALLOCTRACE=1, the destructor prints one line to
// stderr (like GODEBUG=gctrace=1 prints one per GC).
class AllocScope {
public:
  explicit AllocScope(const char *name = nullptr) noexcept;
  ~AllocScope();
  AllocScope(const AllocScope &) = delete;
  AllocScope &operator=(const AllocScope &) = delete;

  AllocCounts delta() const noexcept;        // process-wide
  AllocCounts thread_delta() const noexcept; // this thread only
  void restart() noexcept;

private:
  const char *name_;
  AllocCounts start_, thread_start_;
};

} // namespace hotpath
