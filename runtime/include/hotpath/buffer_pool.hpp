// hotpath::BufferPool — size-classed byte buffers on top of the Pool engine.
//
// Requests are rounded up to a power-of-two class between min_size and
// max_size; each class is its own pool (per-thread cache, depot, victim
// generation). Requests above max_size are served from the heap and freed on
// release, so one huge message cannot pin memory in the pool forever.
#pragma once

#include "hotpath/pool.hpp"

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

namespace hotpath {

struct BufferPoolOptions {
  std::size_t min_size = 64;                   // smallest class (power of two)
  std::size_t max_size = std::size_t{1} << 20; // largest retained buffer
  std::size_t local_capacity = 16;             // buffers per class per thread
  std::chrono::milliseconds trim_interval{0};
};

class BufferPool {
public:
  class Buffer {
  public:
    Buffer() = default;
    Buffer(Buffer &&o) noexcept { *this = std::move(o); }
    Buffer &operator=(Buffer &&o) noexcept {
      if (this != &o) {
        reset();
        pool_ = std::exchange(o.pool_, nullptr);
        data_ = std::exchange(o.data_, nullptr);
        size_ = std::exchange(o.size_, 0);
        capacity_ = std::exchange(o.capacity_, 0);
        cls_ = o.cls_;
      }
      return *this;
    }
    ~Buffer() { reset(); }

    std::byte *data() const noexcept { return data_; }
    std::size_t size() const noexcept { return size_; }         // requested
    std::size_t capacity() const noexcept { return capacity_; } // class size
    explicit operator bool() const noexcept { return data_ != nullptr; }
    void reset() noexcept;

  private:
    friend class BufferPool;
    BufferPool *pool_ = nullptr;
    std::byte *data_ = nullptr;
    std::size_t size_ = 0, capacity_ = 0;
    int cls_ = -1; // -1: oversized, not retained
  };

  explicit BufferPool(BufferPoolOptions opts = BufferPoolOptions());
  ~BufferPool();
  BufferPool(const BufferPool &) = delete;
  BufferPool &operator=(const BufferPool &) = delete;

  // A buffer of at least n bytes (contents unspecified).
  Buffer get(std::size_t n);
  void trim();
  // Sum over classes.
  PoolStats stats() const;
  std::size_t class_count() const noexcept { return classes_.size(); }
  std::size_t class_size(std::size_t cls) const noexcept {
    return min_size_ << cls;
  }

private:
  void put(Buffer &b) noexcept;
  static void destroy(void *, void *p) noexcept;

  std::size_t min_size_, max_size_;
  int min_shift_;
  std::vector<std::unique_ptr<detail::PoolCore>> classes_;
};

} // namespace hotpath
