// Counting replacements for every replaceable global operator new/delete
// ([new.delete]: single, array, nothrow, aligned, sized, and combinations).
// Memory comes from malloc/posix_memalign so the counters never recurse.
#include "hotpath/alloc.hpp"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <new>

// Referenced through `-Wl,-u,hotpath_alloc_linked` by the hotpath::alloc
// target, so a static link always pulls this object (and with it the
// replacements) even when nothing calls AllocScope.
extern "C" {
extern const int hotpath_alloc_linked;
const int hotpath_alloc_linked = 1;
}

namespace {

// Process-wide counters, relaxed: each is an independent tally.
struct alignas(64) Global {
  std::atomic<std::uint64_t> allocs{0}, frees{0}, bytes{0};
};
Global g_counts;

// Per-thread tallies: trivially constructible, so thread_local needs no
// initialisation guard and costs nothing to touch inside operator new.
struct Local {
  std::uint64_t allocs, frees, bytes;
};
thread_local Local t_counts;

int trace_flag() {
  static const int v = [] {
    const char *s = std::getenv("HOTPATH_ALLOCTRACE");
    return (s && *s && !(s[0] == '0' && s[1] == '\0')) ? 1 : 0;
  }();
  return v;
}

std::atomic<hotpath::alloc::AllocHook> g_hook{nullptr};

inline void count_alloc(std::size_t n) noexcept {
  if (auto h = g_hook.load(std::memory_order_relaxed))
    h(n);
  g_counts.allocs.fetch_add(1, std::memory_order_relaxed);
  g_counts.bytes.fetch_add(n, std::memory_order_relaxed);
  ++t_counts.allocs;
  t_counts.bytes += n;
}

inline void count_free(void *p) noexcept {
  if (!p)
    return;
  g_counts.frees.fetch_add(1, std::memory_order_relaxed);
  ++t_counts.frees;
}

void *raw_alloc(std::size_t n) noexcept { return std::malloc(n ? n : 1); }

void *raw_alloc_aligned(std::size_t n, std::size_t align) noexcept {
  if (align < sizeof(void *))
    align = sizeof(void *);
  void *p = nullptr;
  if (posix_memalign(&p, align, n ? n : 1) != 0)
    return nullptr;
  return p;
}

// The throwing forms loop on the new_handler as [new.delete.single] says.
void *alloc_or_throw(std::size_t n) {
  for (;;) {
    if (void *p = raw_alloc(n)) {
      count_alloc(n);
      return p;
    }
    std::new_handler h = std::get_new_handler();
    if (!h)
      throw std::bad_alloc();
    h();
  }
}

void *alloc_aligned_or_throw(std::size_t n, std::align_val_t al) {
  for (;;) {
    if (void *p = raw_alloc_aligned(n, static_cast<std::size_t>(al))) {
      count_alloc(n);
      return p;
    }
    std::new_handler h = std::get_new_handler();
    if (!h)
      throw std::bad_alloc();
    h();
  }
}

void *alloc_nothrow(std::size_t n) noexcept {
  try {
    return alloc_or_throw(n);
  } catch (...) {
    return nullptr;
  }
}

void *alloc_aligned_nothrow(std::size_t n, std::align_val_t al) noexcept {
  try {
    return alloc_aligned_or_throw(n, al);
  } catch (...) {
    return nullptr;
  }
}

inline void release(void *p) noexcept {
  count_free(p);
  std::free(p);
}

} // namespace

// --- new ---------------------------------------------------------------
void *operator new(std::size_t n) { return alloc_or_throw(n); }
void *operator new[](std::size_t n) { return alloc_or_throw(n); }
void *operator new(std::size_t n, const std::nothrow_t &) noexcept {
  return alloc_nothrow(n);
}
void *operator new[](std::size_t n, const std::nothrow_t &) noexcept {
  return alloc_nothrow(n);
}
void *operator new(std::size_t n, std::align_val_t al) {
  return alloc_aligned_or_throw(n, al);
}
void *operator new[](std::size_t n, std::align_val_t al) {
  return alloc_aligned_or_throw(n, al);
}
void *operator new(std::size_t n, std::align_val_t al,
                   const std::nothrow_t &) noexcept {
  return alloc_aligned_nothrow(n, al);
}
void *operator new[](std::size_t n, std::align_val_t al,
                     const std::nothrow_t &) noexcept {
  return alloc_aligned_nothrow(n, al);
}

// --- delete ------------------------------------------------------------
void operator delete(void *p) noexcept { release(p); }
void operator delete[](void *p) noexcept { release(p); }
void operator delete(void *p, std::size_t) noexcept { release(p); }
void operator delete[](void *p, std::size_t) noexcept { release(p); }
void operator delete(void *p, const std::nothrow_t &) noexcept { release(p); }
void operator delete[](void *p, const std::nothrow_t &) noexcept { release(p); }
void operator delete(void *p, std::align_val_t) noexcept { release(p); }
void operator delete[](void *p, std::align_val_t) noexcept { release(p); }
void operator delete(void *p, std::size_t, std::align_val_t) noexcept {
  release(p);
}
void operator delete[](void *p, std::size_t, std::align_val_t) noexcept {
  release(p);
}
void operator delete(void *p, std::align_val_t,
                     const std::nothrow_t &) noexcept {
  release(p);
}
void operator delete[](void *p, std::align_val_t,
                       const std::nothrow_t &) noexcept {
  release(p);
}

namespace hotpath {
namespace alloc {

AllocCounts process_counts() noexcept {
  return {g_counts.allocs.load(std::memory_order_relaxed),
          g_counts.frees.load(std::memory_order_relaxed),
          g_counts.bytes.load(std::memory_order_relaxed)};
}

AllocCounts thread_counts() noexcept {
  return {t_counts.allocs, t_counts.frees, t_counts.bytes};
}

bool trace_enabled() noexcept { return trace_flag() != 0; }

void set_alloc_hook(AllocHook hook) noexcept {
  g_hook.store(hook, std::memory_order_relaxed);
}

} // namespace alloc

AllocScope::AllocScope(const char *name) noexcept : name_(name) { restart(); }

void AllocScope::restart() noexcept {
  start_ = alloc::process_counts();
  thread_start_ = alloc::thread_counts();
}

AllocCounts AllocScope::delta() const noexcept {
  return alloc::process_counts() - start_;
}

AllocCounts AllocScope::thread_delta() const noexcept {
  return alloc::thread_counts() - thread_start_;
}

AllocScope::~AllocScope() {
  if (!name_ || !trace_flag())
    return;
  const AllocCounts d = delta();
  std::fprintf(stderr,
               "hotpath alloctrace %s: %llu allocs, %llu frees, %llu B\n",
               name_, static_cast<unsigned long long>(d.allocs),
               static_cast<unsigned long long>(d.frees),
               static_cast<unsigned long long>(d.bytes));
}

} // namespace hotpath
