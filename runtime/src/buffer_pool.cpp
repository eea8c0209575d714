#include "hotpath/buffer_pool.hpp"

#include <new>

namespace hotpath {
namespace {

std::size_t round_up_pow2(std::size_t n) {
  std::size_t p = 1;
  while (p < n)
    p <<= 1;
  return p;
}

int log2_floor(std::size_t n) {
  int s = 0;
  while ((std::size_t{1} << (s + 1)) <= n)
    ++s;
  return s;
}

} // namespace

void BufferPool::destroy(void *, void *p) noexcept { ::operator delete(p); }

BufferPool::BufferPool(BufferPoolOptions opts)
    : min_size_(round_up_pow2(opts.min_size ? opts.min_size : 1)),
      max_size_(round_up_pow2(opts.max_size)) {
  if (max_size_ < min_size_)
    max_size_ = min_size_;
  min_shift_ = log2_floor(min_size_);
  PoolOptions po;
  po.local_capacity = opts.local_capacity;
  po.trim_interval = opts.trim_interval;
  for (std::size_t s = min_size_; s <= max_size_; s <<= 1)
    classes_.push_back(
        std::make_unique<detail::PoolCore>(&BufferPool::destroy, nullptr, po));
}

BufferPool::~BufferPool() = default;

BufferPool::Buffer BufferPool::get(std::size_t n) {
  Buffer b;
  b.pool_ = this;
  b.size_ = n;
  if (n > max_size_) {
    b.capacity_ = n;
    b.data_ = static_cast<std::byte *>(::operator new(n));
    return b;
  }
  const std::size_t cap = n <= min_size_ ? min_size_ : round_up_pow2(n);
  const int cls = log2_floor(cap) - min_shift_;
  b.cls_ = cls;
  b.capacity_ = cap;
  detail::PoolCore &core = *classes_[static_cast<std::size_t>(cls)];
  void *p = core.get();
  if (!p) {
    core.note_created();
    p = ::operator new(cap);
  }
  b.data_ = static_cast<std::byte *>(p);
  return b;
}

void BufferPool::put(Buffer &b) noexcept {
  if (b.cls_ < 0) {
    ::operator delete(b.data_);
    return;
  }
  try {
    classes_[static_cast<std::size_t>(b.cls_)]->put(b.data_);
  } catch (...) {
    // Registering a first-time thread can fail to allocate: just free.
    ::operator delete(b.data_);
  }
}

void BufferPool::Buffer::reset() noexcept {
  if (data_) {
    pool_->put(*this);
    data_ = nullptr;
    size_ = capacity_ = 0;
    cls_ = -1;
  }
}

void BufferPool::trim() {
  for (auto &c : classes_)
    c->trim();
}

PoolStats BufferPool::stats() const {
  PoolStats s;
  for (auto &c : classes_) {
    const PoolStats cs = c->stats();
    s.created += cs.created;
    s.destroyed += cs.destroyed;
    s.depot += cs.depot;
    s.victim += cs.victim;
    s.epoch = cs.epoch;
  }
  return s;
}

} // namespace hotpath
