//===--- FindingJson.h - hotpath tool -------------------------------------===//
//
// A finding as JSON, written and read in one place: the tool's
// `--format=json` output (one object per finding), which `hotpath report`
// merges and `hotpath verify` takes its fixes from, and the hotness a
// check's note carries. toJSON/fromJSON in llvm::json's conventions; one
// strict reader whose errors name the file and the path to the bad value.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_FINDINGS_FINDINGJSON_H
#define HOTPATH_FINDINGS_FINDINGJSON_H

#include "findings/Findings.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <vector>

namespace clang::tidy::hotpath::findings {

llvm::json::Value toJSON(const Hotness &H);
bool fromJSON(const llvm::json::Value &V, Hotness &H, llvm::json::Path P);

/// One finding of the tool's JSON output: its location, id, check,
/// severity, message, notes, fixes (each edit with its lines, columns,
/// offset and length), hotness when measured, and "veto_only".
llvm::json::Value toJSON(const Finding &F);
/// Reads what toJSON writes. Required: check, message, file, line, column,
/// offset (and the same of each note with a file, and of each fix); the
/// rest may be absent.
bool fromJSON(const llvm::json::Value &V, Finding &F, llvm::json::Path P);

/// The tool's JSON output in \p Text (\p Path names it in errors): an
/// array of findings.
llvm::Expected<std::vector<Finding>> parseToolJson(llvm::StringRef Text,
                                                   llvm::StringRef Path);

} // namespace clang::tidy::hotpath::findings

#endif // HOTPATH_FINDINGS_FINDINGJSON_H
