//===--- SavedSummaries.cpp - hotpath -------------------------------------===//

#include "support/SavedSummaries.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include <mutex>

#ifndef HOTPATH_VERSION
#error "HOTPATH_VERSION: the version the saved summaries are written by"
#endif

namespace clang::tidy::hotpath::support {

namespace json = llvm::json;
namespace fs = llvm::sys::fs;

namespace {

// Spelled so that it can never be taken for a check's name.
constexpr llvm::StringLiteral FormatName = "hotpath effect summaries";
// Bumped when the records change meaning; a file of another format, or of
// another hotpath (whose checks may classify differently), is not read.
constexpr int64_t FormatVersion = 1;

json::Value unitToJSON(const SavedUnit &U) {
  json::Object Checks;
  for (const auto &[Check, Records] : U.Summaries)
    Checks[Check] = json::Value(Records);
  return json::Object{
      {"file", U.File}, {"digest", U.Digest}, {"summaries", std::move(Checks)}};
}

bool unitFromJSON(const json::Value &V, SavedUnit &U, json::Path P) {
  json::ObjectMapper O(V, P);
  if (!O || !O.map("file", U.File) || !O.map("digest", U.Digest))
    return false;
  const json::Object *Checks = V.getAsObject()->getObject("summaries");
  if (!Checks) {
    P.field("summaries").report("expected an object");
    return false;
  }
  for (const auto &[Check, Records] : *Checks) {
    std::vector<FunctionRecord> R;
    if (!fromJSON(Records, R, P.field("summaries").field(Check)))
      return false;
    U.Summaries.emplace_back(Check.str(), std::move(R));
  }
  return true;
}

llvm::Expected<std::vector<SavedUnit>> readUnits(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read it: %s",
                                   Buffer.getError().message().c_str());
  llvm::Expected<json::Value> V = json::parse((*Buffer)->getBuffer());
  if (!V)
    return V.takeError();
  const json::Object *O = V->getAsObject();
  if (!O || O->getString("format") != FormatName)
    return llvm::createStringError("not a file of hotpath's summaries");
  std::optional<int64_t> Version = O->getInteger("version");
  std::optional<llvm::StringRef> By = O->getString("hotpath");
  if (Version != FormatVersion || By != HOTPATH_VERSION)
    return llvm::createStringError(llvm::formatv(
        "written by hotpath {0} (format {1}), this is hotpath {2} (format "
        "{3}); run `hotpath check` again",
        By.value_or("?"), Version.value_or(0), HOTPATH_VERSION, FormatVersion));
  const json::Array *Units = O->getArray("units");
  if (!Units)
    return llvm::createStringError("no 'units' array");
  json::Path::Root Root("summaries");
  std::vector<SavedUnit> Result(Units->size());
  for (size_t I = 0; I < Units->size(); ++I)
    if (!unitFromJSON((*Units)[I], Result[I],
                      json::Path(Root).field("units").index(I)))
      return Root.getError();
  return Result;
}

std::optional<std::string> readDigest(llvm::StringRef File) {
  auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return std::nullopt;
  return digestOf((*Buffer)->getBuffer());
}

std::optional<fs::file_status> statusOf(llvm::StringRef Path) {
  fs::file_status S;
  if (fs::status(Path, S) || !fs::is_regular_file(S))
    return std::nullopt;
  return S;
}

// Where clangd finds compile_commands.json: the file's directory and its
// parents, and a build/ in each.
std::string findFor(llvm::StringRef MainFile) {
  llvm::SmallString<256> Dir = llvm::sys::path::parent_path(MainFile);
  for (; !Dir.empty(); Dir = llvm::sys::path::parent_path(Dir)) {
    for (llvm::StringRef Sub : {"", "build"}) {
      llvm::SmallString<256> Candidate = Dir;
      llvm::sys::path::append(Candidate, Sub, SavedSummariesName);
      if (statusOf(Candidate))
        return std::string(Candidate);
    }
    if (Dir == llvm::sys::path::root_path(Dir))
      break;
  }
  return "";
}

// One summaries file as loaded: what it held, and what it was checked
// against (its own time and size, each unit file's time).
struct CacheEntry {
  llvm::sys::TimePoint<> Time;
  uint64_t Size = 0;
  std::vector<std::pair<std::string, llvm::sys::TimePoint<>>> UnitTimes;
  std::shared_ptr<const LoadedSummaries> Loaded;
};

bool stillCurrent(const CacheEntry &E, const fs::file_status &S) {
  if (E.Time != S.getLastModificationTime() || E.Size != S.getSize())
    return false;
  for (const auto &[File, Time] : E.UnitTimes) {
    std::optional<fs::file_status> U = statusOf(File);
    if (!U || U->getLastModificationTime() != Time)
      return false;
  }
  return true;
}

CacheEntry load(llvm::StringRef Path, const fs::file_status &S) {
  CacheEntry E;
  E.Time = S.getLastModificationTime();
  E.Size = S.getSize();
  llvm::Expected<std::vector<SavedUnit>> Units = readUnits(Path);
  if (!Units) {
    llvm::errs() << "hotpath: ignoring " << Path << ": "
                 << llvm::toString(Units.takeError()) << "\n";
    return E;
  }
  auto L = std::make_shared<LoadedSummaries>();
  L->Path = Path.str();
  std::vector<std::string> Stale;
  unsigned Origin = 0;
  for (SavedUnit &U : *Units) {
    std::optional<fs::file_status> US = statusOf(U.File);
    E.UnitTimes.emplace_back(U.File, US ? US->getLastModificationTime()
                                        : llvm::sys::TimePoint<>());
    if (readDigest(U.File) != U.Digest) {
      Stale.push_back(U.File);
      continue;
    }
    L->OriginOf[U.File] = ++Origin;
    for (auto &[Check, Records] : U.Summaries)
      L->Graph.add(Check, std::move(Records), Origin);
  }
  if (!Stale.empty())
    llvm::errs() << llvm::formatv(
        "hotpath: {0} of the {1} files of {2} changed since it was written "
        "({3}{4}); calls into their functions are not followed until "
        "`hotpath check` runs again\n",
        Stale.size(), Units->size(), Path, Stale.front(),
        Stale.size() > 1 ? ", ..." : "");
  E.Loaded = std::move(L);
  return E;
}

} // namespace

