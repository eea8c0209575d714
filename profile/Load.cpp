//===--- Load.cpp - hotpath profiles --------------------------------------===//

#include "Load.h"
#include "llvm/ProfileData/InstrProfReader.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include <map>
#include <mutex>

namespace hotpath::profile {

static llvm::Error fail(const llvm::Twine &Msg) {
  return llvm::createStringError(std::errc::invalid_argument, "%s",
                                 Msg.str().c_str());
}

// LLVM's indexed-profile reader trusts the header's offsets and counts and
// reads past the end of a truncated file; they are checked here first.
static std::optional<std::string> damagedIndexed(llvm::StringRef Data) {
  namespace IP = llvm::IndexedInstrProf;
  if (Data.size() < sizeof(IP::Header))
    return std::string("it is shorter than its header");
  auto H = IP::Header::readFromBuffer(
      reinterpret_cast<const unsigned char *>(Data.data()));
  if (!H)
    return llvm::toString(H.takeError());
  const uint64_t Size = Data.size();
  for (uint64_t Offset : {H->HashOffset, H->MemProfOffset, H->BinaryIdOffset,
                          H->TemporalProfTracesOffset, H->VTableNamesOffset})
    if (Offset > Size)
      return std::string("it is truncated (an offset points past its end)");
  if (H->getIndexedProfileVersion() >= 4) {
    uint64_t At = H->size();
    if (At + 16 > Size)
      return std::string("it is truncated (no summary)");
    uint64_t Fields = llvm::support::endian::read64le(Data.data() + At);
    uint64_t Cutoffs = llvm::support::endian::read64le(Data.data() + At + 8);
    if (Fields > 4096 || Cutoffs > 4096 ||
        At + 16 + 8 * Fields + 24 * Cutoffs > Size)
      return std::string("it is truncated (the summary runs past its end)");
  }
  return std::nullopt;
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
    if (std::optional<std::string> Why = damagedIndexed(Data))
      return fail("profile " + R.Path + " is damaged: " + *Why);
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
  } else if (Data.contains("# Func Hash:") || Data.starts_with(":ir") ||
             Data.starts_with(":fe") || Data.starts_with(":csir")) {
    // llvm-profdata's text format (TextInstrProfReader::hasFormat accepts
    // any ASCII text, so its own marks are checked instead).
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

// What identifies one recording of the inputs: a long-lived process
// (hotpath-clangd) must see a profile recorded again after it first read it.
static std::string stampOf(const LoadRequest &R) {
  std::string Stamp;
  auto Add = [&](const std::string &Path) {
    llvm::sys::fs::file_status St;
    if (llvm::sys::fs::status(Path, St))
      Stamp += "missing;";
    else
      Stamp += std::to_string(
                   St.getLastModificationTime().time_since_epoch().count()) +
               ":" + std::to_string(St.getSize()) + ";";
  };
  Add(R.Path);
  for (const std::string &B : R.Binaries)
    Add(B);
  return Stamp;
}

std::shared_ptr<const Profile> loadCached(const LoadRequest &R,
                                          std::string &Error, bool *FirstTime) {
  struct Entry {
    std::string Stamp;
    std::shared_ptr<const Profile> P;
    std::string Error;
  };
  static std::mutex Mu;
  static std::map<std::string, Entry> Cache;
  std::string Key = R.Path;
  for (const std::string &B : R.Binaries)
    Key += '\0' + B;
  std::string Stamp = stampOf(R);
  std::lock_guard<std::mutex> Lock(Mu);
  auto [It, New] = Cache.try_emplace(Key);
  if (FirstTime)
    *FirstTime = New;
  if (New || It->second.Stamp != Stamp) {
    // Holders of the previous reading keep it alive until they are done.
    It->second = Entry{Stamp, nullptr, ""};
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
