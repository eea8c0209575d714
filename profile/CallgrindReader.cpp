//===--- CallgrindReader.cpp - hotpath profiles ---------------------------===//
//
// Callgrind's text format (valgrind docs, "Callgrind Format Specification"):
// "key: value" headers (positions, events, summary/totals), then
// position/cost lines under fl=/fi=/fe=/fn= context lines; a calls= line
// makes the next cost line the inclusive cost of that call, at the caller's
// position. Names may be compressed ("fn=(12) name", later "fn=(12)") and
// positions relative ("+2", "-1", "*").
//
//===----------------------------------------------------------------------===//

#include "Load.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include <map>

namespace hotpath::profile {

namespace {

class CallgrindParser {
public:
  CallgrindParser(Profile &P) : P(P) {}

  llvm::Error parse(llvm::StringRef Path, llvm::StringRef Text);

private:
  // Resolves "(id) name" / "(id)" against the compression table \p Names.
  llvm::StringRef name(llvm::StringRef V,
                       llvm::DenseMap<unsigned, std::string> &Names) {
    V = V.trim();
    if (!V.starts_with("("))
      return V; // uncompressed
    size_t Close = V.find(')');
    unsigned Id = 0;
    if (Close == llvm::StringRef::npos ||
        V.substr(1, Close - 1).getAsInteger(10, Id))
      return V;
    llvm::StringRef Rest = V.substr(Close + 1).trim();
    if (!Rest.empty())
      Names[Id] = Rest.str();
    return Names[Id];
  }

  std::string absolute(llvm::StringRef File) {
    if (File.empty() || llvm::sys::path::is_absolute(File))
      return File.str();
    llvm::SmallString<256> Abs(CmdDir);
    llvm::sys::path::append(Abs, File);
    return std::string(Abs);
  }

  struct FnKey {
    std::string File, Name;
    bool operator<(const FnKey &O) const {
      return std::tie(File, Name) < std::tie(O.File, O.Name);
    }
  };

