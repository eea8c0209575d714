//===--- CheckOptions.cpp - hotpath standalone tool -----------------------===//

#include "CheckOptions.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/GlobList.h"
#include "findings/Outputs.h"
#include "clang/Basic/Version.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace clang::tidy::hotpath::findings;

namespace clang::tidy::hotpath::standalone {

std::unique_ptr<ClangTidyOptionsProvider> OptionsSetup::make() const {
  if (FromConfig)
    return std::make_unique<ConfigOptionsProvider>(
        ClangTidyGlobalOptions(), Defaults, *FromConfig, Override);
  return std::make_unique<FileOptionsProvider>(ClangTidyGlobalOptions(),
                                               Defaults, Override);
}

std::vector<std::string> enabledChecks(const ClangTidyOptions &Opts) {
#if CLANG_VERSION_MAJOR >= 22
  return getCheckNames(Opts, false, false);
#else
  return getCheckNames(Opts, false);
#endif
}

static ClangTidyOptions::OptionMap
effectiveOptions(const ClangTidyOptions &Opts) {
#if CLANG_VERSION_MAJOR >= 22
  return getCheckOptions(Opts, false, false);
#else
  return getCheckOptions(Opts, false);
#endif
}

bool validate(const ClangTidyOptions &Effective, StringRef UserChecks) {
  bool Ok = true;
  ClangTidyOptions All = ClangTidyOptions::getDefaults();
  All.Checks = "-*,hotpath-*";
  std::vector<std::string> Known = enabledChecks(All);
  SmallVector<StringRef, 8> Patterns;
  UserChecks.split(Patterns, ',', -1, false);
  for (StringRef P : Patterns) {
    P = P.trim();
    if (P.empty() || P.starts_with("-"))
      continue;
    GlobList G(P);
    if (llvm::none_of(Known,
                      [&](const std::string &C) { return G.contains(C); })) {
      errorLine("unknown check '" + P +
                "' in --checks; known checks: " + llvm::join(Known, ", "));
      Ok = false;
    }
  }
  ClangTidyOptions Everything = Effective;
  Everything.Checks = "-*,hotpath-*";
  ClangTidyOptions::OptionMap Valid = effectiveOptions(Everything);
  for (const auto &KV : Effective.CheckOptions) {
    StringRef Key = KV.getKey();
    if (!Key.starts_with("hotpath-") || Valid.count(Key))
      continue;
    StringRef Check = Key.split('.').first;
    if (llvm::is_contained(Known, Check.str()))
      errorLine("unknown option '" + Key + "'; options of " + Check + ": " +
                [&] {
                  std::string S;
                  for (const auto &V : Valid)
                    if (V.getKey().starts_with((Check + ".").str()))
                      S += (S.empty() ? "" : ", ") +
                           V.getKey().split('.').second.str();
                  return S;
                }());
    else
      errorLine("option '" + Key + "' names an unknown check '" + Check + "'");
    Ok = false;
  }
  return Ok;
}

} // namespace clang::tidy::hotpath::standalone
