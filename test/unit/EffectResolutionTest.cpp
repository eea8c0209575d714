// The resolution of pending findings across translation units
// (clang-plugin/findings/EffectResolution.h), on records built by hand: the
// shapes a large or hostile project gives (cycles, long chains, duplicate
// summaries, summaries in any order) must end, and end the same way.

#include "findings/EffectResolution.h"
#include "findings/FindingData.h"
#include "gtest/gtest.h"
#include <algorithm>
#include <random>

using namespace clang::tidy;
using namespace clang::tidy::hotpath;

namespace {

const char *Check = "hotpath-blocking-under-lock";

support::ChainStep at(std::string Name, unsigned Offset,
                      std::string File = "/p/helpers.cpp") {
  return {std::move(Name), std::move(File), Offset};
}

// A TU's summary carrier for Check.
ClangTidyError carrier(std::vector<support::FunctionRecord> Records) {
  ClangTidyError E(Check, ClangTidyError::Warning, "/p", false);
  E.Message.Message = "summaries";
  E.Message.FilePath = "/p/helpers.cpp";
  support::FindingData D;
  D.Summaries = std::move(Records);
  findings::setFindingData(E, D);
  return E;
}

// A finding waiting on \p Function, called at offset 10 of use.cpp.
ClangTidyError pending(std::string Function, std::string Name,
                       unsigned MaxDepth = 4,
                       std::vector<std::string> Accept = {}) {
  ClangTidyError E(Check, ClangTidyError::Warning, "/p", false);
  E.Message.Message =
      "'" + Name + "' {hotpath:what} ({hotpath:chain}) while 'g' holds 'm'";
  E.Message.FilePath = "/p/use.cpp";
  E.Message.FileOffset = 10;
  support::FindingData D;
  support::PendingRecord P;
  P.Root = std::move(Function);
  P.At = at(Name, 10, "/p/use.cpp");
  P.MaxDepth = MaxDepth;
  P.Accept = std::move(Accept);
  D.Pending = std::move(P);
  findings::setFindingData(E, D);
  return E;
}

support::FunctionRecord chainIn(std::string Function, std::string Tag = "") {
  support::FunctionRecord R;
  R.Function = std::move(Function);
  support::PrimitiveRecord P;
  P.At = at("'fwrite'", 99);
  P.Text = "fwrite";
  P.What = "writes a file";
  P.Tag = std::move(Tag);
  R.Primitive = std::move(P);
  return R;
}

support::FunctionRecord calls(std::string Function, std::string Callee,
                              std::string CalleeName, unsigned Offset,
                              bool OnThis = true) {
  support::FunctionRecord R;
  R.Function = std::move(Function);
  R.Calls.push_back({std::move(Callee), at(CalleeName, Offset), OnThis});
  return R;
}

std::vector<ClangTidyError> resolveAll(std::vector<ClangTidyError> TUs) {
  findings::EffectResolution R;
  for (ClangTidyError &E : TUs) {
    std::vector<ClangTidyError> One;
    One.push_back(std::move(E));
    R.take(One);
    EXPECT_TRUE(One.empty()); // all taken: none is a finding yet
  }
  return R.resolve();
}

TEST(EffectResolution, CompletesAChainThroughTwoFiles) {
  std::vector<ClangTidyError> TUs;
  TUs.push_back(pending("_Z5relayv", "relay"));
  TUs.push_back(carrier({calls("_Z5relayv", "_Z5flushv", "flush", 40)}));
  TUs.push_back(carrier({chainIn("_Z5flushv")}));
  std::vector<ClangTidyError> Out = resolveAll(std::move(TUs));
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_EQ(Out[0].Message.Message,
            "'relay' writes a file (relay -> flush -> fwrite) while 'g' "
            "holds 'm'");
  ASSERT_EQ(Out[0].Notes.size(), 2u); // a hop, the primitive; no data left
  EXPECT_EQ(Out[0].Notes[0].Message, "'relay' calls 'flush' here");
  EXPECT_EQ(Out[0].Notes[0].FileOffset, 40u);
  EXPECT_EQ(Out[0].Notes[1].Message, "'flush' writes a file here ('fwrite')");
  EXPECT_FALSE(findings::findingData(Out[0]).Pending);
}

TEST(EffectResolution, DropsWhatNoFileCompletes) {
  std::vector<ClangTidyError> TUs;
  TUs.push_back(pending("_Z5relayv", "relay"));
  TUs.push_back(carrier({calls("_Z5relayv", "_Z7unknownv", "unknown", 40)}));
  findings::EffectResolution R;
  for (ClangTidyError &E : TUs) {
    std::vector<ClangTidyError> One;
    One.push_back(std::move(E));
    R.take(One);
  }
  EXPECT_TRUE(R.resolve().empty());
  EXPECT_EQ(R.unresolved(), 1u);
}

TEST(EffectResolution, ACycleEnds) {
  std::vector<ClangTidyError> TUs;
  TUs.push_back(pending("_Z4pingv", "ping"));
  TUs.push_back(carrier({calls("_Z4pingv", "_Z4pongv", "pong", 1)}));
  TUs.push_back(carrier({calls("_Z4pongv", "_Z4pingv", "ping", 2)}));
  EXPECT_TRUE(resolveAll(std::move(TUs)).empty());
}

TEST(EffectResolution, KeepsToTheDepth) {
  // f0 -> f1 -> ... -> f5, and f5 writes: six functions, beyond four.
  std::vector<ClangTidyError> TUs;
  TUs.push_back(pending("f0", "f0"));
  for (int I = 0; I < 5; ++I)
    TUs.push_back(
        carrier({calls("f" + std::to_string(I), "f" + std::to_string(I + 1),
                       "f" + std::to_string(I + 1), I)}));
  TUs.push_back(carrier({chainIn("f5")}));
  EXPECT_TRUE(resolveAll(std::move(TUs)).empty());
}

TEST(EffectResolution, AHundredThousandFunctionsEnd) {
  // A long chain and a wide fan-out from the pending call: the depth bound
  // and the visit bound keep the search small. (Given as records: a real
  // project sends them in many TUs' carriers, a few hundred each.)
  constexpr int kN = 100000;
  std::vector<support::FunctionRecord> Records;
  for (int I = 0; I < kN; ++I)
    Records.push_back(
        calls("g" + std::to_string(I), "g" + std::to_string(I + 1), "g", I));
  support::FunctionRecord Fan;
  Fan.Function = "fan";
  for (int I = 0; I < kN; ++I)
    Fan.Calls.push_back({"g" + std::to_string(I), at("g", I), true});
  Records.push_back(std::move(Fan));
  findings::EffectResolution R;
  std::vector<ClangTidyError> One;
  One.push_back(pending("fan", "fan"));
  R.take(One);
  R.addSummaries(Check, std::move(Records));
  EXPECT_TRUE(R.resolve().empty());
  EXPECT_EQ(R.unresolved(), 1u);
}

TEST(EffectResolution, TakesTheShortestChainWhateverTheOrder) {
  // relay reaches fwrite through `long1 -> long2` and through `short1`;
  // a second, worse summary of short1 comes from another file.
  auto Make = [] {
    std::vector<ClangTidyError> TUs;
    TUs.push_back(pending("relay", "relay"));
    support::FunctionRecord Relay;
    Relay.Function = "relay";
    Relay.Calls.push_back({"long1", at("long1", 1), true});
    Relay.Calls.push_back({"short1", at("short1", 2), true});
    TUs.push_back(carrier({Relay}));
    TUs.push_back(carrier({calls("long1", "long2", "long2", 3)}));
    TUs.push_back(carrier({chainIn("long2")}));
    TUs.push_back(carrier({calls("short1", "long2", "long2", 4)}));
    TUs.push_back(carrier({chainIn("short1")}));
    return TUs;
  };
  std::vector<ClangTidyError> First = resolveAll(Make());
  ASSERT_EQ(First.size(), 1u);
  EXPECT_EQ(First[0].Message.Message,
            "'relay' writes a file (relay -> short1 -> fwrite) while 'g' "
            "holds 'm'");
  std::mt19937 Rng(7);
  for (int Round = 0; Round < 20; ++Round) {
    std::vector<ClangTidyError> TUs = Make();
    std::shuffle(TUs.begin(), TUs.end(), Rng);
    std::vector<ClangTidyError> Again = resolveAll(std::move(TUs));
    ASSERT_EQ(Again.size(), 1u);
    EXPECT_EQ(Again[0].Message.Message, First[0].Message.Message);
    ASSERT_EQ(Again[0].Notes.size(), First[0].Notes.size());
    for (size_t I = 0; I < First[0].Notes.size(); ++I)
      EXPECT_EQ(Again[0].Notes[I].Message, First[0].Notes[I].Message);
  }
}

TEST(EffectResolution, AcceptsOnlyTheTagsAsked) {
  // lock-in-loop's rule: a global mutex, or a member of the one object the
  // loop calls through calls on that object. The pending call reaches `via`,
  // which calls the function that locks, on `this` or not.
  auto Run = [](std::string Tag, bool OnThis, std::vector<std::string> Accept) {
    std::vector<ClangTidyError> TUs;
    TUs.push_back(pending("via", "lookup", 4, std::move(Accept)));
    TUs.push_back(carrier(
        {calls("via", "locks", "locks", 5, OnThis), chainIn("locks", Tag)}));
    return resolveAll(std::move(TUs)).size();
  };
  EXPECT_EQ(Run("global", false, {"global"}), 1u);
  EXPECT_EQ(Run("this", true, {"global"}), 0u);
  EXPECT_EQ(Run("this", true, {"global", "this+same"}), 1u);
  EXPECT_EQ(Run("this", false, {"global", "this+same"}), 0u);
  EXPECT_EQ(Run("", true, {"global", "this+same"}), 0u);
}

TEST(EffectResolution, LeavesFindingsAlone) {
  ClangTidyError E(Check, ClangTidyError::Warning, "/p", false);
  E.Message.Message = "an ordinary finding";
  std::vector<ClangTidyError> One;
  One.push_back(E);
  findings::EffectResolution R;
  R.take(One);
  EXPECT_EQ(One.size(), 1u);
  EXPECT_FALSE(findings::awaitsResolution(One[0]));
}

} // namespace
