#include "hotpath/arena.hpp"

#include <cstdint>
#include <new>

namespace hotpath {

Arena::Arena(std::size_t first_block,
             std::pmr::memory_resource *upstream) noexcept
    : upstream_(upstream), next_size_(first_block ? first_block : 64) {}

Arena::~Arena() { release(); }

bool Arena::try_bump(std::size_t bytes, std::size_t align,
                     void *&out) noexcept {
  if (!ptr_)
    return false;
  const auto p = reinterpret_cast<std::uintptr_t>(ptr_);
  const std::uintptr_t a = (p + (align - 1)) & ~std::uintptr_t(align - 1);
  const auto e = reinterpret_cast<std::uintptr_t>(end_);
  if (a > e || e - a < bytes)
    return false;
  out = reinterpret_cast<void *>(a);
  ptr_ = reinterpret_cast<char *>(a + bytes);
  return true;
}

void *Arena::do_allocate(std::size_t bytes, std::size_t align) {
  if (align == 0 || (align & (align - 1)) != 0)
    throw std::bad_alloc();
  void *out;
  if (try_bump(bytes, align, out))
    return out;
  // Move on through blocks kept by reset() before asking upstream.
  while (cur_ && cur_->next) {
    used_before_cur_ += static_cast<std::size_t>(ptr_ - data(cur_));
    cur_ = cur_->next;
    ptr_ = data(cur_);
    end_ = ptr_ + cur_->size;
    if (try_bump(bytes, align, out))
      return out;
  }
  // Geometric growth keeps the number of upstream calls logarithmic.
  std::size_t size = next_size_;
  const std::size_t need = bytes + align;
  while (size < need)
    size *= 2;
  void *mem =
      upstream_->allocate(header_size + size, alignof(std::max_align_t));
  Block *b = ::new (mem) Block{nullptr, size};
  next_size_ = size * 2;
  if (last_)
    last_->next = b;
  else
    first_ = b;
  last_ = b;
  if (cur_)
    used_before_cur_ += static_cast<std::size_t>(ptr_ - data(cur_));
  cur_ = b;
  ptr_ = data(b);
  end_ = ptr_ + size;
  try_bump(bytes, align, out);
  return out;
}

void Arena::reset() noexcept {
  cur_ = first_;
  ptr_ = first_ ? data(first_) : nullptr;
  end_ = first_ ? ptr_ + first_->size : nullptr;
  used_before_cur_ = 0;
}

void Arena::release() noexcept {
  for (Block *b = first_; b;) {
    Block *n = b->next;
    upstream_->deallocate(b, header_size + b->size, alignof(std::max_align_t));
    b = n;
  }
  first_ = cur_ = last_ = nullptr;
  ptr_ = end_ = nullptr;
  used_before_cur_ = 0;
}

std::size_t Arena::bytes_used() const noexcept {
  return used_before_cur_ +
         (cur_ ? static_cast<std::size_t>(ptr_ - data(cur_)) : 0);
}

std::size_t Arena::bytes_reserved() const noexcept {
  std::size_t s = 0;
  for (Block *b = first_; b; b = b->next)
    s += b->size;
  return s;
}

std::size_t Arena::block_count() const noexcept {
  std::size_t n = 0;
  for (Block *b = first_; b; b = b->next)
    ++n;
  return n;
}

} // namespace hotpath
