// The profile library on inputs written here: callgrind's compressed format,
// region counts, path matching, format detection. The readers of real
// profiles (instr, perf, callgrind) are tested end to end in test/profile.
#include "../../profile/Load.h"
#include "../../profile/Profile.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

using namespace hotpath::profile;

namespace {

// Two functions in /src/a.cpp; main calls work() 37 times from line 20.
// Names and files are compressed ("(1) name", later "(1)"), positions
// relative ("+1", "-2", "*"), and one cost line comes from an inlined
// header (fi=).
const char *Callgrind = R"(# callgrind format
version: 1
creator: callgrind-3.19.0
positions: line
events: Ir
summary: 5000

ob=(1) /bin/app
fl=(1) /src/a.cpp
fn=(1) work(int)
10 100
+1 200
fi=(2) /src/inl.h
5 7
fe=(1)
12 300

fn=(2) main
18 10
+2 5
cfl=(1)
cfn=(1)
calls=37 10
* 4000
+1 2
)";

Range lines(const char *File, unsigned First, unsigned Last) {
  Range R;
  R.File = File;
  R.Begin = {First, 1};
  R.End = {Last, 1};
  return R;
}

TEST(CallgrindReader, SelfInclusiveAndCalls) {
  auto P = readCallgrind("cg.out", Callgrind);
  ASSERT_TRUE(bool(P)) << llvm::toString(P.takeError());
  const Profile &Prof = **P;
  EXPECT_EQ(Prof.total(), 5000u);
  const FileProfile *A = Prof.file("/src/a.cpp");
  ASSERT_NE(A, nullptr);
  EXPECT_EQ(A->Lines.at(10).Self, 100u);
  EXPECT_EQ(A->Lines.at(11).Self, 200u);
  EXPECT_EQ(A->Lines.at(12).Self, 300u);
  EXPECT_EQ(A->Lines.at(20).Self, 5u);
  EXPECT_EQ(A->Lines.at(20).Calls, 37u);
  EXPECT_EQ(A->Lines.at(20).CallCost, 4000u);
  EXPECT_EQ(A->Lines.at(21).Self, 2u);
  // The inlined header line belongs to the header, not to a.cpp's line 5.
  EXPECT_EQ(A->Lines.count(5), 0u);
  ASSERT_NE(Prof.file("/src/inl.h"), nullptr);
  EXPECT_EQ(Prof.file("/src/inl.h")->Lines.at(5).Self, 7u);

  // work(int): lines 10-12, called 37 times; its cost is self only.
  auto Work = Prof.measureFunction(lines("/src/a.cpp", 9, 13));
  ASSERT_TRUE(Work);
  EXPECT_EQ(Work->Executions, 37u);
  EXPECT_EQ(Work->Cost, 600u);
  // main: lines 18-21, inclusive of the calls it makes.
  auto Main = Prof.measureFunction(lines("/src/a.cpp", 17, 22));
  ASSERT_TRUE(Main);
  EXPECT_EQ(Main->Cost, 10u + 5u + 4000u + 2u);
  EXPECT_DOUBLE_EQ(Main->Share, 4017.0 / 5000.0);
  // A loop on lines 19-21 whose finding calls on line 20: 37 executions.
  auto Loop =
      Prof.measure(lines("/src/a.cpp", 19, 21), {20, 1}, Position{19, 1},
                   /*CallLine=*/20);
  ASSERT_TRUE(Loop);
  EXPECT_EQ(Loop->Executions, 37u);
  EXPECT_FALSE(Loop->Cold);
  // Lines of a covered file that never ran are cold.
  auto Never = Prof.measureFunction(lines("/src/a.cpp", 30, 40));
  ASSERT_TRUE(Never);
  EXPECT_TRUE(Never->Cold);
  EXPECT_EQ(Never->Executions, 0u);
  // A file the profile does not cover has no measurement at all.
  EXPECT_FALSE(Prof.measureFunction(lines("/src/b.cpp", 1, 9)));
}

