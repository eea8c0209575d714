// libhotpath_allocshim.so: counts heap allocations of any dynamically linked
// program, without relinking it:
//
//   LD_PRELOAD=.../libhotpath_allocshim.so HOTPATH_ALLOC_REPORT=a.jsonl prog
//
// Every allocation entry point of the C library is interposed and forwarded
// to the real one (found with dlsym(RTLD_NEXT)); operator new reaches these
// through libstdc++'s malloc/aligned_alloc calls. At exit, when
// HOTPATH_ALLOC_REPORT names a file, one JSON line is appended to it:
//   {"pid":1234,"allocs":5678,"frees":5600,"bytes":912345}
// Child processes inherit LD_PRELOAD and append their own line.
//
// Written in C so the shim pulls in no C++ runtime of its own: it must not
// change what the measured program allocates.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SHIM_API __attribute__((visibility("default")))

// --- counters --------------------------------------------------------------

// Sharded by thread so allocation-heavy multi-threaded programs do not all
// bounce one cache line (the shim's overhead is part of what is measured).
enum { kShards = 16, kCacheLine = 64 };

typedef struct {
  _Alignas(kCacheLine) _Atomic uint64_t allocs;
  _Atomic uint64_t frees;
  _Atomic uint64_t bytes;
} Shard;

static Shard g_shards[kShards];
static _Atomic unsigned g_next_shard;

// initial-exec: a plain %fs-relative access, no __tls_get_addr (which could
// allocate) inside malloc. Zero means "not assigned yet".
static __thread unsigned t_shard __attribute__((tls_model("initial-exec")));

static Shard *my_shard(void) {
  unsigned s = t_shard;
  if (s == 0) {
    s = atomic_fetch_add_explicit(&g_next_shard, 1, memory_order_relaxed) %
            kShards +
        1;
    t_shard = s;
  }
  return &g_shards[s - 1];
}

static void count_alloc(size_t bytes) {
  Shard *s = my_shard();
  atomic_fetch_add_explicit(&s->allocs, 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&s->bytes, bytes, memory_order_relaxed);
}

static void count_free(void) {
  atomic_fetch_add_explicit(&my_shard()->frees, 1, memory_order_relaxed);
}

// A forked child starts from zero: its line must not repeat what the parent
// counted before fork(), since the lines of all processes are summed.
static void reset_counts(void) {
  for (int i = 0; i < kShards; ++i) {
    atomic_store_explicit(&g_shards[i].allocs, 0, memory_order_relaxed);
    atomic_store_explicit(&g_shards[i].frees, 0, memory_order_relaxed);
    atomic_store_explicit(&g_shards[i].bytes, 0, memory_order_relaxed);
  }
}

// --- the real functions ------------------------------------------------------

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);
static int (*real_posix_memalign)(void **, size_t, size_t);
static void *(*real_aligned_alloc)(size_t, size_t);
static void *(*real_memalign)(size_t, size_t);
static void *(*real_valloc)(size_t);
static void *(*real_pvalloc)(size_t);
static size_t (*real_malloc_usable_size)(void *);

enum { kUnresolved, kResolving, kReady };
static _Atomic int g_state = kUnresolved;

// dlsym may allocate (calloc for its error state). While the real functions
// are being looked up, allocations are served from this buffer instead; its
// blocks are never given to the real free. Each block is preceded by its size
// so realloc and malloc_usable_size work on it.
static _Alignas(64) char g_boot[64 * 1024];
static _Atomic size_t g_boot_used;

static int is_boot(const void *p) {
  return (const char *)p >= g_boot && (const char *)p < g_boot + sizeof g_boot;
}

static void *boot_alloc(size_t n, size_t align) {
  if (align < 16)
    align = 16;
  size_t used = atomic_load_explicit(&g_boot_used, memory_order_relaxed);
  for (;;) {
    size_t start = (used + sizeof(size_t) + align - 1) & ~(align - 1);
    if (start > sizeof g_boot || n > sizeof g_boot - start) {
      errno = ENOMEM;
      return NULL;
    }
    if (atomic_compare_exchange_weak_explicit(&g_boot_used, &used, start + n,
                                              memory_order_relaxed,
                                              memory_order_relaxed)) {
      memcpy(g_boot + start - sizeof(size_t), &n, sizeof n);
      return g_boot + start; // zero: the buffer is in .bss and never reused
    }
  }
}

