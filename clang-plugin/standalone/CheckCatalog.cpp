//===--- CheckCatalog.cpp - hotpath ---------------------------------------===//

#include "CheckCatalog.h"
#include <string>

namespace clang::tidy::hotpath {

// Keep in the order of docs/checks; add an entry with every new check.
static const CheckInfo Catalog[] = {
    {"hotpath-blocking-under-lock",
     "A call that can block for long runs while a mutex is held.",
     "Sleeping, file or socket I/O, joining a thread, waiting for a future "
     "or running a shell command while a lock guard is alive (or between "
     "lock() and unlock()) makes every other thread that needs the mutex "
     "wait for it too. Copy what the call needs under the lock and call it "
     "after releasing it."},
    {"hotpath-cache-unfriendly-traversal",
     "Nested loops walk row-major data column by column: every access "
     "touches a new cache line.",
     "The inner loop of a nest varies the outer index of a row-major array "
     "(T a[R][C], a vector of vectors, std::array of std::arrays, a flat "
     "buffer indexed i * n + j), so consecutive iterations are a whole row "
     "apart: each loads a new cache line, uses one element of it, and "
     "defeats the hardware prefetcher and vectorisation. Interchange the "
     "loops (fix-it where that provably keeps the result)."},
    {"hotpath-constant-container-per-call",
     "A container built only from constants is rebuilt, and heap-allocated, "
     "on every call.",
     "A local std::vector/string/map/set (or a `return {...}` of one) whose "
     "elements are all constants and that is never modified, moved or "
     "escapes is constructed, with its heap allocations, on every call. Make "
     "it `static const` (fix-it), or return a reference to a static or a "
     "span over a constexpr std::array."},
    {"hotpath-container-in-loop",
     "A container declared in a loop body is allocated and freed on every "
     "iteration.",
     "A heap-owning container or string declared inside a loop body, filled "
     "there and dropped at the end of the iteration pays for its allocations "
     "on every iteration. Hoist it out of the loop and clear() it each "
     "iteration to keep its capacity."},
    {"hotpath-false-sharing",
     "Independently written synchronisation members share a cache line.",
     "Two or more atomics, mutexes or condition variables of one record lie "
     "in the same cache line, so a write to one invalidates the line for "
     "threads using the other and the cores ping-pong it. Align the later "
     "member to the cache line (fix-it: alignas), or pad per-thread array "
     "elements."},
    {"hotpath-heap-alloc-in-loop",
     "An object is heap-allocated and freed within one loop iteration.",
     "new, new[], make_unique, make_shared or malloc inside a loop whose "
     "result dies in the same iteration costs an allocation and a free per "
     "iteration. Reuse one object, put it on the stack, or take it from "
     "hotpath::Pool."},
    {"hotpath-lock-in-loop",
     "A mutex is locked and unlocked on every iteration of a loop over data.",
     "A lock guard declared in a loop body (or lock()/unlock() in it) around "
     "a short critical section costs an atomic read-modify-write pair per "
     "iteration and, under contention, a cache-line transfer or a futex "
     "sleep. Take the lock once around the loop, or collect locally and "
     "merge under one lock."},
    {"hotpath-missing-reserve",
     "A container grows one element per iteration of a counted loop without "
     "reserve().",
     "An empty vector, string or unordered container grows by one element "
     "per iteration of a loop whose trip count is known before it starts, "
     "so it reallocates and copies log2(n) times. Call reserve(count) before "
     "the loop (fix-it when the count has no side effects)."},
    {"hotpath-regex-per-call",
     "A regular expression is compiled from a constant pattern on every call "
     "or loop iteration.",
     "A std::regex (or a configured regex class) built from a constant "
     "pattern and constant flags inside a function or loop parses the "
     "pattern and allocates its automaton on every call or iteration: "
     "microseconds each, far more than matching with a compiled one. Make "
     "the local `static const` (fix-it), or keep a temporary as a "
     "function-local static and pass that."},
    {"hotpath-struct-padding",
     "A record's field order wastes bytes in padding.",
     "Reordering the fields of this record makes it smaller (less memory, "
     "fewer cache lines per element). The message gives the current and the "
     "best size and order; a fix-it reorders the declarations when that is "
     "safe."},
    {"hotpath-thread-per-task",
     "A thread is started for every item of data instead of reusing pooled "
     "workers.",
     "std::thread/std::jthread construction, std::async or pthread_create "
     "inside a loop whose trip count follows the data (a container, a queue, "
     "a stream). Creating and joining a thread costs tens of microseconds, "
     "far more than handing a task to running workers, and oversubscribes "
     "the cores as the input grows. Submit the work to a worker pool such as "
     "hotpath::WorkerPool."},
    {"hotpath-unnecessary-heap",
     "A small object that never leaves the function is allocated on the "
     "heap.",
     "A local unique_ptr (or new with a matching delete) to a small complete "
     "type that is never returned, moved, released or stored pays for an "
     "allocation and a free the stack would avoid. Declare the object as a "
     "local variable."},
};

llvm::ArrayRef<CheckInfo> checkCatalog() { return Catalog; }

const CheckInfo *findCheckInfo(llvm::StringRef Name) {
  for (const CheckInfo &I : Catalog)
    if (I.Name == Name)
      return &I;
  return nullptr;
}

std::string checkDocPath(llvm::StringRef Name) {
  return "docs/checks/" + Name.str() + ".md";
}

} // namespace clang::tidy::hotpath
