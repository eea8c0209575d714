// hotpath::Arena — a bump-pointer std::pmr::memory_resource.
//
// Unlike std::pmr::monotonic_buffer_resource, whose release() hands every
// block back upstream, Arena::reset() only rewinds: the blocks stay and are
// reused, so a per-request or per-frame arena reaches a steady state with no
// upstream allocations at all.
#pragma once

#include <cstddef>
#include <memory_resource>

namespace hotpath {

class Arena : public std::pmr::memory_resource {
public:
  explicit Arena(std::size_t first_block = 4096,
                 std::pmr::memory_resource *upstream =
                     std::pmr::new_delete_resource()) noexcept;
  ~Arena() override;
  Arena(const Arena &) = delete;
  Arena &operator=(const Arena &) = delete;

  // Rewinds to the first block; every block is kept for reuse.
  void reset() noexcept;
  // Returns every block upstream.
  void release() noexcept;

  std::size_t bytes_used() const noexcept;     // since the last reset
  std::size_t bytes_reserved() const noexcept; // sum of block sizes
  std::size_t block_count() const noexcept;

protected:
  void *do_allocate(std::size_t bytes, std::size_t align) override;
  void do_deallocate(void *, std::size_t, std::size_t) override {}
  bool do_is_equal(const std::pmr::memory_resource &o) const noexcept override {
    return this == &o;
  }

private:
  struct Block {
    Block *next;
    std::size_t size; // usable bytes after the header
  };
  static constexpr std::size_t header_size =
      (sizeof(Block) + alignof(std::max_align_t) - 1) &
      ~(alignof(std::max_align_t) - 1);
  static char *data(Block *b) noexcept {
    return reinterpret_cast<char *>(b) + header_size;
  }
  bool try_bump(std::size_t bytes, std::size_t align, void *&out) noexcept;

  std::pmr::memory_resource *upstream_;
  std::size_t next_size_;
  Block *first_ = nullptr, *cur_ = nullptr, *last_ = nullptr;
  char *ptr_ = nullptr, *end_ = nullptr;
  std::size_t used_before_cur_ = 0; // bytes handed out in earlier blocks
};

} // namespace hotpath
