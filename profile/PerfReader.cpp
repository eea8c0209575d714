//===--- PerfReader.cpp - hotpath profiles --------------------------------===//
//
// perf samples, symbolised to file:line with LLVM's symbolizer (DWARF,
// inlined frames included). hotpath runs
//   perf script -i <perf.data> --show-mmap-events -F pid,event,ip,dso
// and reads that text (a user may pass the text instead). Call-chain
// addresses are DSO-relative file offsets (perf's map_ip); a sample without
// a call chain prints the absolute address, turned relative through the
// process's mmap records. File offsets become ELF virtual addresses through
// the program headers (identity for non-PIE executables, which perf does not
// relocate). Return addresses of caller frames are looked up one byte back so
// a call at the end of a line is not charged to the next line.
//
//===----------------------------------------------------------------------===//

#include "Load.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/DebugInfo/Symbolize/Symbolize.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include <map>

namespace hotpath::profile {

namespace {

struct Mapping {
  uint64_t Start, Len, PgOff;
  unsigned Dso;
};

struct Load {
  uint64_t Offset, VAddr, Size;
};

struct DsoInfo {
  std::string Path;
  bool Usable = false;
  bool IsExec = false; // ET_EXEC: perf's addresses are virtual already
  std::vector<Load> Loads;
};

struct Frame {
  unsigned Dso;
  uint64_t Addr; // DSO-relative (file offset)
};

using Lines = std::vector<std::pair<unsigned, unsigned>>; // file, line

class PerfParser {
public:
  explicit PerfParser(Profile &P) : P(P) {
    llvm::symbolize::LLVMSymbolizer::Options Opts;
    Opts.Demangle = false;
    Opts.UseSymbolTable = false; // lines only, no function names needed
    Symbolizer.emplace(Opts);
  }

  llvm::Error parse(llvm::StringRef Path, llvm::StringRef Text);

private:
  unsigned dso(llvm::StringRef Path) {
    auto [It, New] = DsoIds.try_emplace(Path, Dsos.size());
    if (New) {
      DsoInfo D;
      D.Path = Path.str();
      inspect(D);
      Dsos.push_back(std::move(D));
    }
    return It->second;
  }

  void inspect(DsoInfo &D) {
    if (D.Path.empty() || D.Path[0] != '/')
      return; // [kernel.kallsyms], [vdso], [unknown], JIT maps
    auto Bin = llvm::object::ObjectFile::createObjectFile(D.Path);
    if (!Bin) {
      llvm::consumeError(Bin.takeError());
      return;
    }
    auto *Elf =
        llvm::dyn_cast<llvm::object::ELF64LEObjectFile>(Bin->getBinary());
    if (!Elf)
      return;
    const auto &File = Elf->getELFFile();
    D.IsExec = File.getHeader().e_type == llvm::ELF::ET_EXEC;
    auto Headers = File.program_headers();
    if (!Headers) {
      llvm::consumeError(Headers.takeError());
      return;
    }
    for (const auto &H : *Headers)
      if (H.p_type == llvm::ELF::PT_LOAD)
        D.Loads.push_back({H.p_offset, H.p_vaddr, H.p_filesz});
    D.Usable = true;
  }

  const Lines &symbolise(const Frame &F, bool Caller);
  void addSample(std::vector<Frame> &Frames);

