//===--- Load.cpp - hotpath profiles --------------------------------------===//

#include "Load.h"
#include "llvm/ProfileData/InstrProfReader.h"
#include "llvm/Support/MemoryBuffer.h"
#include <map>
#include <mutex>

namespace hotpath::profile {

static llvm::Error fail(const llvm::Twine &Msg) {
  return llvm::createStringError(std::errc::invalid_argument, "%s",
                                 Msg.str().c_str());
}

llvm::Expected<std::shared_ptr<const Profile>> load(const LoadRequest &R) {
  auto Buf = llvm::MemoryBuffer::getFile(R.Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf)
    return fail("cannot read profile " + R.Path + ": " +
                Buf.getError().message());
  llvm::StringRef Data = (*Buf)->getBuffer();
  if (Data.empty())
    return fail("profile " + R.Path + " is empty");

  llvm::Expected<std::unique_ptr<Profile>> P = nullptr;
  if (llvm::IndexedInstrProfReader::hasFormat(**Buf)) {
    P = readInstr(R.Path, R.Binaries);
  } else if (llvm::RawInstrProfReader64::hasFormat(**Buf) ||
             llvm::RawInstrProfReader32::hasFormat(**Buf)) {
    return fail("profile " + R.Path +
                " is a raw instrumentation profile: merge it first with "
                "'llvm-profdata merge -o app.profdata " +
                R.Path + "'");
  } else if (Data.starts_with("PERFILE2") || Data.starts_with("PERFFILE")) {
    P = readPerfData(R.Path);
  } else if (Data.starts_with("# callgrind format") ||
             Data.contains("\nevents: ") || Data.starts_with("events: ")) {
    P = readCallgrind(R.Path, Data);
  } else if (Data.contains("PERF_RECORD_MMAP") || Data.contains(" (/")) {
    P = readPerfScript(R.Path, Data);
  } else if (llvm::TextInstrProfReader::hasFormat(**Buf)) {
    return fail("profile " + R.Path +
                " is a text instrumentation profile: convert it with "
                "'llvm-profdata merge -o app.profdata " +
                R.Path + "'");
  } else {
    return fail("profile " + R.Path +
                " is not a profile hotpath reads: expected an indexed "
                "instrumentation profile (.profdata), perf.data or its "
                "'perf script' text, or a callgrind.out file");
  }
  if (!P)
    return P.takeError();
  return std::shared_ptr<const Profile>(std::move(*P));
}

std::shared_ptr<const Profile> loadCached(const LoadRequest &R,
                                          std::string &Error,
                                          bool *FirstTime) {
  struct Entry {
    std::shared_ptr<const Profile> P;
    std::string Error;
  };
  static std::mutex Mu;
  static std::map<std::string, Entry> Cache;
  std::string Key = R.Path;
  for (const std::string &B : R.Binaries)
    Key += '\0' + B;
  std::lock_guard<std::mutex> Lock(Mu);
  auto [It, New] = Cache.try_emplace(Key);
  if (FirstTime)
    *FirstTime = New;
  if (New) {
    auto P = load(R);
    if (P)
      It->second.P = std::move(*P);
    else
      It->second.Error = llvm::toString(P.takeError());
  }
  Error = It->second.Error;
  return It->second.P;
}

std::vector<std::string> splitList(llvm::StringRef List) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  List.split(Parts, ';', -1, /*KeepEmpty=*/false);
  std::vector<std::string> Out;
  for (llvm::StringRef S : Parts)
    if (!S.trim().empty())
      Out.push_back(S.trim().str());
  return Out;
}

} // namespace hotpath::profile
