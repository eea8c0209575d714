//===--- Profile.h - hotpath profiles -------------------------------------===//
//
// A measured profile of the user's program, read from one of three sources,
// and the one question every front-end asks of it: what did this source
// range cost? The readers (InstrReader, PerfReader, CallgrindReader) fill a
// Profile; the queries here are the same for all three.
//
//   instr     -fprofile-instr-generate -fcoverage-mapping + llvm-profdata:
//             exact execution counts per region (no call chains: costs are
//             the range's own executed lines).
//   perf      perf record -g: samples per line (self) and per frame of the
//             call chains (inclusive), symbolised with LLVM's symbolizer.
//   callgrind valgrind --tool=callgrind: deterministic instruction counts per
//             line, inclusive through the call records, and call counts.
//
// docs/profiles.md defines what each check measures with these.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_PROFILE_PROFILE_H
#define HOTPATH_PROFILE_PROFILE_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hotpath::profile {

enum class Source { Instr, Perf, Callgrind };

llvm::StringRef sourceName(Source S); // "instr", "perf", "callgrind"

struct Position {
  unsigned Line = 0;
  unsigned Column = 0; // 1-based; 0 = the whole line (line-based profiles)
};

/// A source range of one file, as the analysed code spells it.
struct Range {
  std::string File; // absolute path
  Position Begin, End;
};

/// What a range cost. Fields a source cannot measure stay empty.
struct Measure {
  /// instr: times the range's entry point ran (a loop body, a function
  /// body); callgrind: calls of the function, or calls made from the
  /// finding's line for a loop.
  std::optional<uint64_t> Executions;
  /// instr: times the construct around it was entered (a loop's entries).
  std::optional<uint64_t> Entries;
  std::optional<uint64_t> Samples; // perf: samples in the range, inclusive
  std::optional<uint64_t> Cost;    // callgrind: instructions, inclusive
  /// What the share is computed from: instr executed lines, perf samples,
  /// callgrind cost; over the profile's total of the same.
  uint64_t Weight = 0;
  double Share = 0;
  /// The profile covers the file, and the range never ran (instr,
  /// callgrind) or was never sampled (perf).
  bool Cold = false;
};

/// Per-line figures of one source file.
struct LineCost {
  uint64_t Executions = 0; // instr: llvm-cov's line count
  uint64_t Self = 0;       // perf samples / callgrind cost on this line
  uint64_t Calls = 0;      // callgrind: calls made from this line
  uint64_t CallCost = 0;   // callgrind: inclusive cost of those calls
};

/// An instrumented region boundary (llvm-cov's segment).
struct Segment {
  unsigned Line, Column;
  uint64_t Count;
  bool HasCount;
};

/// A function as the profile knows it (callgrind, perf).
struct FunctionCost {
  std::string Name;
  unsigned FirstLine = 0, LastLine = 0; // lines with cost, in its file
  uint64_t Calls = 0;                   // callgrind: calls into it
};

struct FileProfile {
  std::string Path;
  std::map<unsigned, LineCost> Lines;
  std::vector<Segment> Segments; // instr, sorted by position
  std::vector<FunctionCost> Functions;
  /// perf: the distinct call stacks that have a frame in this file, with the
  /// sorted distinct lines of those frames.
  std::vector<std::pair<uint32_t, std::vector<unsigned>>> StackLines;
};

class Profile {
public:
  Profile(Source S, std::string Path) : Src(S), Path(std::move(Path)) {}

  Source source() const { return Src; }
  const std::string &path() const { return Path; }
  uint64_t total() const { return Total; }
  size_t fileCount() const { return Files.size(); }

  /// The file's profile: the same absolute path, else the one profiled file
  /// whose path ends with the longest run of the same trailing components
  /// (at least two: the profile may have been built in another checkout).
  const FileProfile *file(llvm::StringRef AbsolutePath) const;

  /// The cost of \p R. \p CountAt is where an execution count is read (the
  /// first statement of a loop body, the function body's brace); \p EntryAt
  /// where entries into the construct are read (the loop statement itself).
  /// \p CallLine: callgrind reads executions of a loop from the calls made
  /// on this line (the finding's own call). Empty when the file is not
  /// covered by the profile.
  std::optional<Measure> measure(const Range &R, Position CountAt,
                                 std::optional<Position> EntryAt,
                                 unsigned CallLine = 0) const;
  /// The cost of the function whose body is \p R (entry count, inclusive).
  std::optional<Measure> measureFunction(const Range &R) const;

  // For the readers.
  FileProfile &fileFor(llvm::StringRef AbsolutePath);
  void setTotal(uint64_t T) { Total = T; }
  std::vector<uint64_t> &stackCounts() { return StackCounts; }
  /// Warnings a front-end prints once (stale files, unmatched functions).
  std::vector<std::string> Warnings;
  /// A line for a summary: "instr profile app.profdata: 41 of 42 functions
  /// matched, 3 source files".
  std::string Description;

private:
  std::optional<uint64_t> countAt(const FileProfile &F, Position P) const;
  uint64_t inclusive(const FileProfile &F, unsigned First, unsigned Last) const;
  /// The range's weight, as the source's own figure (samples, cost).
  Measure weigh(const FileProfile &F, const Range &R) const;
  void finish(Measure &M) const;

  Source Src;
  std::string Path;
  uint64_t Total = 0;
  llvm::StringMap<FileProfile> Files;
  std::vector<uint64_t> StackCounts; // perf: samples per distinct stack
};

} // namespace hotpath::profile

#endif // HOTPATH_PROFILE_PROFILE_H
