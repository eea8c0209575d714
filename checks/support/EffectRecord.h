//===--- EffectRecord.h - hotpath -------------------------------*- C++ -*-===//
//
// Effect summaries as they travel between translation units: the call
// graph as each TU saw it (every function whose body it has and that
// matters to another TU: what it does itself, the calls it makes), and what
// a finding that waits on other TUs needs to be completed. Written by the
// checks (analyses/Effects.h) into a finding's data (support/FindingData.h),
// read by the step that merges per-TU results (clang-plugin/findings/
// EffectResolution.h). Plain values, no AST: both sides include it.
//
// A function is named by its mangled name, the same in every TU that
// declares it; a location by its absolute file and byte offset. Each
// function is one record with its direct calls, so a TU's summaries grow
// with its call graph, not with the paths through it.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_SUPPORT_EFFECTRECORD_H
#define HOTPATH_CHECKS_SUPPORT_EFFECTRECORD_H

#include "llvm/Support/JSON.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::hotpath::support {

/// A place in a chain: the call of function Name at File:Offset, or (the
/// primitive) the statement that has the effect, Name saying what it is.
struct ChainStep {
  std::string Name, File;
  uint64_t Offset = 0;
};

/// What a function itself does of the check's kind.
struct PrimitiveRecord {
  ChainStep At;     ///< Name: "'fwrite'", "constructing 'std::thread'"
  std::string Text; ///< "fwrite", for the chain's one-line form
  std::string What; ///< "writes a file"
  std::string Tag;  ///< the check's detail ("global", "this")
};

/// A call a function makes: to Callee (a node name), at At (Name: the
/// callee's name for people), on `this` or not.
struct CallEdge {
  std::string Callee;
  ChainStep At;
  bool OnThis = false;
};

/// One function of the call graph as a TU saw its body: its own primitive
/// (then its calls do not matter), else the calls it makes into functions
/// with bodies, here or elsewhere. Named by its mangled name; one with
/// internal linkage by its file, '#' and the mangled name.
struct FunctionRecord {
  std::string Function;
  std::optional<PrimitiveRecord> Primitive;
  std::vector<CallEdge> Calls;
};

/// A finding waiting on other TUs: the call (to Root, at At) whose search
/// left its TU, how long a chain may be (in functions, the callee first),
/// which tags complete it (empty: any; "this+same": tag "this" on a chain
/// of calls on one object), and where its notes go.
struct PendingRecord {
  std::string Root;
  ChainStep At;
  uint64_t MaxDepth = 0;
  std::vector<std::string> Accept;
  /// The chain's notes go after this many of the finding's own notes.
  uint64_t NotesAt = 0;
};

/// Placeholders in a pending finding's message: the resolved chain's
/// "what" and its one-line form.
inline constexpr llvm::StringLiteral WhatPlaceholder = "{hotpath:what}";
inline constexpr llvm::StringLiteral ChainPlaceholder = "{hotpath:chain}";

/// The notes and the one-line form of a chain, in one wording for a chain
/// found in the TU and one completed by the merge.
inline std::string hopNoteText(llvm::StringRef Caller, llvm::StringRef Callee) {
  return ("'" + Caller + "' calls '" + Callee + "' here").str();
}
inline std::string primitiveNoteText(llvm::StringRef Function,
                                     llvm::StringRef What,
                                     llvm::StringRef Primitive) {
  std::string Text = ("'" + Function + "' " + What + " here").str();
  if (!Primitive.empty())
    Text += (" (" + Primitive + ")").str();
  return Text;
}
inline void appendChainLine(std::string &Line, llvm::StringRef Name) {
  if (Name.empty())
    return;
  if (!Line.empty())
    Line += " -> ";
  Line += Name.str();
}

inline llvm::json::Value toJSON(const ChainStep &S) {
  return llvm::json::Object{
      {"name", S.Name}, {"file", S.File}, {"offset", S.Offset}};
}

inline bool fromJSON(const llvm::json::Value &V, ChainStep &S,
                     llvm::json::Path P) {
  llvm::json::ObjectMapper M(V, P);
  return M && M.map("name", S.Name) && M.map("file", S.File) &&
         M.map("offset", S.Offset);
}

inline llvm::json::Value toJSON(const PrimitiveRecord &R) {
  return llvm::json::Object{
      {"at", R.At}, {"text", R.Text}, {"what", R.What}, {"tag", R.Tag}};
}

inline bool fromJSON(const llvm::json::Value &V, PrimitiveRecord &R,
                     llvm::json::Path P) {
  llvm::json::ObjectMapper M(V, P);
  return M && M.map("at", R.At) && M.map("text", R.Text) &&
         M.map("what", R.What) && M.map("tag", R.Tag);
}

inline llvm::json::Value toJSON(const CallEdge &E) {
  return llvm::json::Object{
      {"callee", E.Callee}, {"at", E.At}, {"on_this", E.OnThis}};
}

inline bool fromJSON(const llvm::json::Value &V, CallEdge &E,
                     llvm::json::Path P) {
  llvm::json::ObjectMapper M(V, P);
  return M && M.map("callee", E.Callee) && M.map("at", E.At) &&
         M.map("on_this", E.OnThis);
}

inline llvm::json::Value toJSON(const FunctionRecord &R) {
  llvm::json::Object O{{"function", R.Function}};
  if (R.Primitive)
    O["primitive"] = *R.Primitive;
  else
    O["calls"] = R.Calls;
  return O;
}

inline bool fromJSON(const llvm::json::Value &V, FunctionRecord &R,
                     llvm::json::Path P) {
  llvm::json::ObjectMapper M(V, P);
  return M && M.map("function", R.Function) &&
         M.mapOptional("primitive", R.Primitive) &&
         M.mapOptional("calls", R.Calls);
}

inline llvm::json::Value toJSON(const PendingRecord &R) {
  return llvm::json::Object{{"root", R.Root},
                            {"at", R.At},
                            {"max_depth", R.MaxDepth},
                            {"accept", R.Accept},
                            {"notes_at", R.NotesAt}};
}

inline bool fromJSON(const llvm::json::Value &V, PendingRecord &R,
                     llvm::json::Path P) {
  llvm::json::ObjectMapper M(V, P);
  return M && M.map("root", R.Root) && M.map("at", R.At) &&
         M.map("max_depth", R.MaxDepth) && M.mapOptional("accept", R.Accept) &&
         M.mapOptional("notes_at", R.NotesAt);
}

} // namespace clang::tidy::hotpath::support

#endif // HOTPATH_CHECKS_SUPPORT_EFFECTRECORD_H