std::string digestOf(llvm::StringRef Contents) {
  return llvm::utohexstr(llvm::xxh3_64bits(Contents), /*LowerCase=*/true);
}

llvm::Error saveSummaries(llvm::StringRef Path, std::vector<SavedUnit> Units) {
  llvm::StringSet<> Fresh;
  for (const SavedUnit &U : Units)
    Fresh.insert(U.File);
  if (llvm::Expected<std::vector<SavedUnit>> Old = readUnits(Path)) {
    for (SavedUnit &U : *Old)
      if (!Fresh.count(U.File))
        Units.push_back(std::move(U));
  } else {
    llvm::consumeError(Old.takeError()); // none yet, or not ours to keep
  }
  llvm::sort(Units, [](const SavedUnit &A, const SavedUnit &B) {
    return A.File < B.File;
  });
  json::Array Array;
  for (const SavedUnit &U : Units)
    Array.push_back(unitToJSON(U));
  json::Value V = json::Object{{"format", FormatName},
                               {"version", FormatVersion},
                               {"hotpath", HOTPATH_VERSION},
                               {"units", std::move(Array)}};
  return llvm::writeToOutput(Path, [&](llvm::raw_ostream &OS) {
    OS << V << "\n";
    return llvm::Error::success();
  });
}

std::shared_ptr<const LoadedSummaries>
savedSummariesFor(llvm::StringRef MainFile, llvm::StringRef Where) {
  std::string Path = Where == "auto" ? findFor(MainFile) : Where.str();
  if (Path.empty())
    return nullptr;
  static std::mutex Mu;
  static std::map<std::string, CacheEntry> Cache;
  std::lock_guard<std::mutex> Lock(Mu);
  std::optional<fs::file_status> S = statusOf(Path);
  if (!S) {
    // Named explicitly: say once that it is not there.
    if (Cache.try_emplace(Path).second)
      llvm::errs() << "hotpath: no summaries file " << Path << "\n";
    return nullptr;
  }
  auto It = Cache.find(Path);
  if (It == Cache.end() || !stillCurrent(It->second, *S))
    It = Cache.insert_or_assign(Path, load(Path, *S)).first;
  return It->second.Loaded;
}

} // namespace clang::tidy::hotpath::support
