//===--- Hotness.h - hotpath ----------------------------------------------===//
//
// What a finding's code cost in the user's profile (profile/), in the terms
// each check defines on its doc page: a loop finding measures the loop (body
// executions, entries, inclusive samples or cost over its lines), a function
// finding the function body (calls, inclusive), a record finding the hottest
// function in the translation unit that uses the record's members.
//
// The profile comes from the global options HotpathProfile and
// HotpathProfileBinaries (';'-separated), read once per process. The text is
// appended to the finding's message in every front-end; under
// HotpathHotnessNotes (set by the hotpath tool and the plugin) the figures
// also go out in the finding's data (support/FindingData.h), which the tool
// turns into its JSON/SARIF fields.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_RELEVANCE_HOTNESS_H
#define HOTPATH_CHECKS_RELEVANCE_HOTNESS_H

#include "../../profile/Profile.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "support/Contract.h"
#include "support/FindingData.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::hotpath::relevance {

/// What a finding measures: a loop (its range, where its executions and
/// entries are counted, the finding's line for callgrind), a function body,
/// or for a record the hottest of the functions that use it.
struct Site {
  ::hotpath::profile::Range R;
  ::hotpath::profile::Position CountAt;
  std::optional<::hotpath::profile::Position> EntryAt;
  unsigned CallLine = 0;
  std::vector<::hotpath::profile::Range> Functions; // records
};

/// A measurement and the range it was taken over (for the tool's summary,
/// which must not count nested ranges twice).
struct Hot {
  ::hotpath::profile::Measure M;
  ::hotpath::profile::Source Src;
  std::string File;
  unsigned FirstLine = 0, LastLine = 0;
  enum Kind { Loop, Function, Record } K = Loop;
  /// Site mode without a profile: nothing measured, only where to.
  std::optional<Site> Where;
};

/// What one execution of the measured code costs, to multiply out in the
/// message ("5 allocations per call" -> "6,021,555 allocations").
struct PerExecution {
  uint64_t Count = 0;
  llvm::StringRef Unit; // "heap allocations", "threads started"
};

class Hotness {
public:
  Hotness(ClangTidyCheck::OptionsView &Options, ClangTidyContext *Context);

  bool active() const { return P != nullptr || Sites; }

  std::optional<Hot> ofLoop(const Stmt *Loop, SourceLocation Finding,
                            const SourceManager &SM) const;
  std::optional<Hot> ofFunction(const FunctionDecl *FD,
                                const SourceManager &SM) const;
  /// The hottest of \p Functions (FunctionDecls, lambdas' call operators;
  /// other declarations are skipped), measured as a record finding.
  std::optional<Hot> ofHottest(llvm::ArrayRef<const Decl *> Functions,
                               const SourceManager &SM) const;
  /// The hottest function body in \p Ctx's translation unit that names a
  /// member of each record (field access, member call, construction), one
  /// walk for all of them. Only functions in files the profile covers.
  llvm::DenseMap<const RecordDecl *, Hot>
  ofRecords(ASTContext &Ctx, llvm::ArrayRef<const RecordDecl *> Records) const;

  /// " [profile: ...]" for the end of a message; "" without a measurement.
  std::string text(const std::optional<Hot> &H,
                   PerExecution Per = PerExecution()) const;
  /// Puts \p H into a finding's data when a front-end asked for it: the
  /// figures, or in site mode the site with \p Per, what text() would have
  /// multiplied out. HotpathCheck::report() sends the data.
  void describe(const std::optional<Hot> &H, PerExecution Per,
                support::FindingData &Data) const;

private:
  std::string fileOf(SourceLocation Loc, const SourceManager &SM) const;

  /// A measured Hot, or in site mode an unmeasured one that keeps \p S.
  std::optional<Hot> resolve(Site S, Hot::Kind K) const;

  std::shared_ptr<const ::hotpath::profile::Profile> P;
  bool Notes = false;
  bool Sites = false;
};

/// \p S measured in \p P as a finding of kind \p K (empty when the profile
/// does not cover it).
std::optional<Hot> measureSite(const ::hotpath::profile::Profile &P,
                               const Site &S, Hot::Kind K);

/// " [profile: ...]" for the end of a message; "" without a measurement.
std::string hotnessText(const Hot &H, PerExecution Per = PerExecution());
/// A measurement as FindingData::Hotness (what findings::Hotness reads).
llvm::json::Object hotnessJson(const Hot &H);

/// A site as FindingData::Site and back (\p Unit owns the per-execution
/// unit).
llvm::json::Object siteJson(const Site &S, Hot::Kind K, PerExecution Per);
bool parseSite(const llvm::json::Object &O, Site &S, Hot::Kind &K,
               uint64_t &PerCount, std::string &Unit);

/// 1204311 -> "1,204,311".
std::string withSeparators(uint64_t N);

} // namespace clang::tidy::hotpath::relevance

#endif // HOTPATH_CHECKS_RELEVANCE_HOTNESS_H
