//===--- FindingsFile.cpp - hotpath ---------------------------------------===//

#include "findings/FindingsFile.h"
#include "findings/FindingData.h"
#include "findings/FindingJson.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

namespace clang::tidy::hotpath::findings {

using clang::tidy::ClangTidyError;
namespace json = llvm::json;

std::string contentDigest(llvm::StringRef Content) {
  return llvm::formatv("{0:x-16}", llvm::xxh3_64bits(Content)).str();
}

std::string exportFileName(llvm::StringRef Source,
                           llvm::StringRef Configuration) {
  std::string Key = (Source + llvm::StringRef("\0", 1) + Configuration).str();
  return (llvm::sys::path::filename(Source) + "." + contentDigest(Key) +
          ExportSuffix)
      .str();
}

static std::string absolute(llvm::StringRef Path, llvm::StringRef Dir) {
  if (Path.empty())
    return Path.str();
  llvm::SmallString<256> Abs;
  if (!llvm::sys::path::is_absolute(Path))
    Abs = Dir;
  llvm::sys::path::append(Abs, Path);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return Abs.str().str();
}

void makePathsAbsolute(ClangTidyError &E, llvm::StringRef Dir) {
  if (Dir.empty())
    Dir = E.BuildDirectory;
  E.Message.FilePath = absolute(E.Message.FilePath, Dir);
  for (auto &N : E.Notes)
    N.FilePath = absolute(N.FilePath, Dir);
  llvm::StringMap<clang::tooling::Replacements> Fix;
  for (const auto &FileAndReps : E.Message.Fix) {
    std::string File = absolute(FileAndReps.first(), Dir);
    clang::tooling::Replacements &Reps = Fix[File];
    for (const clang::tooling::Replacement &R : FileAndReps.second)
      llvm::consumeError(Reps.add(clang::tooling::Replacement(
          File, R.getOffset(), R.getLength(), R.getReplacementText())));
  }
  E.Message.Fix = std::move(Fix);
}

static llvm::StringRef levelName(ClangTidyError::Level L) {
  switch (L) {
  case ClangTidyError::Error:
    return "error";
  case ClangTidyError::Remark:
    return "remark";
  default:
    return "warning";
  }
}

std::string exportText(const TUFindings &TU) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  json::OStream J(OS);
  J.object([&] {
    J.attribute("format", ExportFormatName);
    J.attribute("version", ExportFormatVersion);
    J.attribute("producer", TU.Producer);
    J.attribute("source", TU.Source);
    J.attributeArray("inputs", [&] {
      for (const InputDigest &D : TU.Inputs)
        J.object([&] {
          J.attribute("file", D.File);
          J.attribute("size", static_cast<int64_t>(D.Size));
          J.attribute("hash", D.Hash);
        });
    });
    J.attributeArray("findings", [&] {
      for (const ClangTidyError &E : TU.Findings)
        J.object([&] {
          J.attribute("check", E.DiagnosticName);
          J.attribute("level", levelName(E.DiagLevel));
          J.attribute("as_error", E.IsWarningAsError);
          J.attribute("file", E.Message.FilePath);
          J.attribute("offset", static_cast<int64_t>(E.Message.FileOffset));
          J.attribute("message", E.Message.Message);
          J.attributeArray("notes", [&] {
            for (const clang::tooling::DiagnosticMessage &N : E.Notes)
              J.object([&] {
                J.attribute("file", N.FilePath);
                J.attribute("offset", static_cast<int64_t>(N.FileOffset));
                J.attribute("message", N.Message);
              });
          });
          J.attributeArray("fix", [&] {
            for (const auto &FileAndReps : E.Message.Fix)
              for (const clang::tooling::Replacement &R : FileAndReps.second)
                J.object([&] {
                  J.attribute("file", R.getFilePath());
                  J.attribute("offset", static_cast<int64_t>(R.getOffset()));
                  J.attribute("length", static_cast<int64_t>(R.getLength()));
                  J.attribute("text", R.getReplacementText());
                });
          });
        });
    });
    J.attributeArray("held_back", [&] {
      for (const HeldBack &H : TU.HeldBackFindings)
        J.object([&] {
          J.attribute("check", H.Check);
          J.attribute("file", H.File);
          J.attribute("offset", static_cast<int64_t>(H.Offset));
          J.attribute("why", H.Why);
        });
    });
    J.attributeArray("effect_summaries", [&] {
      for (const auto &Unit : TU.Summaries)
        J.object([&] {
          J.attribute("check", Unit.first);
          J.attribute("functions", llvm::json::Value(Unit.second));
        });
    });
  });
  OS << "\n";
  return Text;
}