TEST(CallgrindReader, InstructionAndLinePositions) {
  // "positions: instr line": the line is the second column, both relative.
  const char *Text = R"(events: Ir
positions: instr line
fl=/src/c.cpp
fn=f
0x10 4 3
+2 +1 5
*  * 1
)";
  auto P = readCallgrind("cg.out", Text);
  ASSERT_TRUE(bool(P)) << llvm::toString(P.takeError());
  const FileProfile *C = (*P)->file("/src/c.cpp");
  ASSERT_NE(C, nullptr);
  EXPECT_EQ(C->Lines.at(4).Self, 3u);
  EXPECT_EQ(C->Lines.at(5).Self, 6u);
  EXPECT_EQ((*P)->total(), 9u); // no summary: the sum of the costs
}

TEST(CallgrindReader, RejectsForeignText) {
  auto P = readCallgrind("x", "events: Ir\nthis is not a cost line\n");
  ASSERT_FALSE(bool(P));
  EXPECT_NE(llvm::toString(P.takeError()).find("not a callgrind profile"),
            std::string::npos);
}

TEST(Profile, RegionCountsAndUninstrumentedCode) {
  Profile P(Source::Instr, "x.profdata");
  FileProfile &F = P.fileFor("/src/d.cpp");
  // A function body (lines 3-9) run 10 times; a loop body from 5:20 to 7:3
  // run 1000 times; nothing instrumented after 9:2.
  F.Segments = {{3, 1, 10, true},
                {5, 20, 1000, true},
                {7, 3, 10, true},
                {9, 2, 0, false}};
  F.Lines[5].Executions = 10;
  F.Lines[6].Executions = 1000;
  P.setTotal(1010);
  auto Loop = P.measure(lines("/src/d.cpp", 5, 7), {5, 20}, Position{5, 3});
  ASSERT_TRUE(Loop);
  EXPECT_EQ(Loop->Executions, 1000u);
  EXPECT_EQ(Loop->Entries, 10u);
  EXPECT_EQ(Loop->Weight, 1010u);
  // Code outside any instrumented function (a function the profile did not
  // match) gets no count rather than a neighbour's.
  EXPECT_FALSE(P.measureFunction(lines("/src/d.cpp", 12, 15)));
  Range R = lines("/src/d.cpp", 12, 15);
  R.Begin = {12, 5};
  EXPECT_FALSE(P.measure(R, {12, 5}, std::nullopt));
}

TEST(Profile, FilesMatchByPathOrByTrailingComponents) {
  Profile P(Source::Callgrind, "cg");
  P.fileFor("/build/ci/src/net/socket.cpp");
  P.fileFor("/build/ci/src/io/file.cpp");
  P.fileFor("/build/ci/test/io/file.cpp");
  EXPECT_NE(P.file("/build/ci/src/./net/../net/socket.cpp"), nullptr);
  // Built in another checkout: the same trailing components.
  EXPECT_NE(P.file("/home/me/project/src/net/socket.cpp"), nullptr);
  EXPECT_EQ(P.file("/home/me/project/src/io/file.cpp"),
            P.file("/build/ci/src/io/file.cpp"));
  // The file name alone is not enough, and a tie is no match.
  EXPECT_EQ(P.file("/elsewhere/socket.cpp"), nullptr);
  EXPECT_EQ(P.file("/x/io/file.cpp"), nullptr);
}

std::string writeTemp(llvm::StringRef Contents) {
  llvm::SmallString<128> Path;
  int FD;
  EXPECT_FALSE(
      llvm::sys::fs::createTemporaryFile("hotpath-prof", "bin", FD, Path));
  llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
  OS << Contents;
  return std::string(Path);
}

TEST(Load, DetectsFormatsAndNamesTheFile) {
  std::string Empty = writeTemp("");
  auto E = load({Empty, {}});
  ASSERT_FALSE(bool(E));
  EXPECT_NE(llvm::toString(E.takeError()).find(Empty + " is empty"),
            std::string::npos);
  std::string Foreign = writeTemp("hello\n");
  auto F = load({Foreign, {}});
  ASSERT_FALSE(bool(F));
  EXPECT_NE(
      llvm::toString(F.takeError()).find("is not a profile hotpath reads"),
      std::string::npos);
  std::string Cg = writeTemp(Callgrind);
  auto C = load({Cg, {}});
  ASSERT_TRUE(bool(C)) << llvm::toString(C.takeError());
  EXPECT_EQ((*C)->source(), Source::Callgrind);
  for (const std::string &P : {Empty, Foreign, Cg})
    llvm::sys::fs::remove(P);
}

} // namespace