  Profile &P;
  std::optional<llvm::symbolize::LLVMSymbolizer> Symbolizer;
  llvm::StringMap<unsigned> DsoIds;
  std::vector<DsoInfo> Dsos;
  std::map<unsigned, std::vector<Mapping>> Maps; // by pid
  llvm::DenseMap<std::pair<unsigned, uint64_t>, Lines> Symbols;
  std::vector<std::string> FileNames;
  llvm::StringMap<unsigned> FileIds;
  std::map<std::vector<std::pair<unsigned, unsigned>>, uint32_t> StackIds;
  uint64_t Samples = 0, Resolved = 0;
};

const Lines &PerfParser::symbolise(const Frame &F, bool Caller) {
  uint64_t Addr = F.Addr - (Caller && F.Addr ? 1 : 0);
  auto [It, New] = Symbols.try_emplace({F.Dso, Addr});
  if (!New)
    return It->second;
  const DsoInfo &D = Dsos[F.Dso];
  if (!D.Usable)
    return It->second;
  uint64_t VAddr = Addr;
  if (!D.IsExec) {
    bool Found = false;
    for (const Load &L : D.Loads)
      if (Addr >= L.Offset && Addr < L.Offset + L.Size) {
        VAddr = Addr - L.Offset + L.VAddr;
        Found = true;
        break;
      }
    if (!Found)
      return It->second;
  }
  auto Info = Symbolizer->symbolizeInlinedCode(
      D.Path, {VAddr, llvm::object::SectionedAddress::UndefSection});
  if (!Info) {
    llvm::consumeError(Info.takeError());
    return It->second;
  }
  Lines Out;
  for (uint32_t I = 0, N = Info->getNumberOfFrames(); I < N; ++I) {
    const llvm::DILineInfo &L = Info->getFrame(I);
    if (L.Line == 0 || L.FileName == llvm::DILineInfo::BadString)
      continue;
    auto [FIt, FNew] = FileIds.try_emplace(L.FileName, FileNames.size());
    if (FNew)
      FileNames.push_back(L.FileName);
    Out.push_back({FIt->second, L.Line});
  }
  // Symbols may have grown: look the slot up again before filling it.
  return Symbols[{F.Dso, Addr}] = std::move(Out);
}

void PerfParser::addSample(std::vector<Frame> &Frames) {
  if (Frames.empty())
    return;
  ++Samples;
  std::vector<std::pair<unsigned, unsigned>> Stack;
  bool Leaf = true;
  for (const Frame &F : Frames) {
    const Lines &L = symbolise(F, !Leaf);
    if (Leaf && !L.empty()) {
      // The innermost inlined frame is where the sample's own cost lies.
      ++P.fileFor(FileNames[L.front().first]).Lines[L.front().second].Self;
      ++Resolved;
    }
    Leaf = false;
    Stack.insert(Stack.end(), L.begin(), L.end());
  }
  Frames.clear();
  if (Stack.empty())
    return;
  std::sort(Stack.begin(), Stack.end());
  Stack.erase(std::unique(Stack.begin(), Stack.end()), Stack.end());
  auto [It, New] =
      StackIds.try_emplace(std::move(Stack), uint32_t(P.stackCounts().size()));
  if (New)
    P.stackCounts().push_back(0);
  ++P.stackCounts()[It->second];
}

llvm::Error PerfParser::parse(llvm::StringRef Path, llvm::StringRef Text) {
  std::vector<Frame> Current;
  unsigned CurrentPid = 0;
  auto parseFrame = [&](llvm::StringRef L, bool Absolute) -> bool {
    // "<hex address> [symbol] (<dso>)"
    L = L.trim();
    size_t Open = L.rfind(" (");
    if (Open == llvm::StringRef::npos || !L.ends_with(")"))
      return false;
    uint64_t Addr = 0;
    if (L.split(' ').first.getAsInteger(16, Addr))
      return false;
    llvm::StringRef Dso = L.substr(Open + 2).drop_back();
    unsigned Id = dso(Dso);
    if (Absolute) {
      for (const Mapping &M : Maps[CurrentPid])
        if (M.Dso == Id && Addr >= M.Start && Addr < M.Start + M.Len) {
          Addr = Addr - M.Start + M.PgOff;
          break;
        }
    }
    Current.push_back({Id, Addr});
    return true;
  };

  bool SawSample = false;
  llvm::SmallVector<llvm::StringRef, 0> All;
  Text.split(All, '\n');
  for (llvm::StringRef L : All) {
    llvm::StringRef T = L.trim();
    if (T.empty()) {
      addSample(Current);
      continue;
    }
    size_t Rec = T.find("PERF_RECORD_MMAP");
    if (Rec != llvm::StringRef::npos) {
      // "<pid> PERF_RECORD_MMAP2 <pid>/<tid>: [0xSTART(0xLEN) @ 0xPGOFF ...]:
      //  <prot> <path>"
      addSample(Current);
      llvm::StringRef R = T.substr(Rec);
      unsigned Pid = 0;
      R.split(' ').second.split('/').first.getAsInteger(10, Pid);
      size_t B = R.find("[0x");
      size_t Paren = R.find('(', B);
      size_t At = R.find("@ ", Paren);
      size_t Close = R.find("]: ", At);
      if (B == llvm::StringRef::npos || Paren == llvm::StringRef::npos ||
          At == llvm::StringRef::npos || Close == llvm::StringRef::npos)
        continue;
      Mapping M{};
      R.slice(B + 1, Paren).getAsInteger(0, M.Start);
      R.slice(Paren + 1, R.find(')', Paren)).getAsInteger(0, M.Len);
      R.slice(At + 2, R.find(' ', At + 2)).getAsInteger(0, M.PgOff);
      llvm::StringRef DsoPath = R.substr(Close + 3).split(' ').second.trim();
      M.Dso = dso(DsoPath);
      Maps[Pid].push_back(M);
      continue;
    }
    if (L.starts_with("\t") ||
        (L.starts_with(" ") && !T.contains(": ") && !T.ends_with(":"))) {
      if (!parseFrame(T, /*Absolute=*/false))
        return llvm::createStringError(
            std::errc::invalid_argument,
            "%s: not perf script output hotpath can read: '%s'",
            Path.str().c_str(), T.take_front(60).str().c_str());
      continue;
    }
    // A sample header: "<pid> <event>: [<address> (<dso>)]".
    addSample(Current);
    auto [Head, Rest] = T.split(": ");
    if (Head.ends_with(":")) // "<pid> <event>:" with nothing after
      Head = Head.drop_back();
    if (Head.split(' ').first.trim().getAsInteger(10, CurrentPid))
      return llvm::createStringError(
          std::errc::invalid_argument,
          "%s: not perf script output hotpath can read (expected the "
          "fields pid,event,ip,dso): '%s'",
          Path.str().c_str(), T.take_front(60).str().c_str());
    SawSample = true;
    if (!Rest.trim().empty())
      parseFrame(Rest, /*Absolute=*/true);
  }
  addSample(Current);
  if (!SawSample || !Samples)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "%s: the perf profile has no samples",
                                   Path.str().c_str());
  // Per file: the distinct lines each distinct stack touches there.
  for (const auto &[Stack, Id] : StackIds) {
    for (size_t I = 0; I < Stack.size();) {
      size_t J = I;
      std::vector<unsigned> FileLines;
      while (J < Stack.size() && Stack[J].first == Stack[I].first)
        FileLines.push_back(Stack[J++].second);
      P.fileFor(FileNames[Stack[I].first])
          .StackLines.push_back({Id, std::move(FileLines)});
      I = J;
    }
  }
  P.setTotal(Samples);
  P.Description =
      ("perf profile " + Path + ": " + llvm::Twine(Samples) + " samples, " +
       llvm::Twine(Resolved) + " resolved to source lines in " +
       llvm::Twine(P.fileCount()) + " files")
          .str();
  return llvm::Error::success();
}

} // namespace