llvm::Error writeExportFile(llvm::StringRef Dir, llvm::StringRef Name,
                            const TUFindings &TU) {
  auto Fail = [&](const llvm::Twine &What, std::error_code EC) {
    return llvm::createStringError(EC, "cannot write findings to '%s': %s: %s",
                                   Dir.str().c_str(), What.str().c_str(),
                                   EC.message().c_str());
  };
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir))
    return Fail("cannot create the directory", EC);
  // A unique temporary beside the target, renamed over it: a reader (or a
  // second compile of the same TU) never sees half a file.
  llvm::SmallString<256> Model(Dir);
  llvm::sys::path::append(Model, "." + Name + ".tmp-%%%%%%%%");
  int FD;
  llvm::SmallString<256> Temp;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(Model, FD, Temp))
    return Fail("cannot create a temporary file", EC);
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << exportText(TU);
    OS.close();
    if (OS.has_error()) {
      std::error_code EC = OS.error();
      OS.clear_error();
      llvm::sys::fs::remove(Temp);
      return Fail(Temp, EC);
    }
  }
  llvm::SmallString<256> Target(Dir);
  llvm::sys::path::append(Target, Name);
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Target)) {
    llvm::sys::fs::remove(Temp);
    return Fail(Target, EC);
  }
  return llvm::Error::success();
}

// ------------------------------------------------------------------ reading

namespace {

class Reader {
public:
  explicit Reader(llvm::StringRef Path) : Path(Path) {}

  llvm::Error fail(const llvm::Twine &What) const {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s: %s",
                                   Path.str().c_str(), What.str().c_str());
  }

  llvm::Expected<std::string> str(const json::Object &O, llvm::StringRef Key,
                                  llvm::StringRef What) const {
    if (auto S = O.getString(Key))
      return S->str();
    return fail(What + " without a string \"" + Key + "\"");
  }
  llvm::Expected<uint64_t> num(const json::Object &O, llvm::StringRef Key,
                               llvm::StringRef What) const {
    if (auto N = O.getInteger(Key); N && *N >= 0)
      return static_cast<uint64_t>(*N);
    return fail(What + " without a non-negative integer \"" + Key + "\"");
  }

  // Calls \p F on each object of the array O[Key]; none when it is absent.
  llvm::Error
  eachObject(const json::Object &O, llvm::StringRef Key, llvm::StringRef What,
             llvm::function_ref<llvm::Error(const json::Object &)> F) const {
    if (const json::Array *A = O.getArray(Key))
      for (const json::Value &V : *A) {
        const json::Object *Item = V.getAsObject();
        if (!Item)
          return fail(What + " that is not an object");
        if (llvm::Error Err = F(*Item))
          return Err;
      }
    return llvm::Error::success();
  }

  // A note's message; the location is the caller's.
  llvm::Expected<clang::tooling::DiagnosticMessage>
  note(const json::Object &N) const {
    auto Message = str(N, "message", "a note");
    if (!Message)
      return Message.takeError();
    clang::tooling::DiagnosticMessage DM;
    DM.Message = *Message;
    return DM;
  }

