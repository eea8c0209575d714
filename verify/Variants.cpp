//===--- Variants.cpp - hotpath verify ------------------------------------===//

#include "Variants.h"
#include "Measure.h"
#include "findings/FindingJson.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <map>

namespace hotpath::verify {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

std::optional<std::vector<Fixable>> readFixables(const std::string &JsonPath,
                                                 std::string &Error) {
  auto Buf = llvm::MemoryBuffer::getFile(JsonPath);
  if (!Buf) {
    Error = "cannot read " + JsonPath;
    return std::nullopt;
  }
  // The one reader of the tool's JSON (findings/FindingJson.h).
  auto Findings = clang::tidy::hotpath::findings::parseToolJson(
      (*Buf)->getBuffer(), JsonPath);
  if (!Findings) {
    Error = llvm::toString(Findings.takeError());
    return std::nullopt;
  }
  std::vector<Fixable> Out;
  for (const clang::tidy::hotpath::findings::Finding &F : *Findings) {
    if (F.Fix.empty())
      continue;
    Fixable X;
    X.Id = F.Id;
    X.Check = F.Check;
    X.File = F.Loc.File;
    X.Message = F.Message;
    X.Line = F.Loc.Line;
    X.Column = F.Loc.Column;
    X.Share = F.Hot ? F.Hot->Share : -1;
    for (const clang::tidy::hotpath::findings::Edit &E : F.Fix)
      X.Edits.push_back({E.Begin.File, E.Begin.Offset,
                         E.End.Offset - E.Begin.Offset, E.Text});
    Out.push_back(std::move(X));
  }
  return Out;
}

std::optional<CMakeSetup> readCMakeCache(const std::string &BuildDir) {
  auto Buf = llvm::MemoryBuffer::getFile(BuildDir + "/CMakeCache.txt");
  if (!Buf)
    return std::nullopt;
  CMakeSetup S;
  // What reproduces the configuration: the build type, the compilers and
  // their flags and launcher, the standard, and every project option
  // (entries not owned by CMake itself). INTERNAL and STATIC entries are
  // CMake's own bookkeeping.
  static const char *const Kept[] = {
      "CMAKE_BUILD_TYPE",          "CMAKE_C_COMPILER",
      "CMAKE_CXX_COMPILER",        "CMAKE_C_FLAGS",
      "CMAKE_CXX_FLAGS",           "CMAKE_EXE_LINKER_FLAGS",
      "CMAKE_SHARED_LINKER_FLAGS", "CMAKE_CXX_STANDARD",
      "CMAKE_C_COMPILER_LAUNCHER", "CMAKE_CXX_COMPILER_LAUNCHER",
      "CMAKE_PREFIX_PATH",         "CMAKE_EXPORT_COMPILE_COMMANDS"};
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  (*Buf)->getBuffer().split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    L = L.rtrim("\r");
    if (L.empty() || L.starts_with("#") || L.starts_with("//"))
      continue;
    auto [Key, Value] = L.split('=');
    auto [Name, Type] = Key.split(':');
    if (Name == "CMAKE_HOME_DIRECTORY") {
      S.Source = Value.str();
      continue;
    }
    if (Name == "CMAKE_GENERATOR") {
      S.Generator = Value.str();
      continue;
    }
    if (Type == "INTERNAL" || Type == "STATIC" || Type.empty())
      continue;
    bool Keep = !Name.starts_with("CMAKE_") || llvm::is_contained(Kept, Name);
    if (Keep && !(Name.starts_with("CMAKE_") && Value.empty()))
      S.Defines.push_back(("-D" + Name + ":" + Type + "=" + Value).str());
  }
  if (S.Source.empty())
    return std::nullopt;
  return S;
}

static bool run(const std::string &Cmd, const std::string &Dir,
                const std::string &Log, std::string &Error) {
  ProcessResult R = runShell(Cmd, Dir, {}, Log);
  if (R.ExitCode == 0)
    return true;
  Error = "'" + Cmd + "' failed:\n" + R.tail();
  return false;
}

