//===--- DeclaredOptions.h - hotpath ----------------------------*- C++ -*-===//
//
// A check's options, each declared once where it is read: the read is
// remembered and store() writes every value back (what --dump-config
// shows), so no check keeps a storeOptions() that must list its options a
// second time. The analyses a check owns (analyses/Locks, the run-once
// filter) declare their options through the same object.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_SUPPORT_DECLAREDOPTIONS_H
#define HOTPATH_CHECKS_SUPPORT_DECLAREDOPTIONS_H

#include "clang-tidy/ClangTidyCheck.h"
#include "support/OptionList.h"
#include <functional>
#include <type_traits>
#include <vector>

namespace clang::tidy::hotpath::support {

class DeclaredOptions {
public:
  explicit DeclaredOptions(ClangTidyCheck::OptionsView &View) : View(View) {}
  DeclaredOptions(const DeclaredOptions &) = delete;
  DeclaredOptions &operator=(const DeclaredOptions &) = delete;

  /// The check's option \p Name, else \p Default.
  StringRef get(StringRef Name, StringRef Default) {
    return remember(Name, View.get(Name, Default));
  }
  template <typename T, typename = std::enable_if_t<std::is_integral_v<T>>>
  T get(StringRef Name, T Default) {
    return remember(Name, View.get<T>(Name, Default));
  }

  /// A ';'-separated list option, split (support/OptionList.h).
  std::vector<StringRef> getList(StringRef Name, StringRef Default) {
    return splitOptionList(get(Name, Default));
  }

  /// The check's option \p Name, else the global one, else \p Default; it
  /// is written back as the check's own.
  StringRef getLocalOrGlobal(StringRef Name, StringRef Default) {
    return remember(Name, View.getLocalOrGlobal(Name, Default));
  }
  template <typename T, typename = std::enable_if_t<std::is_integral_v<T>>>
  T getLocalOrGlobal(StringRef Name, T Default) {
    return remember(Name, View.getLocalOrGlobal<T>(Name, Default));
  }

  /// Writes every option read so far into \p Opts.
  void store(ClangTidyOptions::OptionMap &Opts) const {
    for (const auto &Store : Stores)
      Store(Opts);
  }

private:
  template <typename T> T remember(StringRef Name, T Value) {
    Stores.push_back([this, Name, Value](ClangTidyOptions::OptionMap &Opts) {
      View.store(Opts, Name, Value);
    });
    return Value;
  }

  ClangTidyCheck::OptionsView &View;
  std::vector<std::function<void(ClangTidyOptions::OptionMap &)>> Stores;
};

} // namespace clang::tidy::hotpath::support

#endif // HOTPATH_CHECKS_SUPPORT_DECLAREDOPTIONS_H
