//===--- CheckOptions.h - hotpath standalone tool ---------------*- C++ -*-===//
//
// The clang-tidy options of a run: a provider per translation unit, the
// enabled checks, and the validation of --checks and CheckOptions against
// the registered hotpath checks (unknown names are input errors).
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_STANDALONE_CHECKOPTIONS_H
#define HOTPATH_STANDALONE_CHECKOPTIONS_H

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::hotpath::standalone {

// Builds a fresh options provider per translation unit: providers cache per
// directory and are not meant to be shared between threads.
struct OptionsSetup {
  ClangTidyOptions Defaults;
  ClangTidyOptions Override;
  std::optional<ClangTidyOptions> FromConfig;

  std::unique_ptr<ClangTidyOptionsProvider> make() const;
};

std::vector<std::string> enabledChecks(const ClangTidyOptions &Opts);

/// Every positive pattern of --checks must name at least one hotpath check,
/// and every hotpath-* key in CheckOptions must be an option of a check.
bool validate(const ClangTidyOptions &Effective, llvm::StringRef UserChecks);

} // namespace clang::tidy::hotpath::standalone

#endif