  // An export file's finding.
  llvm::Expected<ClangTidyError> exported(const json::Object &O) const {
    auto Check = str(O, "check", "a finding");
    if (!Check)
      return Check.takeError();
    llvm::StringRef Level = O.getString("level").value_or("warning");
    ClangTidyError E(*Check,
                     Level == "error"    ? ClangTidyError::Error
                     : Level == "remark" ? ClangTidyError::Remark
                                         : ClangTidyError::Warning,
                     "", O.getBoolean("as_error").value_or(false));
    auto Message = str(O, "message", "a finding");
    auto File = str(O, "file", "a finding");
    auto Offset = num(O, "offset", "a finding");
    if (!Message || !File || !Offset)
      return llvm::joinErrors(
          llvm::joinErrors(Message.takeError(), File.takeError()),
          Offset.takeError());
    E.Message.Message = *Message;
    E.Message.FilePath = *File;
    E.Message.FileOffset = static_cast<unsigned>(*Offset);
    if (llvm::Error Err = eachObject(
            O, "notes", "a note", [&](const json::Object &N) -> llvm::Error {
              auto DM = note(N);
              if (!DM)
                return DM.takeError();
              DM->FilePath = N.getString("file").value_or("").str();
              DM->FileOffset =
                  static_cast<unsigned>(N.getInteger("offset").value_or(0));
              E.Notes.push_back(std::move(*DM));
              return llvm::Error::success();
            }))
      return std::move(Err);
    if (llvm::Error Err = eachObject(
            O, "fix", "a fix", [&](const json::Object &R) -> llvm::Error {
              auto RF = str(R, "file", "a fix");
              auto RO = num(R, "offset", "a fix");
              auto RL = num(R, "length", "a fix");
              auto RT = str(R, "text", "a fix");
              if (!RF || !RO || !RL || !RT)
                return llvm::joinErrors(
                    llvm::joinErrors(RF.takeError(), RO.takeError()),
                    llvm::joinErrors(RL.takeError(), RT.takeError()));
              return addFix(E, *RF, *RO, *RL, *RT);
            }))
      return std::move(Err);
    return E;
  }

  // A finding of the tool's JSON (FindingJson.h) as the clang-tidy error the
  // merge works on; every line and column read goes to \p Checks, to verify
  // against the file as it is now.
  llvm::Expected<ClangTidyError>
  fromToolFinding(const clang::tidy::hotpath::findings::Finding &F,
                  std::vector<PositionCheck> &Checks) const {
    // The tool marks both warnings-as-errors and compiler errors "error";
    // only hotpath findings get here, so it is the former.
    ClangTidyError E(F.Check, ClangTidyError::Warning, "", F.IsError);
    E.Message.Message = F.Message;
    E.Message.FilePath = F.Loc.File;
    E.Message.FileOffset = F.Loc.Offset;
    Checks.push_back({F.Loc.File, F.Loc.Offset, F.Loc.Line, F.Loc.Column});
    for (const clang::tidy::hotpath::findings::Note &N : F.Notes) {
      clang::tooling::DiagnosticMessage DM;
      DM.Message = N.Message;
      if (!N.Loc.File.empty()) {
        DM.FilePath = N.Loc.File;
        DM.FileOffset = N.Loc.Offset;
        Checks.push_back({N.Loc.File, N.Loc.Offset, N.Loc.Line, N.Loc.Column});
      }
      E.Notes.push_back(std::move(DM));
    }
    // Back into the data the checks attach, which the merge reads and
    // toFinding turns into fields again.
    clang::tidy::hotpath::support::FindingData D;
    if (F.Hot)
      D.Hotness = *clang::tidy::hotpath::findings::toJSON(*F.Hot).getAsObject();
    D.VetoOnly = F.VetoOnly;
    D.Pending = F.Pending;
    D.Summaries = F.Summaries;
    clang::tidy::hotpath::findings::setFindingData(E, D);
    for (const clang::tidy::hotpath::findings::Edit &Ed : F.Fix) {
      Checks.push_back(
          {Ed.Begin.File, Ed.Begin.Offset, Ed.Begin.Line, Ed.Begin.Column});
      Checks.push_back(
          {Ed.End.File, Ed.End.Offset, Ed.End.Line, Ed.End.Column});
      if (llvm::Error Err = addFix(E, Ed.Begin.File, Ed.Begin.Offset,
                                   Ed.End.Offset - Ed.Begin.Offset, Ed.Text))
        return std::move(Err);
    }
    return E;
  }

  llvm::Error addFix(ClangTidyError &E, const std::string &File,
                     uint64_t Offset, uint64_t Length,
                     const std::string &Text) const {
    if (llvm::Error Err = E.Message.Fix[File].add(
            clang::tooling::Replacement(File, static_cast<unsigned>(Offset),
                                        static_cast<unsigned>(Length), Text)))
      return fail("overlapping fixes in one finding: " +
                  llvm::toString(std::move(Err)));
    return llvm::Error::success();
  }

private:
  llvm::StringRef Path;
};

} // namespace