static std::string quote(llvm::StringRef S) {
  std::string Out = "'";
  for (char C : S)
    Out += C == '\'' ? std::string("'\\''") : std::string(1, C);
  return Out + "'";
}

static bool copyFile(const std::string &From, const std::string &To) {
  fs::create_directories(path::parent_path(To));
  return !fs::copy_file(From, To);
}

static bool excluded(llvm::StringRef P,
                     const std::vector<std::string> &Exclude) {
  return llvm::any_of(Exclude, [&](const std::string &E) {
    return P == E || P.starts_with(E + "/");
  });
}

bool TreeCopy::remove(std::string &Error) const {
  if (!Worktree.empty()) {
    std::string Log = Worktree + ".remove.log";
    bool Ok = run("git -C " + quote(GitTop) + " worktree remove --force " +
                      quote(Worktree),
                  "", Log, Error);
    fs::remove(Log);
    if (Ok)
      return true;
  }
  if (std::error_code EC =
          fs::remove_directories(Worktree.empty() ? Root : Worktree)) {
    Error = "cannot remove " + Root + ": " + EC.message();
    return false;
  }
  return true;
}

std::optional<TreeCopy> copyTree(const std::string &Source,
                                 const std::string &Dest,
                                 const std::vector<std::string> &Exclude,
                                 std::string &Error) {
  TreeCopy C;
  // A git checkout: a worktree of HEAD, then the working state on top.
  std::string Log = Dest + ".git.log";
  fs::create_directories(path::parent_path(Dest));
  ProcessResult Top =
      runShell("git rev-parse --show-toplevel", Source, {}, Log);
  if (Top.ExitCode == 0) {
    auto Buf = llvm::MemoryBuffer::getFile(Log);
    std::string TopDir = Buf ? (*Buf)->getBuffer().trim().str() : "";
    llvm::SmallString<256> Real;
    // Only when the tree is tracked there: an ignored directory inside a
    // repository (a test's scratch copy, a vendored tree) is copied.
    ProcessResult Tracked =
        runShell("git ls-files -- . | head -n 1", Source, {}, Log + ".ls");
    auto Listed = llvm::MemoryBuffer::getFile(Log + ".ls");
    bool IsTracked = Tracked.ExitCode == 0 && Listed &&
                     !(*Listed)->getBuffer().trim().empty();
    fs::remove(Log + ".ls");
    if (IsTracked && !TopDir.empty() && !fs::real_path(Source, Real)) {
      llvm::StringRef Rel = Real.str();
      if (Rel.consume_front(TopDir)) {
        Rel = Rel.ltrim('/');
        C.GitTop = TopDir;
        C.Worktree = Dest;
        std::string Patch = Dest + ".patch";
        if (!run("git worktree add --detach --quiet " + quote(Dest) + " HEAD",
                 TopDir, Log, Error) ||
            !run("git diff HEAD --binary > " + quote(Patch), TopDir, Log,
                 Error))
          return std::nullopt;
        uint64_t Size = 0;
        if (!fs::file_size(Patch, Size) && Size > 0 &&
            !run("git apply --whitespace=nowarn " + quote(Patch), Dest, Log,
                 Error))
          return std::nullopt;
        fs::remove(Patch);
        // Untracked files, ignored ones left out (build output).
        std::string List = Dest + ".untracked";
        if (!run("git ls-files --others --exclude-standard > " + quote(List),
                 TopDir, Log, Error))
          return std::nullopt;
        if (auto L = llvm::MemoryBuffer::getFile(List)) {
          llvm::SmallVector<llvm::StringRef, 16> Files;
          (*L)->getBuffer().split(Files, '\n', -1, false);
          for (llvm::StringRef F : Files) {
            std::string From = TopDir + "/" + F.str();
            if (!excluded(From, Exclude))
              copyFile(From, Dest + "/" + F.str());
          }
        }
        fs::remove(List);
        fs::remove(Log);
        C.Root = Rel.empty() ? Dest : Dest + "/" + Rel.str();
        return C;
      }
    }
  }
  fs::remove(Log);
  // Not a git checkout: a copy, without build directories and .git.
  std::error_code EC;
  for (fs::recursive_directory_iterator It(Source, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef P = It->path();
    llvm::StringRef Name = path::filename(P);
    if (It->type() == fs::file_type::directory_file) {
      if (Name == ".git" || excluded(P, Exclude) ||
          fs::exists(P + "/CMakeCache.txt"))
        It.no_push();
      continue;
    }
    std::string To = Dest + P.substr(Source.size()).str();
    if (!copyFile(P.str(), To)) {
      Error = "cannot copy " + P.str() + " to " + To;
      return std::nullopt;
    }
  }
  if (EC) {
    Error = "cannot read " + Source + ": " + EC.message();
    return std::nullopt;
  }
  C.Root = Dest;
  return C;
}

std::optional<ApplyResult> applyFixes(const std::vector<const Fixable *> &Fixes,
                                      const std::string &SourceRoot,
                                      const std::string &CopyRoot,
                                      std::string &Error) {
  ApplyResult R;
  // Per file, the edits taken so far (offset, end, text).
  std::map<std::string,
           std::vector<std::tuple<unsigned, unsigned, std::string>>>
      Taken;
  for (const Fixable *F : Fixes) {
    bool Conflict = false;
    for (const Edit &E : F->Edits) {
      if (!llvm::StringRef(E.File).starts_with(SourceRoot + "/")) {
        Conflict = true; // outside the project: not ours to change
        break;
      }
      for (const auto &[Off, End, Text] : Taken[E.File]) {
        bool Same =
            Off == E.Offset && End == E.Offset + E.Length && Text == E.Text;
        if (!Same && E.Offset < End && Off < E.Offset + E.Length)
          Conflict = true;
        if (!Same && E.Length == 0 && Off == E.Offset && End == Off)
          Conflict = true; // two insertions at one point: order unknown
      }
    }
    if (Conflict) {
      R.Conflict.push_back(F->Id);
      continue;
    }
    for (const Edit &E : F->Edits) {
      auto &V = Taken[E.File];
      auto Key = std::make_tuple(E.Offset, E.Offset + E.Length, E.Text);
      if (!llvm::is_contained(V, Key))
        V.push_back(Key);
    }
    R.Applied.push_back(F->Id);
  }
  for (auto &[File, Edits] : Taken) {
    if (Edits.empty())
      continue;
    std::string Target =
        CopyRoot + llvm::StringRef(File).substr(SourceRoot.size()).str();
    auto Buf = llvm::MemoryBuffer::getFile(Target);
    if (!Buf) {
      Error = "cannot read " + Target;
      return std::nullopt;
    }
    std::string Text = (*Buf)->getBuffer().str();
    // From the end, so earlier offsets stay valid.
    std::sort(Edits.begin(), Edits.end(), [](const auto &A, const auto &B) {
      return std::get<0>(A) > std::get<0>(B);
    });
    for (const auto &[Off, End, New] : Edits) {
      if (End > Text.size()) {
        Error = "a fix for " + File +
                " runs past its end (changed since "
                "the analysis?)";
        return std::nullopt;
      }
      Text.replace(Off, End - Off, New);
    }
    // Written beside the target and renamed over it: a reader (or Ctrl-C)
    // never sees half a file.
    std::string Temp = Target + ".hotpath-tmp";
    {
      std::error_code EC;
      llvm::raw_fd_ostream OS(Temp, EC);
      if (EC) {
        Error = "cannot write " + Temp + ": " + EC.message();
        return std::nullopt;
      }
      OS << Text;
    }
    if (std::error_code EC = fs::rename(Temp, Target)) {
      Error = "cannot replace " + Target + ": " + EC.message();
      return std::nullopt;
    }
    R.Files.push_back(Target);
  }
  return R;
}

} // namespace hotpath::verify