  Profile &P;
  std::string CmdDir;
  llvm::DenseMap<unsigned, std::string> FileNames, FnNames;
  std::map<FnKey, FunctionCost> Functions;
};

llvm::Error CallgrindParser::parse(llvm::StringRef Path, llvm::StringRef Text) {
  unsigned LineColumn = 0, Columns = 1; // which position column is the line
  uint64_t Total = 0, SelfSum = 0;
  bool SawEvents = false;
  std::string FnFile, CurFile, CurFn, CalleeFile, CalleeFn;
  llvm::SmallVector<int64_t, 2> Prev(2, 0);
  uint64_t PendingCalls = 0;
  bool CallCostNext = false;

  auto parseCost = [&](llvm::StringRef L, int64_t &LineNo,
                       uint64_t &Cost) -> bool {
    llvm::SmallVector<llvm::StringRef, 8> Parts;
    L.split(Parts, ' ', -1, /*KeepEmpty=*/false);
    if (Parts.size() < Columns)
      return false;
    for (unsigned I = 0; I < Columns; ++I) {
      llvm::StringRef S = Parts[I];
      int64_t V = 0;
      if (S == "*") {
        V = Prev[I];
      } else if (S.starts_with("+") || S.starts_with("-")) {
        int64_t D = 0;
        if (S.drop_front().getAsInteger(0, D))
          return false;
        V = Prev[I] + (S[0] == '-' ? -D : D);
      } else if (S.getAsInteger(0, V)) {
        return false;
      }
      Prev[I] = V;
    }
    LineNo = Prev[LineColumn];
    Cost = 0;
    if (Parts.size() > Columns && Parts[Columns].getAsInteger(10, Cost))
      return false;
    return true;
  };

  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Text.split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    L = L.rtrim("\r");
    if (L.empty() || L.starts_with("#"))
      continue;
    auto [Key, Value] = L.split('=');
    if (L.contains('=') && !Key.contains(' ')) {
      if (Key == "fl") {
        FnFile = CurFile = absolute(name(Value, FileNames));
      } else if (Key == "fi" || Key == "fe") {
        CurFile = absolute(name(Value, FileNames));
      } else if (Key == "fn") {
        CurFn = name(Value, FnNames).str();
        CurFile = FnFile;
      } else if (Key == "cfi" || Key == "cfl") {
        CalleeFile = absolute(name(Value, FileNames));
      } else if (Key == "cfn") {
        CalleeFn = name(Value, FnNames).str();
      } else if (Key == "calls") {
        llvm::StringRef Count = Value.trim().split(' ').first;
        if (Count.getAsInteger(10, PendingCalls))
          PendingCalls = 0;
        CallCostNext = true;
        FunctionCost &Callee =
            Functions[{CalleeFile.empty() ? FnFile : CalleeFile, CalleeFn}];
        Callee.Calls += PendingCalls;
        CalleeFile.clear();
      } else if (Key == "ob" || Key == "cob" || Key == "jump" ||
                 Key == "jcnd") {
        // Objects and jumps do not change what hotpath reads. A jump
        // line's own position is not a cost line: nothing to do.
      }
      continue;
    }
    auto [HKey, HValue] = L.split(':');
    if (L.contains(':') && !HKey.contains(' ') && !llvm::isDigit(L.front()) &&
        L.front() != '+' && L.front() != '-' && L.front() != '*') {
      HValue = HValue.trim();
      if (HKey == "positions") {
        llvm::SmallVector<llvm::StringRef, 2> Cols;
        HValue.split(Cols, ' ', -1, false);
        Columns = std::max<unsigned>(1, Cols.size());
        Prev.assign(Columns, 0);
        for (unsigned I = 0; I < Cols.size(); ++I)
          if (Cols[I] == "line")
            LineColumn = I;
      } else if (HKey == "events") {
        SawEvents = true;
      } else if (HKey == "summary" || HKey == "totals") {
        uint64_t T = 0;
        if (!HValue.split(' ').first.getAsInteger(10, T))
          Total = std::max(Total, T);
      } else if (HKey == "cmd") {
        // Relative source names are relative to where the program ran;
        // callgrind does not record it, the profile's directory is the
        // best guess left.
      }
      continue;
    }
    int64_t LineNo = 0;
    uint64_t Cost = 0;
    if (!parseCost(L, LineNo, Cost))
      return llvm::createStringError(
          std::errc::invalid_argument,
          "%s: not a callgrind profile hotpath can read: bad line '%s'",
          Path.str().c_str(), L.take_front(60).str().c_str());
    if (LineNo <= 0 || CurFile.empty()) {
      CallCostNext = false;
      continue;
    }
    LineCost &LC = P.fileFor(CurFile).Lines[unsigned(LineNo)];
    if (CallCostNext) {
      LC.Calls += PendingCalls;
      LC.CallCost += Cost;
      CallCostNext = false;
      continue;
    }
    LC.Self += Cost;
    SelfSum += Cost;
    if (CurFile == FnFile) {
      FunctionCost &Fn = Functions[{FnFile, CurFn}];
      if (!Fn.FirstLine || unsigned(LineNo) < Fn.FirstLine)
        Fn.FirstLine = unsigned(LineNo);
      Fn.LastLine = std::max(Fn.LastLine, unsigned(LineNo));
      if (Fn.Name.empty())
        Fn.Name = CurFn;
    }
  }
  if (!SawEvents)
    return llvm::createStringError(
        std::errc::invalid_argument,
        "%s: not a callgrind profile (no 'events:' line)", Path.str().c_str());
  for (auto &[K, Fn] : Functions)
    if (Fn.FirstLine && !K.File.empty())
      P.fileFor(K.File).Functions.push_back(Fn);
  P.setTotal(Total ? Total : SelfSum);
  return llvm::Error::success();
}

} // namespace

llvm::Expected<std::unique_ptr<Profile>> readCallgrind(llvm::StringRef Path,
                                                       llvm::StringRef Text) {
  auto P = std::make_unique<Profile>(Source::Callgrind, Path.str());
  CallgrindParser Parser(*P);
  if (llvm::Error E = Parser.parse(Path, Text))
    return std::move(E);
  if (!P->total())
    return llvm::createStringError(std::errc::invalid_argument,
                                   "%s: the callgrind profile is empty",
                                   Path.str().c_str());
  P->Description =
      ("callgrind profile " + Path + ": " + llvm::Twine(P->fileCount()) +
       " source files, " + llvm::Twine(P->total()) + " instructions")
          .str();
  return std::move(P);
}

} // namespace hotpath::profile