llvm::Expected<TUFindings> parseFindings(llvm::StringRef Text,
                                         llvm::StringRef Path) {
  Reader R(Path);
  llvm::Expected<json::Value> Parsed = json::parse(Text);
  if (!Parsed)
    return R.fail("not a hotpath findings file: invalid JSON: " +
                  llvm::toString(Parsed.takeError()));
  TUFindings TU;
  TU.Path = Path.str();
  if (Parsed->getAsArray()) {
    TU.Producer = "hotpath --format=json";
    auto Findings = clang::tidy::hotpath::findings::parseToolJson(Text, Path);
    if (!Findings)
      return Findings.takeError();
    for (const clang::tidy::hotpath::findings::Finding &F : *Findings) {
      auto E = R.fromToolFinding(F, TU.Positions);
      if (!E)
        return E.takeError();
      TU.Findings.push_back(std::move(*E));
    }
    return TU;
  }
  const json::Object *O = Parsed->getAsObject();
  if (!O || O->getString("format") != ExportFormatName)
    return R.fail("not a hotpath findings file: neither an export file of "
                  "the compiler plugin nor `hotpath --format=json` output");
  if (O->getInteger("version") != ExportFormatVersion)
    return R.fail(
        llvm::formatv("export format version {0}, this hotpath "
                      "reads version {1}{2}",
                      O->getInteger("version").value_or(0), ExportFormatVersion,
                      O->getInteger("version").value_or(0) < ExportFormatVersion
                          ? " (written by an older plugin: build "
                            "again to export it anew)"
                          : "")
            .str());
  TU.Producer = O->getString("producer").value_or("").str();
  TU.Source = O->getString("source").value_or("").str();
  if (const json::Array *Inputs = O->getArray("inputs"))
    for (const json::Value &V : *Inputs) {
      const json::Object *I = V.getAsObject();
      if (!I)
        return R.fail("an input that is not an object");
      auto File = R.str(*I, "file", "an input");
      auto Size = R.num(*I, "size", "an input");
      auto Hash = R.str(*I, "hash", "an input");
      if (!File || !Size || !Hash)
        return llvm::joinErrors(
            llvm::joinErrors(File.takeError(), Size.takeError()),
            Hash.takeError());
      TU.Inputs.push_back({*File, *Size, *Hash});
    }
  const json::Array *Findings = O->getArray("findings");
  if (!Findings)
    return R.fail("no \"findings\" array");
  for (const json::Value &V : *Findings) {
    const json::Object *F = V.getAsObject();
    if (!F)
      return R.fail("a finding that is not a JSON object");
    auto E = R.exported(*F);
    if (!E)
      return E.takeError();
    TU.Findings.push_back(std::move(*E));
  }
  if (const json::Array *Held = O->getArray("held_back"))
    for (const json::Value &V : *Held) {
      const json::Object *H = V.getAsObject();
      if (!H)
        return R.fail("a held-back finding that is not an object");
      TU.HeldBackFindings.push_back(
          {H->getString("check").value_or("").str(),
           H->getString("file").value_or("").str(),
           static_cast<unsigned>(H->getInteger("offset").value_or(0)),
           H->getString("why").value_or("").str()});
    }
  if (const json::Array *Sums = O->getArray("effect_summaries"))
    for (const json::Value &V : *Sums) {
      const json::Object *S = V.getAsObject();
      const json::Value *Fns = S ? S->get("functions") : nullptr;
      std::vector<clang::tidy::hotpath::support::FunctionRecord> Records;
      json::Path::Root Root;
      if (!Fns || !fromJSON(*Fns, Records, Root)) {
        llvm::consumeError(Root.getError());
        return R.fail("effect summaries that are not what the plugin writes");
      }
      TU.Summaries.emplace_back(S->getString("check").value_or("").str(),
                                std::move(Records));
    }
  return TU;
}

llvm::Expected<TUFindings> readFindingsFile(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf)
    return llvm::createStringError(Buf.getError(), "%s: cannot read: %s",
                                   Path.str().c_str(),
                                   Buf.getError().message().c_str());
  return parseFindings((*Buf)->getBuffer(), Path);
}

} // namespace clang::tidy::hotpath::findings
