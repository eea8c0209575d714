//===--- FindingsExport.cpp - hotpath compiler plugin ---------------------===//

#include "FindingsExport.h"
#include "findings/FindingData.h"
#include "findings/FindingsFile.h"
#include "relevance/RunOnce.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/Version.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <optional>

namespace clang::tidy::hotpath::plugin {

namespace ff = clang::tidy::hotpath::findings;

namespace {

bool isIdentChar(char C) { return llvm::isAlnum(C) || C == '_'; }

// A file's text with the offsets of its lines.
struct Text {
  std::string Data;
  std::vector<unsigned> Starts;
  bool Read = false;
  llvm::StringRef line(unsigned Line) const { // 1-based, without '\n'
    if (Line == 0 || Line > Starts.size())
      return {};
    llvm::StringRef Rest = llvm::StringRef(Data).drop_front(Starts[Line - 1]);
    return Rest.take_until([](char C) { return C == '\n'; });
  }
};

class Exporter {
public:
  explicit Exporter(const CompilerInstance &CI)
      : CI(CI), SM(CI.getSourceManager()) {
    llvm::SmallString<256> Dir;
    llvm::sys::fs::current_path(Dir);
    Cwd = Dir.str().str();
    const FrontendOptions &FO = CI.getFrontendOpts();
    Preprocessed =
        !FO.Inputs.empty() && FO.Inputs.front().getKind().isPreprocessed();
    Main = SM.getBufferData(SM.getMainFileID());
  }

  /// A preprocessed file named a source by a relative path: where it is
  /// cannot be known here.
  std::string Relative;

  std::string source() {
    if (Preprocessed) {
      // clang -E starts its output with `# 1 "<the source>"`.
      llvm::StringRef First = Main.take_until([](char C) { return C == '\n'; });
      size_t Open = First.find('"'), Close = First.rfind('"');
      if (First.starts_with("#") && Open != llvm::StringRef::npos &&
          Close > Open) {
        llvm::StringRef Name = First.slice(Open + 1, Close);
        if (!llvm::sys::path::is_absolute(Name))
          Relative = Name.str();
        return absolute(Name);
      }
    }
    OptionalFileEntryRef FE = SM.getFileEntryRefForID(SM.getMainFileID());
    return FE ? absolute(FE->getName()) : std::string();
  }

  // Compiler options that tell two builds of one source apart and survive a
  // distributed compiler, which strips the preprocessor's options before it
  // sends the command to a remote host (so -D cannot be part of it).
  std::string configuration() const {
    const LangOptions &LO = CI.getLangOpts();
    const CodeGenOptions &CG = CI.getCodeGenOpts();
    return llvm::formatv("{0} std={1} O{2} pic={3} g={4} exc={5} rtti={6}",
                         CI.getTargetOpts().Triple,
                         static_cast<int>(LO.LangStd), CG.OptimizationLevel,
                         LO.PICLevel, static_cast<int>(CG.getDebugInfo()),
                         LO.CXXExceptions, LO.RTTI)
        .str();
  }

  /// Absolute paths, and for preprocessed input the original files.
  void relocate(ClangTidyError &E) {
    if (!Preprocessed) {
      ff::makePathsAbsolute(E, Cwd);
      return;
    }
    relocate(E.Message.FilePath, E.Message.FileOffset);
    for (tooling::DiagnosticMessage &N : E.Notes)
      relocate(N.FilePath, N.FileOffset);
    // The places in its data too: effect summaries and pending findings.
    support::FindingData D = ff::findingData(E);
    if (D.Pending || D.Summaries) {
      support::forEachStep(D, [&](support::ChainStep &S) {
        unsigned Offset = S.Offset;
        relocate(S.File, Offset);
        S.Offset = Offset;
      });
      ff::setFindingData(E, D);
    }
    // Every replaced byte must be the same in the original file.
    llvm::StringMap<tooling::Replacements> Fix;
    bool FixOk = true;
    for (const auto &FileAndReps : E.Message.Fix)
      for (const tooling::Replacement &R : FileAndReps.second) {
        std::string File = R.getFilePath().str();
        unsigned Offset = R.getOffset();
        llvm::StringRef Replaced = Main.substr(R.getOffset(), R.getLength());
        if (!relocate(File, Offset) ||
            llvm::StringRef(original(File).Data)
                    .substr(Offset, R.getLength()) != Replaced) {
          FixOk = false;
          continue;
        }
        if (llvm::Error Err = Fix[File].add(tooling::Replacement(
                File, Offset, R.getLength(), R.getReplacementText()))) {
          llvm::consumeError(std::move(Err));
          FixOk = false;
        }
      }
    if (FixOk) {
      E.Message.Fix = std::move(Fix);
    } else {
      E.Message.Fix.clear();
      tooling::DiagnosticMessage N;
      N.Message = FixDroppedNote.str();
      N.FilePath = E.Message.FilePath;
      N.FileOffset = E.Message.FileOffset;
      E.Notes.push_back(std::move(N));
    }
    E.Message.Ranges.clear();
  }

  /// A location as it goes into the file (absolute, relocated).
  void place(std::string &File, unsigned &Offset) {
    if (Preprocessed)
      relocate(File, Offset);
    else
      File = absolute(File);
  }

