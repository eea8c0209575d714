//===--- FixApplier.h - hotpath standalone tool ---------------------------===//
//
// Applies the fix-its of many findings at once: a finding's edits go in all
// together or not at all, edits that conflict with an earlier finding's are
// skipped, identical edits from several translation units count once.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_STANDALONE_FIXAPPLIER_H
#define HOTPATH_STANDALONE_FIXAPPLIER_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include <string>
#include <vector>

namespace clang::tidy::hotpath::findings {

struct FixResult {
  unsigned Offered = 0; // findings with a fix
  unsigned Applied = 0; // findings whose fix went in
  unsigned Conflicts = 0;
  unsigned FilesChanged = 0;
  std::vector<std::string> Errors; // files that could not be written
};

FixResult applyFixes(const std::vector<clang::tidy::ClangTidyError> &Errors);

} // namespace clang::tidy::hotpath::findings

#endif
