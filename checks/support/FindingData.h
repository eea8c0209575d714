//===--- FindingData.h - hotpath --------------------------------*- C++ -*-===//
//
// What a finding carries for the front-ends rather than for people: the
// profile's figures, the site a later profile measures, and the two facts
// the tool's merge needs about a fix. Typed here, on both sides.
//
// clang-tidy's diagnostics have no payload of their own (clangd attaches
// its OpaqueData after the fact), and a side table keyed by location would
// not survive the trips a finding takes: the tool's threads and crash
// recovery, the plugin's export file, `hotpath report` reading it back. So
// the data rides the diagnostic as exactly one note, DataNotePrefix + one
// JSON object, written by HotpathCheck and read by findingData() in the
// front-ends' library (clang-plugin/findings/FindingData.h); nothing else
// reads a note's text. A check emits it only when a front-end asked for
// data (the options in support/Contract.h): clang-tidy and clangd users
// never see it.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_SUPPORT_FINDINGDATA_H
#define HOTPATH_CHECKS_SUPPORT_FINDINGDATA_H

#include "support/Contract.h"
#include "support/EffectRecord.h"
#include "llvm/Support/JSON.h"
#include <optional>
#include <string>

namespace clang::tidy::hotpath::support {

struct FindingData {
  /// The profile's figures (relevance::hotnessJson; read by the tool's
  /// findings::Hotness).
  std::optional<llvm::json::Object> Hotness;
  /// Without a profile: what `hotpath report --profile` measures later
  /// (relevance::siteJson and parseSite).
  std::optional<llvm::json::Object> Site;
  /// This translation unit cannot see enough to judge the fix
  /// (support/FixScope.h).
  bool FixNotVisible = false;
  /// Reported only to decline a fix another file offers.
  bool VetoOnly = false;
  /// Waits on functions defined in other translation units: the merge of
  /// every TU's results completes it from their summaries, or drops it
  /// (under HotpathEffectSummaries).
  std::optional<PendingRecord> Pending;
  /// Not a finding: a TU's summaries for one check, as a shard's JSON hands
  /// them on to `hotpath report` (they leave the TU through
  /// support/EffectSink.h).
  std::optional<std::vector<FunctionRecord>> Summaries;

  bool empty() const {
    return !Hotness && !Site && !FixNotVisible && !VetoOnly && !Pending &&
           !Summaries;
  }
};

inline llvm::json::Value toJSON(const FindingData &D) {
  llvm::json::Object O;
  if (D.Hotness)
    O["hotness"] = llvm::json::Object(*D.Hotness);
  if (D.Site)
    O["site"] = llvm::json::Object(*D.Site);
  if (D.FixNotVisible)
    O["fix_not_visible"] = true;
  if (D.VetoOnly)
    O["veto_only"] = true;
  if (D.Pending)
    O["pending"] = *D.Pending;
  if (D.Summaries)
    O["summaries"] = *D.Summaries;
  return O;
}

/// Calls \p F on every place the data names (the calls and primitives of
/// effect summaries, a pending finding's call), to move them as a front-end
/// moves the finding's own locations.
template <typename Fn> void forEachStep(FindingData &D, Fn F) {
  if (D.Pending)
    F(D.Pending->At);
  if (D.Summaries)
    for (FunctionRecord &R : *D.Summaries) {
      if (R.Primitive)
        F(R.Primitive->At);
      for (CallEdge &E : R.Calls)
        F(E.At);
    }
}

/// The data note's text.
inline std::string dataNote(const FindingData &D) {
  std::string Text = DataNotePrefix.str();
  llvm::raw_string_ostream OS(Text);
  OS << toJSON(D);
  return Text;
}

/// The data of a note's text; std::nullopt when it is not a data note (or
/// a malformed one: a finding without data loses nothing but its figures).
inline std::optional<FindingData> parseDataNote(llvm::StringRef Note) {
  if (!Note.consume_front(DataNotePrefix))
    return std::nullopt;
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Note);
  if (!V) {
    llvm::consumeError(V.takeError());
    return std::nullopt;
  }
  const llvm::json::Object *O = V->getAsObject();
  if (!O)
    return std::nullopt;
  FindingData D;
  if (const llvm::json::Object *H = O->getObject("hotness"))
    D.Hotness = *H;
  if (const llvm::json::Object *S = O->getObject("site"))
    D.Site = *S;
  D.FixNotVisible = O->getBoolean("fix_not_visible").value_or(false);
  D.VetoOnly = O->getBoolean("veto_only").value_or(false);
  // A malformed record is dropped like a malformed note: the finding waits
  // on nothing, the summaries are not there.
  if (const llvm::json::Value *P = O->get("pending")) {
    PendingRecord R;
    llvm::json::Path::Root Root;
    if (fromJSON(*P, R, Root))
      D.Pending = std::move(R);
  }
  if (const llvm::json::Value *S = O->get("summaries")) {
    std::vector<FunctionRecord> R;
    llvm::json::Path::Root Root;
    if (fromJSON(*S, R, Root))
      D.Summaries = std::move(R);
  }
  return D;
}

} // namespace clang::tidy::hotpath::support

#endif // HOTPATH_CHECKS_SUPPORT_FINDINGDATA_H
