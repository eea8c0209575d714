//===--- FindingJson.cpp - hotpath tool -----------------------------------===//

#include "findings/FindingJson.h"
#include "llvm/ADT/Twine.h"

namespace clang::tidy::hotpath::findings {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Path;
using llvm::json::Value;

namespace {

Object locationObject(const Location &L) {
  return Object{{"file", L.File},
                {"line", L.Line},
                {"column", L.Column},
                {"offset", L.Offset}};
}

// A required non-negative integer that fits an unsigned.
bool readUnsigned(const llvm::json::Object &O, llvm::StringRef Key,
                  unsigned &Out, Path P) {
  std::optional<int64_t> N = O.getInteger(Key);
  if (!N || *N < 0 || *N > std::numeric_limits<unsigned>::max()) {
    P.field(Key).report("expected a non-negative integer");
    return false;
  }
  Out = static_cast<unsigned>(*N);
  return true;
}

bool readString(const llvm::json::Object &O, llvm::StringRef Key,
                std::string &Out, Path P) {
  std::optional<llvm::StringRef> S = O.getString(Key);
  if (!S) {
    P.field(Key).report("expected a string");
    return false;
  }
  Out = S->str();
  return true;
}

bool readLocation(const llvm::json::Object &O, Location &L, Path P) {
  return readString(O, "file", L.File, P) &&
         readUnsigned(O, "line", L.Line, P) &&
         readUnsigned(O, "column", L.Column, P) &&
         readUnsigned(O, "offset", L.Offset, P);
}

bool readNote(const Value &V, Note &N, Path P) {
  const llvm::json::Object *O = V.getAsObject();
  if (!O) {
    P.report("expected an object");
    return false;
  }
  // A note without a file is placed at its finding by the reader's caller.
  return readString(*O, "message", N.Message, P) &&
         (!O->get("file") || readLocation(*O, N.Loc, P));
}

bool readEdit(const Value &V, Edit &E, Path P) {
  const llvm::json::Object *O = V.getAsObject();
  unsigned Length = 0;
  if (!O) {
    P.report("expected an object");
    return false;
  }
  if (!readLocation(*O, E.Begin, P) || !readUnsigned(*O, "length", Length, P) ||
      !readString(*O, "replacement", E.Text, P) ||
      !readUnsigned(*O, "end_line", E.End.Line, P) ||
      !readUnsigned(*O, "end_column", E.End.Column, P))
    return false;
  E.End.File = E.Begin.File;
  E.End.Offset = E.Begin.Offset + Length;
  return true;
}

template <class T, class Read>
bool readArray(const llvm::json::Object &O, llvm::StringRef Key,
               std::vector<T> &Out, Path P, Read R) {
  const Value *V = O.get(Key);
  if (!V)
    return true; // absent: none
  const Array *A = V->getAsArray();
  if (!A) {
    P.field(Key).report("expected an array");
    return false;
  }
  Out.resize(A->size());
  for (size_t I = 0; I < A->size(); ++I)
    if (!R((*A)[I], Out[I], P.field(Key).index(I)))
      return false;
  return true;
}

} // namespace

Value toJSON(const Hotness &H) {
  auto Num = [](const std::optional<uint64_t> &V) -> Value {
    if (V)
      return static_cast<int64_t>(*V);
    return nullptr;
  };
  return Object{{"source", H.Source},
                {"executions", Num(H.Executions)},
                {"entries", Num(H.Entries)},
                {"samples", Num(H.Samples)},
                {"cost", Num(H.Cost)},
                {"share", H.Share},
                {"cold", H.Cold},
                {"weight", static_cast<int64_t>(H.Weight)},
                {"range", (H.RangeFile + ":" + llvm::Twine(H.FirstLine) + "-" +
                           llvm::Twine(H.LastLine))
                              .str()}};
}

bool fromJSON(const Value &V, Hotness &H, Path P) {
  const llvm::json::Object *O = V.getAsObject();
  if (!O) {
    P.report("expected an object");
    return false;
  }
  H.Source = O->getString("source").value_or("").str();
  auto Int = [&](llvm::StringRef K) -> std::optional<uint64_t> {
    if (auto N = O->getInteger(K); N && *N >= 0)
      return static_cast<uint64_t>(*N);
    return std::nullopt;
  };
  H.Executions = Int("executions");
  H.Entries = Int("entries");
  H.Samples = Int("samples");
  H.Cost = Int("cost");
  H.Weight = Int("weight").value_or(0);
  H.Share = O->getNumber("share").value_or(0);
  H.Cold = O->getBoolean("cold").value_or(false);
  if (auto R = O->getString("range")) {
    // "<file>:<first>-<last>"; the file may contain ':'.
    auto [File, Lines] = R->rsplit(':');
    auto [First, Last] = Lines.split('-');
    H.RangeFile = File.str();
    First.getAsInteger(10, H.FirstLine);
    Last.getAsInteger(10, H.LastLine);
  }
  return true;
}

Value toJSON(const Finding &F) {
  Object O = locationObject(F.Loc);
  O["id"] = F.Id;
  O["check"] = F.Check;
  O["severity"] = F.IsError ? "error" : "warning";
  O["message"] = F.Message;
  Array Notes;
  for (const Note &N : F.Notes) {
    Object NO = locationObject(N.Loc);
    NO["message"] = N.Message;
    Notes.push_back(std::move(NO));
  }
  O["notes"] = std::move(Notes);
  Array Fixes;
  for (const Edit &E : F.Fix)
    Fixes.push_back(Object{{"file", E.Begin.File},
                           {"line", E.Begin.Line},
                           {"column", E.Begin.Column},
                           {"end_line", E.End.Line},
                           {"end_column", E.End.Column},
                           {"offset", E.Begin.Offset},
                           {"length", E.End.Offset - E.Begin.Offset},
                           {"replacement", E.Text}});
  O["fixes"] = std::move(Fixes);
  if (F.Hot)
    O["hotness"] = toJSON(*F.Hot);
  if (F.VetoOnly)
    O["veto_only"] = true;
  if (F.Pending)
    O["pending"] = *F.Pending;
  if (F.Summaries)
    O["effect_summaries"] = *F.Summaries;
  return O;
}

bool fromJSON(const Value &V, Finding &F, Path P) {
  const llvm::json::Object *O = V.getAsObject();
  if (!O) {
    P.report("expected an object");
    return false;
  }
  if (!readString(*O, "check", F.Check, P) ||
      !readString(*O, "message", F.Message, P) || !readLocation(*O, F.Loc, P) ||
      !readArray(*O, "notes", F.Notes, P, readNote) ||
      !readArray(*O, "fixes", F.Fix, P, readEdit))
    return false;
  F.Id = O->getString("id").value_or("").str();
  F.IsError = O->getString("severity").value_or("warning") == "error";
  F.VetoOnly = O->getBoolean("veto_only").value_or(false);
  if (const Value *Pd = O->get("pending")) {
    F.Pending.emplace();
    if (!fromJSON(*Pd, *F.Pending, P.field("pending")))
      return false;
  }
  if (const Value *S = O->get("effect_summaries")) {
    F.Summaries.emplace();
    if (!fromJSON(*S, *F.Summaries, P.field("effect_summaries")))
      return false;
  }
  if (const Value *H = O->get("hotness")) {
    F.Hot.emplace();
    if (!fromJSON(*H, *F.Hot, P.field("hotness")))
      return false;
  }
  return true;
}

llvm::Expected<std::vector<Finding>> parseToolJson(llvm::StringRef Text,
                                                   llvm::StringRef Path) {
  auto Fail = [&](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s: %s",
                                   Path.str().c_str(), Why.str().c_str());
  };
  llvm::Expected<Value> V = llvm::json::parse(Text);
  if (!V)
    return Fail("not a hotpath findings file: invalid JSON: " +
                llvm::toString(V.takeError()));
  if (!V->getAsArray())
    return Fail("not `hotpath --format=json` output: not an array");
  std::vector<Finding> Out;
  llvm::json::Path::Root Root;
  if (!llvm::json::fromJSON(*V, Out, Root))
    return Fail(llvm::toString(Root.getError()));
  return Out;
}

} // namespace clang::tidy::hotpath::findings