  /// What each file the findings point into held when it was compiled.
  std::vector<ff::InputDigest>
  digests(const std::string &Source,
          const std::vector<ClangTidyError> &Findings) {
    std::vector<std::string> Files{Source};
    for (const ClangTidyError &E : Findings) {
      Files.push_back(E.Message.FilePath);
      for (const tooling::DiagnosticMessage &N : E.Notes)
        Files.push_back(N.FilePath);
      for (const auto &FileAndReps : E.Message.Fix)
        Files.push_back(FileAndReps.first().str());
    }
    llvm::sort(Files);
    Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
    std::vector<ff::InputDigest> Out;
    for (const std::string &F : Files) {
      if (F.empty())
        continue;
      std::optional<llvm::StringRef> Content = contentOf(F);
      if (Content)
        Out.push_back({F, Content->size(), ff::contentDigest(*Content)});
    }
    return Out;
  }

private:
  std::string absolute(llvm::StringRef Path) const {
    llvm::SmallString<256> Abs;
    if (!llvm::sys::path::is_absolute(Path))
      Abs = Cwd;
    llvm::sys::path::append(Abs, Path);
    llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    return Abs.str().str();
  }

  const Text &original(const std::string &File) {
    Text &T = Originals[File];
    if (T.Read)
      return T;
    T.Read = true;
    if (auto Buf = llvm::MemoryBuffer::getFile(File))
      T.Data = (*Buf)->getBuffer().str();
    T.Starts.push_back(0);
    for (unsigned I = 0; I < T.Data.size(); ++I)
      if (T.Data[I] == '\n')
        T.Starts.push_back(I + 1);
    return T;
  }

  // The text the compile saw: the source manager's buffer, or for
  // preprocessed input the original file (the compile saw it through -E).
  std::optional<llvm::StringRef> contentOf(const std::string &File) {
    if (Preprocessed) {
      const Text &T = original(File);
      if (!llvm::sys::fs::exists(File))
        return std::nullopt;
      return llvm::StringRef(T.Data);
    }
    auto FE = SM.getFileManager().getOptionalFileRef(File);
    if (!FE)
      return std::nullopt;
    if (auto Buf = SM.getMemoryBufferForFileOrNone(*FE))
      return Buf->getBuffer();
    return std::nullopt;
  }

  // A location in the preprocessed main file, as a location in the file its
  // line markers name: the same column when the two lines are equal, else
  // where the token there occurs once on the original line.
  bool relocate(std::string &File, unsigned &Offset) {
    if (File.empty() || Offset > Main.size())
      return false;
    SourceLocation Loc = SM.getComposedLoc(SM.getMainFileID(), Offset);
    PresumedLoc P = SM.getPresumedLoc(Loc);
    if (P.isInvalid())
      return false;
    // rfind looks before its position: the newline ending the line above.
    size_t LineBegin = Main.rfind('\n', Offset);
    LineBegin = LineBegin == llvm::StringRef::npos ? 0 : LineBegin + 1;
    llvm::StringRef Seen =
        Main.drop_front(LineBegin).take_until([](char C) { return C == '\n'; });
    unsigned Column = Offset - LineBegin;
    if (!llvm::sys::path::is_absolute(P.getFilename())) {
      // Relative to the directory of the preprocessing, on another host.
      Relative = P.getFilename();
      return false;
    }
    std::string Orig = absolute(P.getFilename());
    const Text &T = original(Orig);
    llvm::StringRef Line = T.line(P.getLine());
    if (!T.Read || P.getLine() > T.Starts.size())
      return false;
    unsigned Start = T.Starts[P.getLine() - 1];
    File = Orig;
    if (Seen == Line) {
      Offset = Start + Column;
      return true;
    }
    llvm::StringRef Token = Seen.drop_front(Column).take_while(isIdentChar);
    if (Token.empty())
      Token = Seen.substr(Column, 1);
    size_t At = Line.find(Token);
    if (!Token.empty() && At != llvm::StringRef::npos &&
        Line.find(Token, At + 1) == llvm::StringRef::npos) {
      Offset = Start + At;
      return true;
    }
    Offset = Start + std::min<unsigned>(Column, Line.size());
    return true;
  }

  const CompilerInstance &CI;
  SourceManager &SM;
  std::string Cwd;
  bool Preprocessed = false;
  llvm::StringRef Main;
  llvm::StringMap<Text> Originals;
};

} // namespace

llvm::Error exportFindings(const CompilerInstance &CI,
                           std::vector<ClangTidyError> Findings,
                           support::UnitSummaries Summaries,
                           llvm::StringRef Dir) {
  Exporter X(CI);
  ff::TUFindings TU;
  TU.Source = X.source();
  TU.Producer = llvm::formatv("hotpath-plugin {0}, clang {1}", HOTPATH_VERSION,
                              CLANG_VERSION_STRING)
                    .str();
  for (ClangTidyError &E : Findings)
    X.relocate(E);
  for (auto &[Check, Records] : Summaries) {
    support::FindingData D;
    D.Summaries = std::move(Records);
    support::forEachStep(D, [&](support::ChainStep &S) {
      unsigned Offset = S.Offset;
      X.place(S.File, Offset);
      S.Offset = Offset;
    });
    TU.Summaries.emplace_back(Check, std::move(*D.Summaries));
  }
  if (!X.Relative.empty())
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "cannot export the findings: this compile got preprocessed source "
        "(a distributed compiler) that names '%s' by a relative path, which "
        "cannot be resolved on this host; compile with absolute paths to "
        "sources and include directories (as CMake does)",
        X.Relative.c_str());
  TU.Inputs = X.digests(TU.Source, Findings);
  TU.Findings = std::move(Findings);
  // This TU's: the plugin runs one TU per compiler process.
  for (const relevance::HeldBackFinding &H :
       relevance::takeHeldBackFindings()) {
    ff::HeldBack B{H.Check, H.File, H.Offset, relevance::describe(H.Why).str()};
    X.place(B.File, B.Offset);
    TU.HeldBackFindings.push_back(std::move(B));
  }
  return ff::writeExportFile(
      Dir, ff::exportFileName(TU.Source, X.configuration()), TU);
}

} // namespace clang::tidy::hotpath::plugin
