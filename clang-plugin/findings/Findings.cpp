//===--- Findings.cpp - hotpath standalone tool ---------------------------===//

#include "findings/Findings.h"
#include "findings/FindingData.h"
#include "findings/FindingJson.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"
#include <algorithm>

namespace clang::tidy::hotpath::findings {

const LineTable::FileLines &LineTable::load(const std::string &File) {
  auto It = Files.find(File);
  if (It != Files.end())
    return It->second;
  FileLines FL;
  if (auto Buf = llvm::MemoryBuffer::getFile(File))
    FL.Text = (*Buf)->getBuffer().str();
  FL.Starts.push_back(0);
  for (unsigned I = 0; I < FL.Text.size(); ++I)
    if (FL.Text[I] == '\n')
      FL.Starts.push_back(I + 1);
  return Files.emplace(File, std::move(FL)).first->second;
}

// UTF-16 code units in a UTF-8 byte range (invalid bytes count as one).
static unsigned utf16Units(llvm::StringRef S) {
  unsigned Units = 0;
  for (unsigned I = 0; I < S.size();) {
    unsigned char C = S[I];
    unsigned Len = C < 0x80         ? 1
                   : (C >> 5) == 6  ? 2
                   : (C >> 4) == 14 ? 3
                   : (C >> 3) == 30 ? 4
                                    : 1;
    Units += Len == 4 ? 2 : 1;
    I += Len;
  }
  return Units;
}

Location LineTable::locate(const std::string &File, unsigned Offset) {
  std::lock_guard<std::mutex> Lock(Mu);
  const FileLines &FL = load(File);
  Location L;
  L.File = File;
  L.Offset = Offset;
  auto It = std::upper_bound(FL.Starts.begin(), FL.Starts.end(), Offset);
  unsigned LineIdx = static_cast<unsigned>(It - FL.Starts.begin()) - 1;
  unsigned Start = FL.Starts[LineIdx];
  L.Line = LineIdx + 1;
  L.Column = Offset - Start + 1;
  llvm::StringRef Prefix =
      llvm::StringRef(FL.Text).substr(Start, Offset - Start);
  L.Utf16Column = utf16Units(Prefix) + 1;
  return L;
}

std::string LineTable::lineText(const std::string &File, unsigned Line) {
  std::lock_guard<std::mutex> Lock(Mu);
  const FileLines &FL = load(File);
  if (Line == 0 || Line > FL.Starts.size())
    return "";
  unsigned Start = FL.Starts[Line - 1];
  unsigned End = Line < FL.Starts.size()
                     ? FL.Starts[Line] - 1
                     : static_cast<unsigned>(FL.Text.size());
  return FL.Text.substr(Start, End - Start);
}

std::string findingId(llvm::StringRef Check, llvm::StringRef File,
                      unsigned Line, unsigned Column) {
  std::string Key = (Check + "\n" + File + "\n" + llvm::Twine(Line) + ":" +
                     llvm::Twine(Column))
                        .str();
  return llvm::formatv("hp-{0:x-8}",
                       static_cast<uint32_t>(llvm::xxh3_64bits(Key)))
      .str();
}

Finding toFinding(const clang::tidy::ClangTidyError &E, LineTable &Lines) {
  Finding F;
  F.Check = E.DiagnosticName;
  F.IsError =
      E.IsWarningAsError || E.DiagLevel == clang::tooling::Diagnostic::Error;
  F.Message = E.Message.Message;
  if (!E.Message.FilePath.empty())
    F.Loc = Lines.locate(E.Message.FilePath, E.Message.FileOffset);
  F.Id = findingId(F.Check, F.Loc.File, F.Loc.Line, F.Loc.Column);
  support::FindingData D = findingData(E);
  if (D.Hotness) {
    Hotness H;
    llvm::json::Path::Root Root;
    if (fromJSON(llvm::json::Value(llvm::json::Object(*D.Hotness)), H, Root))
      F.Hot = std::move(H);
    else
      llvm::consumeError(Root.getError());
  }
  F.VetoOnly = D.VetoOnly;
  F.Pending = std::move(D.Pending);
  F.Summaries = std::move(D.Summaries);
  for (const auto &N : E.Notes) {
    if (isDataNote(N))
      continue;
    Note Nt;
    Nt.Message = N.Message;
    if (!N.FilePath.empty())
      Nt.Loc = Lines.locate(N.FilePath, N.FileOffset);
    F.Notes.push_back(std::move(Nt));
  }
  // The fix's files come from a StringMap, whose order follows the paths'
  // hashes: take them in path order, so the output does not depend on
  // where the project lives.
  std::vector<llvm::StringRef> Files;
  for (const auto &FileAndReps : E.Message.Fix)
    Files.push_back(FileAndReps.first());
  llvm::sort(Files);
  for (llvm::StringRef File : Files)
    for (const clang::tooling::Replacement &R :
         E.Message.Fix.find(File)->second) {
      Edit Ed;
      std::string Path = R.getFilePath().str();
      Ed.Begin = Lines.locate(Path, R.getOffset());
      Ed.End = Lines.locate(Path, R.getOffset() + R.getLength());
      Ed.Text = R.getReplacementText().str();
      F.Fix.push_back(std::move(Ed));
    }
  return F;
}

std::string findingKey(const clang::tidy::ClangTidyError &E) {
  return E.DiagnosticName + "\n" + E.Message.FilePath + "\n" +
         std::to_string(E.Message.FileOffset);
}

} // namespace clang::tidy::hotpath::findings
