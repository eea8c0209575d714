// The summaries a run saves for the front-ends that see one file at a time
// (checks/support/SavedSummaries.h): what is read back completes a chain;
// a file changed since, the caller's own file, another version's file, a
// broken file and a missing one each leave something out, and say so,
// without stopping anything.

#include "support/SavedSummaries.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"
#include <chrono>
#include <thread>

using namespace clang::tidy::hotpath;

namespace {

const char *Check = "hotpath-blocking-under-lock";

class SavedSummariesTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("saved", Dir));
    Use = path("use.cpp");
    Helpers = path("helpers.cpp");
    write(Use, "void relay();\n");
    write(Helpers, "void relay() { flush(); }\n");
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Dir); }

  std::string path(llvm::StringRef Name) const {
    llvm::SmallString<256> P = Dir;
    llvm::sys::path::append(P, Name);
    return std::string(P);
  }
  static void write(llvm::StringRef File, llvm::StringRef Text) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(File, EC);
    ASSERT_FALSE(EC);
    OS << Text;
  }
  static std::string contents(llvm::StringRef File) {
    auto B = llvm::MemoryBuffer::getFile(File);
    return B ? (*B)->getBuffer().str() : "";
  }

  // helpers.cpp's summary: relay -> flush, and flush writes.
  support::SavedUnit helpersUnit() const {
    support::FunctionRecord Relay, Flush;
    Relay.Function = "_Z5relayv";
    Relay.Calls.push_back({"_Z5flushv", {"flush", Helpers, 15}, true});
    Flush.Function = "_Z5flushv";
    support::PrimitiveRecord P;
    P.At = {"'fwrite'", Helpers, 20};
    P.Text = "fwrite";
    P.What = "writes a file";
    Flush.Primitive = P;
    return {Helpers,
            support::digestOf(contents(Helpers)),
            {{Check, {Relay, Flush}}}};
  }
  static support::PendingRecord relayFromUse(llvm::StringRef Use) {
    support::PendingRecord P;
    P.Root = "_Z5relayv";
    P.At = {"relay", Use.str(), 3};
    P.MaxDepth = 4;
    return P;
  }
  // A new modification time for the next write (the cache keys on it).
  static void tick() {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }

  llvm::SmallString<256> Dir;
  std::string Use, Helpers;
};

TEST_F(SavedSummariesTest, ACallIntoAnotherFileIsCompleted) {
  std::string Saved = path(support::SavedSummariesName);
  ASSERT_FALSE(
      llvm::errorToBool(support::saveSummaries(Saved, {helpersUnit()})));
  auto L = support::savedSummariesFor(Use, "auto");
  ASSERT_TRUE(L);
  EXPECT_EQ(L->Path, Saved);
  auto C = L->Graph.search(Check, relayFromUse(Use));
  ASSERT_TRUE(C);
  EXPECT_EQ(C->fill("{hotpath:what} ({hotpath:chain})"),
            "writes a file (relay -> flush -> fwrite)");
  ASSERT_EQ(C->notes().size(), 2u);
  EXPECT_EQ(C->notes()[0].second, "'relay' calls 'flush' here");
  // The file's own records are left out when it is the one analysed.
  EXPECT_FALSE(
      L->Graph.search(Check, relayFromUse(Use), L->OriginOf.at(Helpers)));
}

TEST_F(SavedSummariesTest, SavingOneFileKeepsTheOthers) {
  std::string Saved = path(support::SavedSummariesName);
  ASSERT_FALSE(
      llvm::errorToBool(support::saveSummaries(Saved, {helpersUnit()})));
  support::SavedUnit UseUnit{Use, support::digestOf(contents(Use)), {}};
  tick();
  ASSERT_FALSE(llvm::errorToBool(support::saveSummaries(Saved, {UseUnit})));
  auto L = support::savedSummariesFor(Use, Saved);
  ASSERT_TRUE(L);
  EXPECT_EQ(L->OriginOf.size(), 2u);
  EXPECT_TRUE(L->Graph.search(Check, relayFromUse(Use)));
}