llvm::Expected<std::unique_ptr<Profile>> readPerfScript(llvm::StringRef Path,
                                                        llvm::StringRef Text) {
  auto P = std::make_unique<Profile>(Source::Perf, Path.str());
  PerfParser Parser(*P);
  if (llvm::Error E = Parser.parse(Path, Text))
    return std::move(E);
  return std::move(P);
}

llvm::Expected<std::unique_ptr<Profile>> readPerfData(llvm::StringRef Path) {
  auto Fail = [&](const llvm::Twine &Msg) {
    return llvm::createStringError(std::errc::invalid_argument, "%s",
                                   Msg.str().c_str());
  };
  auto Perf = llvm::sys::findProgramByName("perf");
  if (!Perf)
    return Fail(Path + ": a perf.data file needs 'perf' to read it (install "
                       "linux-perf), or pass the text of 'perf script "
                       "--show-mmap-events -F pid,event,ip,dso'");
  llvm::SmallString<128> Out, Err;
  llvm::sys::fs::createTemporaryFile("hotpath-perf", "txt", Out);
  llvm::sys::fs::createTemporaryFile("hotpath-perf", "err", Err);
  std::string Input = Path.str();
  llvm::StringRef Args[] = {
      *Perf, "script",          "-i", Input, "--show-mmap-events",
      "-F",  "pid,event,ip,dso"};
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), Out.str(),
                                                Err.str()};
  std::string ExecError;
  int RC = llvm::sys::ExecuteAndWait(*Perf, Args, std::nullopt, Redirects, 0, 0,
                                     &ExecError);
  auto Text = llvm::MemoryBuffer::getFile(Out);
  auto Errors = llvm::MemoryBuffer::getFile(Err);
  llvm::sys::fs::remove(Out);
  llvm::sys::fs::remove(Err);
  if (RC != 0 || !Text) {
    std::string Why = ExecError;
    if (Errors)
      Why += (*Errors)->getBuffer().trim().take_front(400).str();
    return Fail(Path + ": 'perf script' failed: " + Why);
  }
  return readPerfScript(Path, (*Text)->getBuffer());
}

} // namespace hotpath::profile
