// hotpath::Task — a move-only `void()` callable with a small inline buffer.
//
// std::function needs copyable targets and (in libstdc++) only keeps 16 bytes
// inline, so a lambda capturing three pointers allocates on every submit. Task
// keeps up to `inline_size` bytes in place (one cache line per task in total)
// and falls back to the heap only for bigger or throwing-move callables.
#pragma once

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

namespace hotpath {

class Task {
public:
  static constexpr std::size_t inline_size = 48;
  static constexpr std::size_t inline_align = alignof(std::max_align_t);

  // True when F is stored without a heap allocation.
  template <class F>
  static constexpr bool stores_inline =
      sizeof(F) <= inline_size && alignof(F) <= inline_align &&
      std::is_nothrow_move_constructible_v<F>;

  Task() noexcept = default;

  template <class F, class D = std::decay_t<F>,
            class = std::enable_if_t<!std::is_same_v<D, Task> &&
                                     std::is_invocable_v<D &>>>
  Task(F &&f) { // NOLINT(google-explicit-constructor): used like a function
    if constexpr (stores_inline<D>) {
      ::new (static_cast<void *>(buf_)) D(std::forward<F>(f));
      ops_ = &inline_ops<D>;
    } else {
      D *p = new D(std::forward<F>(f));
      ::new (static_cast<void *>(buf_)) D *(p);
      ops_ = &heap_ops<D>;
    }
  }

  Task(Task &&o) noexcept { take(o); }
  Task &operator=(Task &&o) noexcept {
    if (this != &o) {
      reset();
      take(o);
    }
    return *this;
  }
  Task(const Task &) = delete;
  Task &operator=(const Task &) = delete;
  ~Task() { reset(); }

  explicit operator bool() const noexcept { return ops_ != nullptr; }

  // Runs the callable; it stays stored (destroy with reset()).
  void operator()() { ops_->invoke(buf_); }

  void reset() noexcept {
    if (ops_) {
      ops_->destroy(buf_);
      ops_ = nullptr;
    }
  }

private:
  struct Ops {
    void (*invoke)(void *);
    void (*move)(void *dst, void *src) noexcept; // move-construct, destroy src
    void (*destroy)(void *) noexcept;
  };

  template <class D> static D *as(void *p) noexcept {
    return std::launder(static_cast<D *>(p));
  }

  template <class D>
  static constexpr Ops inline_ops = {[](void *p) { (*as<D>(p))(); },
                                     [](void *dst, void *src) noexcept {
                                       ::new (dst) D(std::move(*as<D>(src)));
                                       as<D>(src)->~D();
                                     },
                                     [](void *p) noexcept { as<D>(p)->~D(); }};

  template <class D>
  static constexpr Ops heap_ops = {
      [](void *p) { (**as<D *>(p))(); },
      [](void *dst, void *src) noexcept { ::new (dst) D *(*as<D *>(src)); },
      [](void *p) noexcept { delete *as<D *>(p); }};

  void take(Task &o) noexcept {
    if (o.ops_) {
      o.ops_->move(buf_, o.buf_);
      ops_ = o.ops_;
      o.ops_ = nullptr;
    }
  }

  alignas(inline_align) unsigned char buf_[inline_size];
  const Ops *ops_ = nullptr;
};

} // namespace hotpath