TEST_F(SavedSummariesTest, AChangedFileIsStale) {
  std::string Saved = path(support::SavedSummariesName);
  ASSERT_FALSE(
      llvm::errorToBool(support::saveSummaries(Saved, {helpersUnit()})));
  ASSERT_TRUE(support::savedSummariesFor(Use, Saved)
                  ->Graph.search(Check, relayFromUse(Use)));
  tick();
  write(Helpers, "void relay() {}\n"); // no longer calls flush
  testing::internal::CaptureStderr();
  auto L = support::savedSummariesFor(Use, Saved);
  std::string Said = testing::internal::GetCapturedStderr();
  ASSERT_TRUE(L);
  EXPECT_FALSE(L->Graph.search(Check, relayFromUse(Use)));
  EXPECT_NE(Said.find("1 of the 1 files"), std::string::npos) << Said;
  EXPECT_NE(Said.find(Helpers), std::string::npos) << Said;
}

TEST_F(SavedSummariesTest, AnotherVersionsFileIsIgnoredAndSaid) {
  std::string Saved = path(support::SavedSummariesName);
  write(Saved, R"({"format": "hotpath effect summaries", "version": 99,
                   "hotpath": "0.0.1", "units": []})");
  testing::internal::CaptureStderr();
  auto L = support::savedSummariesFor(Use, "auto");
  std::string Said = testing::internal::GetCapturedStderr();
  EXPECT_FALSE(L);
  EXPECT_NE(Said.find("written by hotpath 0.0.1 (format 99)"),
            std::string::npos)
      << Said;
  // Said once, not at every file.
  testing::internal::CaptureStderr();
  EXPECT_FALSE(support::savedSummariesFor(Use, "auto"));
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

TEST_F(SavedSummariesTest, ABrokenFileIsIgnoredAndSaid) {
  std::string Saved = path(support::SavedSummariesName);
  ASSERT_FALSE(
      llvm::errorToBool(support::saveSummaries(Saved, {helpersUnit()})));
  std::string Text = contents(Saved);
  tick();
  write(Saved, Text.substr(0, Text.size() / 2)); // cut short
  testing::internal::CaptureStderr();
  EXPECT_FALSE(support::savedSummariesFor(Use, Saved));
  std::string Said = testing::internal::GetCapturedStderr();
  EXPECT_NE(Said.find("hotpath: ignoring " + Saved), std::string::npos) << Said;
}

TEST_F(SavedSummariesTest, NoneFoundIsSilent) {
  testing::internal::CaptureStderr();
  EXPECT_FALSE(support::savedSummariesFor(Use, "auto"));
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  // Named, and missing: said.
  testing::internal::CaptureStderr();
  EXPECT_FALSE(support::savedSummariesFor(Use, path("nowhere.json")));
  EXPECT_NE(testing::internal::GetCapturedStderr().find("no summaries file"),
            std::string::npos);
}

TEST_F(SavedSummariesTest, FoundInABuildDirectoryAbove) {
  llvm::SmallString<256> Build = Dir, Src = Dir;
  llvm::sys::path::append(Build, "build");
  llvm::sys::path::append(Src, "src", "deep");
  ASSERT_FALSE(llvm::sys::fs::create_directories(Build));
  ASSERT_FALSE(llvm::sys::fs::create_directories(Src));
  llvm::sys::path::append(Build, support::SavedSummariesName);
  ASSERT_FALSE(
      llvm::errorToBool(support::saveSummaries(Build, {helpersUnit()})));
  llvm::SmallString<256> File = Src;
  llvm::sys::path::append(File, "x.cpp");
  auto L = support::savedSummariesFor(File, "auto");
  ASSERT_TRUE(L);
  EXPECT_EQ(L->Path, std::string(Build));
}

} // namespace
