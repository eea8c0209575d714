//===--- EffectResolution.cpp - hotpath -----------------------------------===//

#include "findings/EffectResolution.h"
#include "findings/FindingData.h"
#include "findings/FindingsFile.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include <tuple>

namespace clang::tidy::hotpath::findings {

using support::ChainStep;
using support::FunctionRecord;
using support::PendingRecord;

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

bool accepts(const PendingRecord &P, const support::PrimitiveRecord &R,
             bool SameObject) {
  if (P.Accept.empty())
    return true;
  return llvm::any_of(P.Accept, [&](const std::string &A) {
    return A == R.Tag || (SameObject && A == R.Tag + "+same");
  });
}

tooling::DiagnosticMessage noteAt(const ChainStep &At, std::string Text) {
  tooling::DiagnosticMessage N;
  N.Message = std::move(Text);
  N.FilePath = At.File;
  N.FileOffset = At.Offset;
  return N;
}

void replaceAll(std::string &S, llvm::StringRef From, llvm::StringRef To) {
  for (size_t At = S.find(From); At != std::string::npos;
       At = S.find(From, At + To.size()))
    S.replace(At, From.size(), To.str());
}

} // namespace

bool awaitsResolution(const ClangTidyError &E) {
  support::FindingData D = findingData(E);
  return D.Pending || D.Summaries;
}

void EffectResolution::take(std::vector<ClangTidyError> &Errors) {
  llvm::erase_if(Errors, [&](ClangTidyError &E) {
    support::FindingData D = findingData(E);
    if (D.Summaries) {
      addSummaries(E.DiagnosticName, std::move(*D.Summaries));
      return true;
    }
    if (D.Pending) {
      Pending.push_back(std::move(E));
      return true;
    }
    return false;
  });
}

void EffectResolution::addSummaries(llvm::StringRef Check,
                                    std::vector<FunctionRecord> Records) {
  for (FunctionRecord &R : Records) {
    auto [It, New] = Summaries.try_emplace({Check.str(), R.Function});
    if (New || better(R, It->second))
      It->second = std::move(R);
  }
}

std::optional<EffectResolution::Chain>
EffectResolution::search(const std::string &Check, const PendingRecord &P) {
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
  auto Find = [&](const std::string &F) -> const FunctionRecord * {
    auto It = Summaries.find({Check, F});
    return It == Summaries.end() ? nullptr : &It->second;
  };
  if (const FunctionRecord *R = Find(P.Root))
    Nodes.push_back({R, &P.At, -1, 1, true});
  for (size_t I = 0; I < Nodes.size() && I < VisitBound; ++I) {
    const Node N = Nodes[I];
    if (N.R->Primitive) {
      if (!accepts(P, *N.R->Primitive, N.SameObject))
        continue;
      Chain C;
      C.Primitive = &*N.R->Primitive;
      for (int J = static_cast<int>(I); J >= 0; J = Nodes[J].Parent)
        C.Hops.insert(C.Hops.begin(), Nodes[J].Via);
      return C;
    }
    if (N.Depth >= P.MaxDepth)
      continue;
    for (const support::CallEdge &E : N.R->Calls)
      if (Visited.insert(E.Callee).second)
        if (const FunctionRecord *R = Find(E.Callee))
          Nodes.push_back({R, &E.At, static_cast<int>(I), N.Depth + 1,
                           N.SameObject && E.OnThis});
  }
  return std::nullopt;
}

std::vector<ClangTidyError> EffectResolution::resolve() {
  std::vector<ClangTidyError> Done;
  for (ClangTidyError &E : Pending) {
    support::FindingData D = takeFindingData(E);
    std::optional<Chain> Found = search(E.DiagnosticName, *D.Pending);
    if (!Found) {
      ++Unresolved;
      continue;
    }
    const std::vector<const ChainStep *> &Hops = Found->Hops;
    const support::PrimitiveRecord &Prim = *Found->Primitive;
    std::string Line;
    for (const ChainStep *H : Hops)
      support::appendChainLine(Line, H->Name);
    support::appendChainLine(Line, Prim.Text);
    replaceAll(E.Message.Message, support::WhatPlaceholder, Prim.What);
    replaceAll(E.Message.Message, support::ChainPlaceholder, Line);
    std::vector<tooling::DiagnosticMessage> Notes;
    for (size_t I = 1; I < Hops.size(); ++I)
      Notes.push_back(noteAt(
          *Hops[I], support::hopNoteText(Hops[I - 1]->Name, Hops[I]->Name)));
    Notes.push_back(
        noteAt(Prim.At, support::primitiveNoteText(Hops.back()->Name, Prim.What,
                                                   Prim.At.Name)));
    size_t At = std::min<size_t>(D.Pending->NotesAt, E.Notes.size());
    E.Notes.insert(E.Notes.begin() + At, Notes.begin(), Notes.end());
    D.Pending.reset();
    setFindingData(E, D);
    makePathsAbsolute(E);
    Done.push_back(std::move(E));
  }
  Pending.clear();
  llvm::sort(Done, [](const ClangTidyError &A, const ClangTidyError &B) {
    return std::tie(A.Message.FilePath, A.Message.FileOffset,
                    A.DiagnosticName) <
           std::tie(B.Message.FilePath, B.Message.FileOffset, B.DiagnosticName);
  });
  return Done;
}

} // namespace clang::tidy::hotpath::findings
