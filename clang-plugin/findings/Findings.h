//===--- Findings.h - hotpath standalone tool -----------------------------===//
//
// Findings in a form independent of clang-tidy's types: byte offsets turned
// into lines and columns once, for every output format.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_STANDALONE_FINDINGS_H
#define HOTPATH_STANDALONE_FINDINGS_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "findings/FindingsFile.h"
#include "support/EffectRecord.h"
#include "llvm/ADT/StringMap.h"
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::hotpath::findings {

struct Location {
  std::string File; // absolute path
  unsigned Offset = 0;
  unsigned Line = 0;        // 1-based
  unsigned Column = 0;      // 1-based, bytes (as clang prints)
  unsigned Utf16Column = 0; // 1-based, UTF-16 code units (SARIF, LSP)
};

struct Edit {
  Location Begin, End;
  std::string Text;
};

struct Note {
  Location Loc;
  std::string Message;
};

/// What the finding's code cost in the profile (--profile): the figures of
/// the finding's data (checks/support/FindingData.h).
struct Hotness {
  std::string Source; // "instr", "perf", "callgrind"
  std::optional<uint64_t> Executions, Entries, Samples, Cost;
  uint64_t Weight = 0;
  double Share = 0;
  bool Cold = false;
  std::string RangeFile; // the measured lines, for the summary
  unsigned FirstLine = 0, LastLine = 0;
};

struct Finding {
  /// "hp-" and 8 hex digits of the check and location: stable between runs
  /// over the same tree (`hotpath verify --only=<id>` selects by it).
  std::string Id;
  std::string Check;
  bool IsError = false; // warnings-as-errors, or a compiler error
  Location Loc;
  std::string Message;
  std::vector<Note> Notes;
  std::vector<Edit> Fix;
  std::optional<Hotness> Hot;
  /// Reported only to decline a fix another file offers (a shard's JSON,
  /// for the merge of `hotpath report`).
  bool VetoOnly = false;
  /// A shard's hand-on for the resolution across TUs (findings/
  /// EffectResolution.h): a finding waiting on other TUs, or not a finding
  /// but its TU's effect summaries.
  std::optional<support::PendingRecord> Pending;
  std::optional<std::vector<support::FunctionRecord>> Summaries;
};

/// Maps byte offsets to line/column, reading each file once. Thread-safe.
class LineTable {
public:
  Location locate(const std::string &File, unsigned Offset);
  /// The text of line \p Line of \p File, without its newline ("" if none).
  std::string lineText(const std::string &File, unsigned Line);

private:
  struct FileLines {
    std::string Text;
    std::vector<unsigned> Starts; // offset of each line's first byte
  };
  const FileLines &load(const std::string &File);
  std::mutex Mu;
  std::map<std::string, FileLines> Files;
};

using clang::tidy::hotpath::findings::makePathsAbsolute;

/// The finding id of a check's finding at a location (see Finding::Id).
std::string findingId(llvm::StringRef Check, llvm::StringRef File,
                      unsigned Line, unsigned Column);

/// Converts one clang-tidy error to a finding.
Finding toFinding(const clang::tidy::ClangTidyError &E, LineTable &Lines);

/// The identity of a finding for de-duplication across translation units:
/// check and location. A header's finding may carry TU-specific detail in
/// its message (how the TU uses a record), so the message is not part of it.
std::string findingKey(const clang::tidy::ClangTidyError &E);

} // namespace clang::tidy::hotpath::findings

#endif