static size_t boot_size(const void *p) {
  size_t n;
  memcpy(&n, (const char *)p - sizeof(size_t), sizeof n);
  return n;
}

static void warn(const char *msg) {
  ssize_t r = write(2, msg, strlen(msg));
  (void)r;
}

static void die(const char *msg) {
  warn(msg);
  abort();
}

// Returns 1 once the real functions are known. Returns 0 while they are being
// looked up: to the thread that is looking them up (dlsym calling back into
// us) and, briefly, to any other thread that allocates at that moment; both
// are served from the bootstrap buffer.
static int resolved(void) {
  int state = atomic_load_explicit(&g_state, memory_order_acquire);
  if (state == kReady)
    return 1;
  if (state == kResolving)
    return 0;
  int expected = kUnresolved;
  if (!atomic_compare_exchange_strong_explicit(&g_state, &expected, kResolving,
                                               memory_order_acq_rel,
                                               memory_order_acquire))
    return expected == kReady;
  real_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
  real_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
  real_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
  real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
  real_posix_memalign =
      (int (*)(void **, size_t, size_t))dlsym(RTLD_NEXT, "posix_memalign");
  real_aligned_alloc =
      (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "aligned_alloc");
  real_memalign = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "memalign");
  real_valloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "valloc");
  real_pvalloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "pvalloc");
  real_malloc_usable_size =
      (size_t (*)(void *))dlsym(RTLD_NEXT, "malloc_usable_size");
  if (!real_malloc || !real_calloc || !real_realloc || !real_free ||
      !real_posix_memalign)
    die("hotpath allocshim: malloc, calloc, realloc, free or posix_memalign "
        "not found after the shim (dlsym RTLD_NEXT)\n");
  atomic_store_explicit(&g_state, kReady, memory_order_release);
  return 1;
}

// The optional forms fall back to posix_memalign when a C library lacks them.
static void *aligned_fallback(size_t align, size_t n) {
  void *p = NULL;
  int err = real_posix_memalign(&p, align, n);
  if (err != 0) {
    errno = err;
    return NULL;
  }
  return p;
}

// --- the interposed functions -----------------------------------------------

SHIM_API void *malloc(size_t n) {
  if (!resolved())
    return boot_alloc(n, 16);
  void *p = real_malloc(n);
  if (p)
    count_alloc(n);
  return p;
}

SHIM_API void *calloc(size_t count, size_t size) {
  size_t n;
  if (__builtin_mul_overflow(count, size, &n)) {
    errno = ENOMEM;
    return NULL;
  }
  if (!resolved())
    return boot_alloc(n, 16);
  void *p = real_calloc(count, size);
  if (p)
    count_alloc(n);
  return p;
}

SHIM_API void free(void *p) {
  if (!p || is_boot(p))
    return;
  if (!resolved())
    return; // cannot happen: p came from a real allocation
  count_free();
  real_free(p);
}

// realloc(NULL, n) is an allocation; a move is an allocation of the new block
// and a free of the old one, so allocs - frees stays the number of live
// blocks; growing or shrinking in place counts nothing.
SHIM_API void *realloc(void *old, size_t n) {
  if (old && is_boot(old)) {
    void *p = malloc(n);
    if (p) {
      size_t keep = boot_size(old);
      memcpy(p, old, keep < n ? keep : n);
    }
    return p;
  }
  if (!resolved())
    return old ? NULL : boot_alloc(n, 16);
  void *p = real_realloc(old, n);
  if (!old) {
    if (p)
      count_alloc(n);
  } else if (p && p != old) {
    count_alloc(n);
    count_free();
  } else if (!p && n == 0) {
    count_free(); // glibc: realloc(p, 0) frees p and returns NULL
  }
  return p;
}

SHIM_API void *reallocarray(void *old, size_t count, size_t size) {
  size_t n;
  if (__builtin_mul_overflow(count, size, &n)) {
    errno = ENOMEM;
    return NULL;
  }
  return realloc(old, n);
}

SHIM_API int posix_memalign(void **out, size_t align, size_t n) {
  if (!resolved()) {
    void *p = boot_alloc(n, align);
    if (!p)
      return ENOMEM;
    *out = p;
    return 0;
  }
  int err = real_posix_memalign(out, align, n);
  if (err == 0)
    count_alloc(n);
  return err;
}

