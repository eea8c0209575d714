//===--- Reporters.cpp - hotpath standalone tool --------------------------===//

#include "findings/Reporters.h"
#include "findings/CheckCatalog.h"
#include "findings/FindingJson.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::hotpath::findings {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

// ----------------------------------------------------------------- text

static void writeSnippet(llvm::raw_ostream &OS, const Location &L,
                         LineTable &Lines) {
  if (L.File.empty())
    return;
  std::string Text = Lines.lineText(L.File, L.Line);
  OS << llvm::format_decimal(L.Line, 5) << " | " << Text << "\n      | ";
  // Keep tabs so the caret lines up under the same column as the source.
  for (unsigned I = 0; I + 1 < L.Column && I < Text.size(); ++I)
    OS << (Text[I] == '\t' ? '\t' : ' ');
  OS << "^\n";
}

static void writeHeader(llvm::raw_ostream &OS, const Location &L,
                        llvm::StringRef Level, llvm::StringRef Message) {
  if (!L.File.empty())
    OS << L.File << ":" << L.Line << ":" << L.Column << ": ";
  OS << Level << ": " << Message;
}

void writeText(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
               LineTable &Lines, bool ShowIds) {
  for (const Finding &F : Findings) {
    writeHeader(OS, F.Loc, F.IsError ? "error" : "warning", F.Message);
    OS << " [" << F.Check << "]";
    if (ShowIds)
      OS << " [" << F.Id << "]";
    OS << "\n";
    writeSnippet(OS, F.Loc, Lines);
    for (const Note &N : F.Notes) {
      writeHeader(OS, N.Loc, "note", N.Message);
      OS << "\n";
      writeSnippet(OS, N.Loc, Lines);
    }
  }
}

// ----------------------------------------------------------------- JSON

void writeJson(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
               const std::vector<Finding> &VetoOnly) {
  // Streamed one finding at a time: a merged report of a large build holds
  // tens of thousands, and a whole json::Value tree of them costs ten times
  // their size. OStream sorts each object's keys, as printing a Value does.
  llvm::json::OStream J(OS, 2);
  J.array([&] {
    for (const Finding &F : Findings)
      J.value(toJSON(F));
    for (Finding F : VetoOnly) {
      // What waits on other TUs is not a veto (a shard's hand-on).
      F.VetoOnly = !F.Pending && !F.Summaries;
      J.value(toJSON(F));
    }
  });
  OS << "\n";
}

// ----------------------------------------------------------------- SARIF

// A path relative to BaseDir with '/' separators and percent-encoding, or ""
// when the file is not under BaseDir.
static std::string relativeUri(llvm::StringRef File, llvm::StringRef Base) {
  if (Base.empty())
    return "";
  std::string Prefix = Base.str();
  if (!llvm::StringRef(Prefix).ends_with("/"))
    Prefix += "/";
  if (!File.starts_with(Prefix))
    return "";
  std::string Uri = fileUri(File.substr(Prefix.size()));
  return Uri.substr(strlen("file://"));
}

static Object sarifArtifact(llvm::StringRef File, const SarifSettings &S) {
  std::string Rel = relativeUri(File, S.BaseDir);
  if (!Rel.empty())
    return Object{{"uri", Rel}, {"uriBaseId", "SRCROOT"}};
  return Object{{"uri", fileUri(File)}};
}

static Object sarifPhysical(const Location &L, const SarifSettings &S) {
  return Object{{"artifactLocation", sarifArtifact(L.File, S)},
                {"region", Object{{"startLine", L.Line},
                                  {"startColumn", L.Utf16Column}}}};
}

// "hotpath-thread-per-task" -> "ThreadPerTask": SARIF wants a readable name
// that differs from the opaque id.
static std::string ruleName(llvm::StringRef Id) {
  Id.consume_front("hotpath-");
  std::string Name;
  bool Upper = true;
  for (char C : Id) {
    if (C == '-') {
      Upper = true;
      continue;
    }
    Name += Upper ? llvm::toUpper(C) : C;
    Upper = false;
  }
  return Name;
}

