//===--- EffectGraph.cpp - hotpath ----------------------------------------===//

#include "support/EffectGraph.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include <tuple>

namespace clang::tidy::hotpath::support {

namespace {

// A resolution visits at most this many functions (as a TU's search visits
// at most 512 bodies): a project of 100,000 functions stays cheap.
constexpr size_t VisitBound = 4096;

// Of two records of one function (a header's inline function seen by
// several TUs, one file in two configurations): one with a primitive, then
// more calls, then the smaller text, whatever order they came in.
bool better(const FunctionRecord &A, const FunctionRecord &B) {
  if (A.Primitive.has_value() != B.Primitive.has_value())
    return A.Primitive.has_value();
  if (A.Calls.size() != B.Calls.size())
    return A.Calls.size() > B.Calls.size();
  auto Step = [](const ChainStep &S) {
    return std::tie(S.File, S.Offset, S.Name);
  };
  if (A.Primitive)
    return std::tuple_cat(Step(A.Primitive->At),
                          std::tie(A.Primitive->What, A.Primitive->Tag)) <
           std::tuple_cat(Step(B.Primitive->At),
                          std::tie(B.Primitive->What, B.Primitive->Tag));
  for (size_t I = 0; I < A.Calls.size(); ++I) {
    auto KA = std::tuple_cat(std::tie(A.Calls[I].Callee), Step(A.Calls[I].At));
    auto KB = std::tuple_cat(std::tie(B.Calls[I].Callee), Step(B.Calls[I].At));
    if (KA != KB)
      return KA < KB;
  }
  return false;
}

bool accepts(const PendingRecord &P, const PrimitiveRecord &R,
             bool SameObject) {
  if (P.Accept.empty())
    return true;
  return llvm::any_of(P.Accept, [&](const std::string &A) {
    return A == R.Tag || (SameObject && A == R.Tag + "+same");
  });
}

void replaceAll(std::string &S, llvm::StringRef From, llvm::StringRef To) {
  for (size_t At = S.find(From); At != std::string::npos;
       At = S.find(From, At + To.size()))
    S.replace(At, From.size(), To.str());
}

} // namespace

std::string CompletedChain::line() const {
  std::string Line;
  for (const ChainStep &H : Hops)
    appendChainLine(Line, H.Name);
  appendChainLine(Line, Primitive.Text);
  return Line;
}

std::vector<std::pair<ChainStep, std::string>> CompletedChain::notes() const {
  std::vector<std::pair<ChainStep, std::string>> Notes;
  for (size_t I = 1; I < Hops.size(); ++I)
    Notes.emplace_back(Hops[I], hopNoteText(Hops[I - 1].Name, Hops[I].Name));
  Notes.emplace_back(
      Primitive.At,
      primitiveNoteText(Hops.back().Name, Primitive.What, Primitive.At.Name));
  return Notes;
}

std::string CompletedChain::fill(std::string Text) const {
  replaceAll(Text, WhatPlaceholder, Primitive.What);
  replaceAll(Text, ChainPlaceholder, line());
  return Text;
}

void EffectGraph::add(llvm::StringRef Check, std::vector<FunctionRecord> Recs,
                      unsigned Origin) {
  for (FunctionRecord &R : Recs) {
    auto [It, New] = Records.try_emplace({Check.str(), R.Function});
    if (New || better(R, It->second.Record))
      It->second = {std::move(R), Origin};
  }
}

std::optional<CompletedChain>
EffectGraph::search(llvm::StringRef Check, const PendingRecord &P,
                    std::optional<unsigned> SkipOrigin) const {
  // Breadth first from the call, as the TU's own search: the first function
  // with a primitive is the shortest chain. Each node: a function, the hop
  // that reached it, its parent.
  struct Node {
    const FunctionRecord *R;
    const ChainStep *Via;
    int Parent;
    unsigned Depth;
    bool SameObject;
  };
  std::vector<Node> Nodes;
  llvm::StringSet<> Visited{P.Root};
  std::pair<std::string, std::string> Key{Check.str(), ""};
  auto Find = [&](const std::string &F) -> const FunctionRecord * {
    Key.second = F;
    auto It = Records.find(Key);
    if (It == Records.end() || It->second.Origin == SkipOrigin)
      return nullptr;
    return &It->second.Record;
  };
  if (const FunctionRecord *R = Find(P.Root))
    Nodes.push_back({R, &P.At, -1, 1, true});
  for (size_t I = 0; I < Nodes.size() && I < VisitBound; ++I) {
    const Node N = Nodes[I];
    if (N.R->Primitive) {
      if (!accepts(P, *N.R->Primitive, N.SameObject))
        continue;
      CompletedChain C;
      C.Primitive = *N.R->Primitive;
      for (int J = static_cast<int>(I); J >= 0; J = Nodes[J].Parent)
        C.Hops.insert(C.Hops.begin(), *Nodes[J].Via);
      return C;
    }
    if (N.Depth >= P.MaxDepth)
      continue;
    for (const CallEdge &E : N.R->Calls)
      if (Visited.insert(E.Callee).second)
        if (const FunctionRecord *R = Find(E.Callee))
          Nodes.push_back({R, &E.At, static_cast<int>(I), N.Depth + 1,
                           N.SameObject && E.OnThis});
  }
  return std::nullopt;
}

} // namespace clang::tidy::hotpath::support