SHIM_API void *aligned_alloc(size_t align, size_t n) {
  if (!resolved())
    return boot_alloc(n, align);
  void *p = real_aligned_alloc ? real_aligned_alloc(align, n)
                               : aligned_fallback(align, n);
  if (p)
    count_alloc(n);
  return p;
}

SHIM_API void *memalign(size_t align, size_t n) {
  if (!resolved())
    return boot_alloc(n, align);
  void *p =
      real_memalign ? real_memalign(align, n) : aligned_fallback(align, n);
  if (p)
    count_alloc(n);
  return p;
}

SHIM_API void *valloc(size_t n) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  if (!resolved())
    return boot_alloc(n, page);
  void *p = real_valloc ? real_valloc(n) : aligned_fallback(page, n);
  if (p)
    count_alloc(n);
  return p;
}

SHIM_API void *pvalloc(size_t n) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  if (!resolved())
    return boot_alloc(n, page);
  void *p = real_pvalloc ? real_pvalloc(n)
                         : aligned_fallback(page, (n + page - 1) & ~(page - 1));
  if (p)
    count_alloc(n);
  return p;
}

// Not an allocation, but the real one must never see a bootstrap block.
SHIM_API size_t malloc_usable_size(void *p) {
  if (!p)
    return 0;
  if (is_boot(p))
    return boot_size(p);
  if (!resolved() || !real_malloc_usable_size)
    return 0;
  return real_malloc_usable_size(p);
}

// --- the report at exit -----------------------------------------------------

// Read once at startup: the program may change its environment or working
// directory before it exits.
static char g_report_path[4096];

__attribute__((constructor)) static void shim_init(void) {
  pthread_atfork(NULL, NULL, reset_counts);
  const char *path = getenv("HOTPATH_ALLOC_REPORT");
  if (!path || !*path)
    return;
  size_t len = strlen(path), at = 0;
  if (path[0] != '/' && getcwd(g_report_path, sizeof g_report_path)) {
    at = strlen(g_report_path);
    g_report_path[at++] = '/';
  }
  if (at + len >= sizeof g_report_path) {
    g_report_path[0] = '\0';
    warn("hotpath allocshim: HOTPATH_ALLOC_REPORT path too long, no report\n");
    return;
  }
  memcpy(g_report_path + at, path, len + 1);
}

static char *put_str(char *out, const char *s) {
  while (*s)
    *out++ = *s++;
  return out;
}

static char *put_u64(char *out, uint64_t v) {
  char digits[20];
  int n = 0;
  do {
    digits[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (n)
    *out++ = digits[--n];
  return out;
}

// A destructor, not atexit: it runs after the program's own atexit handlers
// and static destructors (their frees count), on exit() and on return from
// main. _exit(), quick_exit() and death by a signal skip it: no line.
// Plain open/write on a stack buffer, no stdio: nothing here allocates.
__attribute__((destructor)) static void shim_report(void) {
  if (!g_report_path[0])
    return;
  uint64_t allocs = 0, frees = 0, bytes = 0;
  for (int i = 0; i < kShards; ++i) {
    allocs += atomic_load_explicit(&g_shards[i].allocs, memory_order_relaxed);
    frees += atomic_load_explicit(&g_shards[i].frees, memory_order_relaxed);
    bytes += atomic_load_explicit(&g_shards[i].bytes, memory_order_relaxed);
  }
  char line[160], *end = line;
  end = put_str(end, "{\"pid\":");
  end = put_u64(end, (uint64_t)getpid());
  end = put_str(end, ",\"allocs\":");
  end = put_u64(end, allocs);
  end = put_str(end, ",\"frees\":");
  end = put_u64(end, frees);
  end = put_str(end, ",\"bytes\":");
  end = put_u64(end, bytes);
  end = put_str(end, "}\n");

  int saved_errno = errno;
  int fd = open(g_report_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    warn("hotpath allocshim: cannot open HOTPATH_ALLOC_REPORT ");
    warn(g_report_path);
    warn("\n");
    errno = saved_errno;
    return;
  }
  // One write with O_APPEND: lines of concurrent processes do not interleave.
  const char *p = line;
  while (p < end) {
    ssize_t w = write(fd, p, (size_t)(end - p));
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      break;
    p += w;
  }
  close(fd);
  errno = saved_errno;
}
