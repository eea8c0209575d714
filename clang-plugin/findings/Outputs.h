//===--- Outputs.h - hotpath standalone tool --------------------*- C++ -*-===//
//
// The last step of `hotpath check` and `hotpath report`, the same for both:
// the merged findings written as text, JSON or SARIF (to stdout or -o), the
// fixes exported as clang-apply-replacements YAML and/or applied.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_STANDALONE_OUTPUTS_H
#define HOTPATH_STANDALONE_OUTPUTS_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "findings/Findings.h"
#include "llvm/ADT/Twine.h"
#include <string>
#include <vector>

namespace clang::tidy::hotpath::findings {

/// Prints "hotpath: error: <Msg>".
void errorLine(const llvm::Twine &Msg);

enum class Format { Text, Json, Sarif };

struct OutputSettings {
  Format Fmt = Format::Text;
  std::string OutputFile;         // "" = stdout
  std::string SarifBase;          // "" = the current directory
  std::string DocBaseUri;         // "" = this build's check pages
  std::string Argv0;              // finds the installed check pages
  std::vector<std::string> Rules; // SARIF: every enabled check
  bool ShowIds = false;
  bool Fix = false;
  bool Quiet = false;
  std::string ExportFixes;    // "" = none
  std::string ExportMainFile; // the YAML's MainSourceFile ("" for several)
};

/// Writes \p Shown; exports and/or applies the fixes of \p Merged (the
/// findings as merged, with their replacements). \p VetoOnly: findings a
/// shard reports only to decline a fix (JSON only, for `hotpath report`).
/// Returns false after an error line (a file that cannot be written).
bool writeOutputs(const OutputSettings &S, const std::vector<Finding> &Shown,
                  const std::vector<Finding> &VetoOnly,
                  const std::vector<ClangTidyError> &Merged, LineTable &Lines);

} // namespace clang::tidy::hotpath::findings

#endif
