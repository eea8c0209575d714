//===--- ArgReader.h - hotpath --------------------------------------------===//
//
// The hand-written command lines of `hotpath verify` and `hotpath report`
// (the check command's llvm::cl options are global to the binary and share
// their names): `--name=value`, `--name value`, `-xVALUE` for the one-letter
// options a command declares joined, flags that take no value. Errors go to
// the caller's string and name the option.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CLANG_PLUGIN_COMMON_ARGREADER_H
#define HOTPATH_CLANG_PLUGIN_COMMON_ARGREADER_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace hotpath::frontend {

class ArgReader {
public:
  /// \p Joined: one-letter options that may carry their value ("-p", "-j").
  ArgReader(int Argc, const char **Argv, std::string &Error,
            std::vector<llvm::StringRef> Joined = {})
      : Argc(Argc), Argv(Argv), Error(Error), Joined(std::move(Joined)) {}

  /// Moves to the next argument; false at the end.
  bool next() {
    if (++I >= Argc)
      return false;
    Arg = Argv[I];
    Name = Arg;
    Value = {};
    HasValue = false;
    if (Arg.starts_with("--") && Arg.contains('=')) {
      std::tie(Name, Value) = Arg.split('=');
      HasValue = true;
    } else if (!Arg.starts_with("--") && Arg.size() > 2) {
      for (llvm::StringRef J : Joined)
        if (Arg.starts_with(J)) {
          Name = J;
          Value = Arg.drop_front(J.size());
          HasValue = true;
        }
    }
    return true;
  }

  llvm::StringRef arg() const { return Arg; }   // as given
  llvm::StringRef name() const { return Name; } // without "=value"

  /// The option's value: after '=', joined, or the next argument.
  std::optional<std::string> value() {
    if (HasValue)
      return Value.str();
    if (I + 1 >= Argc) {
      Error = "'" + Name.str() + "' needs a value";
      return std::nullopt;
    }
    return std::string(Argv[++I]);
  }

  /// A positive number.
  bool number(unsigned &Out) {
    std::optional<std::string> V = value();
    if (!V)
      return false;
    if (llvm::StringRef(*V).getAsInteger(10, Out) || Out == 0) {
      Error = "'" + Name.str() + "' needs a positive number, not '" + *V + "'";
      return false;
    }
    return true;
  }

  /// A flag: true, and an error if a value was given.
  bool flag(bool &Out) {
    if (HasValue) {
      Error = "'" + Name.str() + "' takes no value";
      return false;
    }
    Out = true;
    return true;
  }

private:
  int Argc;
  const char **Argv;
  std::string &Error;
  std::vector<llvm::StringRef> Joined;
  int I = 0;
  llvm::StringRef Arg, Name, Value;
  bool HasValue = false;
};

} // namespace hotpath::frontend

#endif
