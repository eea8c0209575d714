// A program with known allocations, run by alloc_shim_test.cpp under
// LD_PRELOAD=libhotpath_allocshim.so. It prints what it knows it allocated;
// the shim's report must match.
//
//   alloc_shim_probe work N [DIR]  N rounds (a multiple of 4, spread over 4
//                                  threads) of every allocation form, plus a
//                                  vector grown in a thread; then chdir(DIR)
//   alloc_shim_probe spawn         allocates, then fork() + exit(), fork() +
//                                  execv(work), system(work)
//
// Output lines: "pid <role> <pid>", "malloc_from <library>",
// "expect <allocs> <frees> <bytes> <moves>" (exact for the rounds, a lower
// bound for the whole process; moves: reallocs that moved the block).
#include <dlfcn.h>
#include <malloc.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

// The pointer escapes into an asm statement: the compiler may not elide the
// allocation that produced it (new/delete and malloc/free pairs otherwise can
// be removed).
template <class T> T *escape(T *p) {
  asm volatile("" : : "g"(p) : "memory");
  return p;
}

struct alignas(64) Wide {
  char c[64];
};

struct Expected {
  std::uint64_t allocs = 0, frees = 0, bytes = 0, moves = 0;
};

[[noreturn]] void fail(const char *what) {
  std::fprintf(stderr, "alloc_shim_probe: %s\n", what);
  std::exit(3);
}

// One round: every allocation entry point once, each block freed.
// 12 allocations, 12 frees, 408 bytes, plus one of each and 4096 bytes when
// the growing realloc moves the block.
void one_round(Expected &e) {
  int *i = escape(new int(7));
  delete i;
  Wide *w = escape(new Wide); // aligned operator new: aligned_alloc
  delete w;
  std::free(escape(std::malloc(24)));
  std::free(escape(std::calloc(3, 8)));
  std::free(escape(std::aligned_alloc(64, 128)));
  void *pm = nullptr;
  if (posix_memalign(&pm, 32, 40) != 0)
    fail("posix_memalign failed");
  std::free(escape(pm));
  std::free(escape(memalign(64, 48)));
  std::free(escape(valloc(10)));
  std::free(escape(pvalloc(10)));
  void *r = escape(std::realloc(nullptr, 16));
  const auto before = reinterpret_cast<std::uintptr_t>(r);
  r = escape(std::realloc(r, 4096));
  if (!r)
    fail("realloc failed");
  if (reinterpret_cast<std::uintptr_t>(r) != before)
    ++e.moves;
  if (std::realloc(r, 0) != nullptr) // glibc: frees and returns NULL
    fail("realloc(p, 0) did not free");
  std::free(escape(reallocarray(nullptr, 4, 8)));
  std::free(escape(strdup("hotpath"))); // malloc from inside libc
  e.allocs += 12;
  e.frees += 12;
  e.bytes += 4 + 64 + 24 + 24 + 128 + 40 + 48 + 10 + 10 + 16 + 32 + 8;
}

void print_common(const char *role, const Expected &e) {
  Dl_info info{};
  const char *from = "?";
  if (dladdr(reinterpret_cast<void *>(&malloc), &info) && info.dli_fname)
    from = info.dli_fname;
  std::printf("pid %s %d\nmalloc_from %s\n", role, int(getpid()), from);
  std::printf("expect %llu %llu %llu %llu\n", (unsigned long long)e.allocs,
              (unsigned long long)e.frees, (unsigned long long)e.bytes,
              (unsigned long long)e.moves);
}

int work(int rounds, const char *chdir_to) {
  if (rounds % 4 != 0)
    fail("N must be a multiple of 4");
  Expected parts[4];
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (Expected &part : parts)
    threads.emplace_back([&part, rounds] {
      for (int k = 0; k < rounds / 4; ++k)
        one_round(part);
    });
  for (std::thread &t : threads)
    t.join();

  // A vector grown without reserve in a thread: one allocation per capacity
  // change, the old block freed each time.
  Expected growth;
  std::thread([&growth] {
    std::vector<int> v;
    std::size_t capacity = 0;
    for (int k = 0; k < 1000; ++k) {
      v.push_back(k);
      if (v.capacity() != capacity) {
        growth.allocs += 1;
        growth.frees += capacity ? 1 : 0;
        growth.bytes += v.capacity() * sizeof(int);
        capacity = v.capacity();
      }
    }
    escape(v.data());
    growth.frees += 1; // when v dies
  }).join();

  Expected total = growth;
  for (const Expected &part : parts) {
    total.allocs += part.allocs + part.moves;
    total.frees += part.frees + part.moves;
    total.bytes += part.bytes + 4096 * part.moves;
    total.moves += part.moves;
  }
  print_common("work", total);
  // The report path was fixed at startup: a relative one must not follow us.
  if (chdir_to && chdir(chdir_to) != 0)
    fail("chdir failed");
  return 0;
}

int spawn(const char *self) {
  Expected e;
  for (int k = 0; k < 1000; ++k)
    std::free(escape(std::malloc(32)));
  e.allocs = e.frees = 1000;
  e.bytes = 32000;
  print_common("parent", e);
  std::fflush(stdout); // the children must not print our buffer again

  // fork() without exec: the child reports only its own allocations.
  pid_t child = fork();
  if (child < 0)
    fail("fork failed");
  if (child == 0) {
    Expected c;
    for (int k = 0; k < 7; ++k)
      std::free(escape(std::malloc(100)));
    c.allocs = c.frees = 7;
    c.bytes = 700;
    print_common("fork", c);
    std::exit(0); // exit, not _exit: destructors run, the shim reports
  }
  int status = 0;
  if (waitpid(child, &status, 0) != child || !WIFEXITED(status) ||
      WEXITSTATUS(status) != 0)
    fail("fork child failed");

  // fork() + exec: a fresh image, a fresh shim.
  child = fork();
  if (child < 0)
    fail("fork failed");
  if (child == 0) {
    char *const argv[] = {const_cast<char *>(self), const_cast<char *>("work"),
                          const_cast<char *>("8"), nullptr};
    execv(self, argv);
    _exit(127);
  }
  if (waitpid(child, &status, 0) != child || !WIFEXITED(status) ||
      WEXITSTATUS(status) != 0)
    fail("exec child failed");

  // system(): through /bin/sh, which runs the probe again.
  const std::string command = "'" + std::string(self) + "' work 4";
  std::fflush(stdout);
  if (std::system(command.c_str()) != 0)
    fail("system() child failed");
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  if (argc >= 3 && std::strcmp(argv[1], "work") == 0)
    return work(std::atoi(argv[2]), argc >= 4 ? argv[3] : nullptr);
  if (argc == 2 && std::strcmp(argv[1], "spawn") == 0)
    return spawn(argv[0]);
  std::fprintf(stderr, "usage: alloc_shim_probe work N [DIR] | spawn\n");
  return 2;
}