void writeSarif(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
                const SarifSettings &S) {
  using clang::tidy::hotpath::findings::findCheckInfo;
  std::vector<std::string> RuleIds = S.Rules;
  for (const Finding &F : Findings)
    if (std::find(RuleIds.begin(), RuleIds.end(), F.Check) == RuleIds.end())
      RuleIds.push_back(F.Check); // compiler errors: clang-diagnostic-error
  Array Rules;
  for (const std::string &Id : RuleIds) {
    const auto *Info = findCheckInfo(Id);
    std::string Short = Info ? Info->Summary.str() : "Compiler diagnostic.";
    std::string Full = Info ? Info->Description.str() : Short;
    Object Rule{{"id", Id},
                {"name", ruleName(Id)},
                {"shortDescription", Object{{"text", Short}}},
                {"fullDescription", Object{{"text", Full}}},
                {"defaultConfiguration", Object{{"level", "warning"}}}};
    if (Info) {
      Rule["helpUri"] = S.DocBaseUri + Id + ".md";
      Rule["help"] = Object{{"text", Full + " See " + S.DocBaseUri + Id +
                                         ".md for examples and options."}};
    }
    Rules.push_back(std::move(Rule));
  }

  auto Result = [&](const Finding &F) {
    auto RuleIt = std::find(RuleIds.begin(), RuleIds.end(), F.Check);
    Object R{{"ruleId", F.Check},
             {"ruleIndex", static_cast<int64_t>(RuleIt - RuleIds.begin())},
             {"level", F.IsError ? "error" : "warning"},
             {"message", Object{{"text", F.Message}}}};
    // The finding id (hotpath verify --only) doubles as a fingerprint that
    // code-scanning services use to follow a result across runs.
    R["partialFingerprints"] = Object{{"hotpathFindingId/v1", F.Id}};
    if (F.Hot) {
      // Code-scanning UIs order by rank (0-100).
      R["rank"] = std::min(100.0, F.Hot->Share * 100.0);
      R["properties"] = Object{{"hotness", toJSON(*F.Hot)}};
    }
    if (!F.Loc.File.empty())
      R["locations"] =
          Array{Object{{"physicalLocation", sarifPhysical(F.Loc, S)}}};
    Array Related;
    int64_t Id = 0;
    for (const Note &N : F.Notes) {
      if (N.Loc.File.empty())
        continue;
      Related.push_back(Object{{"id", Id++},
                               {"message", Object{{"text", N.Message}}},
                               {"physicalLocation", sarifPhysical(N.Loc, S)}});
    }
    if (!Related.empty())
      R["relatedLocations"] = std::move(Related);
    if (!F.Fix.empty()) {
      // One artifactChange per file, in the order the edits come.
      Array Changes;
      std::vector<std::string> Files;
      for (const Edit &E : F.Fix)
        if (std::find(Files.begin(), Files.end(), E.Begin.File) == Files.end())
          Files.push_back(E.Begin.File);
      for (const std::string &File : Files) {
        Array Reps;
        for (const Edit &E : F.Fix) {
          if (E.Begin.File != File)
            continue;
          Reps.push_back(Object{
              {"deletedRegion", Object{{"startLine", E.Begin.Line},
                                       {"startColumn", E.Begin.Utf16Column},
                                       {"endLine", E.End.Line},
                                       {"endColumn", E.End.Utf16Column}}},
              {"insertedContent", Object{{"text", E.Text}}}});
        }
        Changes.push_back(Object{{"artifactLocation", sarifArtifact(File, S)},
                                 {"replacements", std::move(Reps)}});
      }
      R["fixes"] = Array{Object{
          {"description", Object{{"text", "Apply the " + F.Check + " fix"}}},
          {"artifactChanges", std::move(Changes)}}};
    }
    return R;
  };

  // Streamed, the results one at a time (see writeJson), keys in the sorted
  // order a printed Value has.
  llvm::json::OStream J(OS, 2);
  J.object([&] {
    J.attribute("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    J.attributeArray("runs", [&] {
      J.object([&] {
        J.attribute("columnKind", "utf16CodeUnits");
        if (!S.BaseDir.empty()) {
          std::string Base = fileUri(S.BaseDir);
          if (!llvm::StringRef(Base).ends_with("/"))
            Base += "/";
          J.attribute("originalUriBaseIds",
                      Object{{"SRCROOT", Object{{"uri", Base}}}});
        }
        J.attributeArray("results", [&] {
          for (const Finding &F : Findings)
            J.value(Value(Result(F)));
        });
        J.attribute("tool",
                    Object{{"driver", Object{{"name", "hotpath"},
                                             {"version", HOTPATH_VERSION},
                                             {"informationUri", S.DocBaseUri},
                                             {"rules", std::move(Rules)}}}});
      });
    });
    J.attribute("version", "2.1.0");
  });
  OS << "\n";
}

} // namespace clang::tidy::hotpath::findings
