//===--- Profile.cpp - hotpath profiles -----------------------------------===//

#include "Profile.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"
#include <algorithm>

namespace hotpath::profile {

llvm::StringRef sourceName(Source S) {
  switch (S) {
  case Source::Instr:
    return "instr";
  case Source::Perf:
    return "perf";
  case Source::Callgrind:
    return "callgrind";
  }
  return "unknown";
}

static std::string normalise(llvm::StringRef Path) {
  llvm::SmallString<256> P(Path);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

FileProfile &Profile::fileFor(llvm::StringRef AbsolutePath) {
  std::string Key = normalise(AbsolutePath);
  FileProfile &F = Files[Key];
  if (F.Path.empty())
    F.Path = Key;
  return F;
}

// Trailing path components two paths share.
static unsigned sharedTail(llvm::StringRef A, llvm::StringRef B) {
  auto IA = llvm::sys::path::rbegin(A), EA = llvm::sys::path::rend(A);
  auto IB = llvm::sys::path::rbegin(B), EB = llvm::sys::path::rend(B);
  unsigned N = 0;
  for (; IA != EA && IB != EB && *IA == *IB; ++IA, ++IB)
    ++N;
  return N;
}

const FileProfile *Profile::file(llvm::StringRef AbsolutePath) const {
  std::string Key = normalise(AbsolutePath);
  auto It = Files.find(Key);
  if (It != Files.end())
    return &It->second;
  const FileProfile *Best = nullptr;
  unsigned BestTail = 1; // the file name alone is not enough
  bool Tie = false;
  for (const auto &E : Files) {
    unsigned T = sharedTail(Key, E.getKey());
    if (T > BestTail) {
      Best = &E.second;
      BestTail = T;
      Tie = false;
    } else if (T == BestTail && Best) {
      Tie = true;
    }
  }
  return Tie ? nullptr : Best;
}

std::optional<uint64_t> Profile::countAt(const FileProfile &F,
                                         Position P) const {
  // The region in force at P is the last boundary at or before it; one
  // without a count means P is in no instrumented function (one the profile
  // did not match is left out rather than given a neighbour's count).
  auto After = std::upper_bound(
      F.Segments.begin(), F.Segments.end(), P,
      [](const Position &Q, const Segment &S) {
        return Q.Line < S.Line || (Q.Line == S.Line && Q.Column < S.Column);
      });
  if (After == F.Segments.begin())
    return std::nullopt;
  --After;
  if (!After->HasCount)
    return std::nullopt;
  return After->Count;
}

uint64_t Profile::inclusive(const FileProfile &F, unsigned First,
                            unsigned Last) const {
  uint64_t Sum = 0;
  if (Src == Source::Perf) {
    // A sample counts once however many of its frames lie in the range.
    for (const auto &[Stack, Lines] : F.StackLines) {
      auto It = std::lower_bound(Lines.begin(), Lines.end(), First);
      if (It != Lines.end() && *It <= Last)
        Sum += StackCounts[Stack];
    }
    return Sum;
  }
  for (auto It = F.Lines.lower_bound(First);
       It != F.Lines.end() && It->first <= Last; ++It)
    Sum += Src == Source::Instr ? It->second.Executions
                                : It->second.Self + It->second.CallCost;
  return Sum;
}

void Profile::finish(Measure &M) const {
  M.Share = Total ? double(M.Weight) / double(Total) : 0.0;
  if (M.Share > 1.0) // recursion counted at several frames (callgrind)
    M.Share = 1.0;
  M.Cold = M.Weight == 0 && M.Executions.value_or(0) == 0;
}

Measure Profile::weigh(const FileProfile &F, const Range &R) const {
  Measure M;
  M.Weight = inclusive(F, R.Begin.Line, R.End.Line);
  if (Src == Source::Perf)
    M.Samples = M.Weight;
  else if (Src == Source::Callgrind)
    M.Cost = M.Weight;
  return M;
}

std::optional<Measure> Profile::measure(const Range &R, Position CountAt,
                                        std::optional<Position> EntryAt,
                                        unsigned CallLine) const {
  const FileProfile *F = file(R.File);
  if (!F)
    return std::nullopt;
  Measure M = weigh(*F, R);
  if (Src == Source::Instr) {
    M.Executions = countAt(*F, CountAt);
    if (!M.Executions)
      return std::nullopt;
    if (EntryAt)
      M.Entries = countAt(*F, *EntryAt);
  } else if (Src == Source::Callgrind) {
    auto It = F->Lines.find(CallLine);
    if (CallLine && It != F->Lines.end() && It->second.Calls)
      M.Executions = It->second.Calls;
    else if (M.Weight == 0)
      M.Executions = 0;
  }
  finish(M);
  return M;
}

std::optional<Measure> Profile::measureFunction(const Range &R) const {
  const FileProfile *F = file(R.File);
  if (!F)
    return std::nullopt;
  Measure M = weigh(*F, R);
  if (Src == Source::Instr) {
    M.Executions = countAt(*F, R.Begin);
    if (!M.Executions)
      return std::nullopt;
  } else if (Src == Source::Callgrind) {
    // The function itself starts first; lambdas and local classes inside
    // it start later. Template instantiations share the first line.
    unsigned First = 0;
    uint64_t Calls = 0;
    for (const FunctionCost &Fn : F->Functions) {
      if (Fn.FirstLine < R.Begin.Line || Fn.FirstLine > R.End.Line)
        continue;
      if (!First || Fn.FirstLine < First) {
        First = Fn.FirstLine;
        Calls = 0;
      }
      if (Fn.FirstLine == First)
        Calls += Fn.Calls;
    }
    M.Executions = Calls;
  }
  finish(M);
  return M;
}

} // namespace hotpath::profile
