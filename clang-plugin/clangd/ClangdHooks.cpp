//===--- ClangdHooks.cpp - hotpath-clangd ---------------------------------===//
//
// hotpath-clangd is Debian's clangd (libclangdMain.a, libclangDaemon.a) with
// hotpath's checks linked in. clangd installs no headers, so rather than
// rebuild its main we change four of its functions at link time with
// `ld --wrap=<symbol>`: every call to <symbol> from another object file goes
// to __wrap_<symbol>, which reaches the original as __real_<symbol>. All four
// are called across object files in LLVM 19 and 22 (the LSP tests fail if one
// stops being). Only types from installed headers (LLVM, clang-tidy) are
// looked into; clangd's own types pass through by reference, unopened.
//
// CMakeLists.txt reads the symbols to wrap from the HOTPATH_WRAP(...) lines
// below, so a hook and its --wrap flag cannot drift apart.
//
//===----------------------------------------------------------------------===//

#include "ClangdHooks.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "common/FrontendOptions.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/JSON.h"
#include <optional>
#include <string>

namespace clang::clangd {
struct PublishDiagnosticsParams; // clangd's; passed through, never read
} // namespace clang::clangd

using TidyOptions = clang::tidy::ClangTidyOptions;
using TidyProviderRef =
    llvm::function_ref<void(TidyOptions &, llvm::StringRef)>;

#define HOTPATH_REAL(Symbol) __asm__("__real_" Symbol)
#define HOTPATH_WRAP(Symbol) __asm__("__wrap_" Symbol)

// clangd parses the command line with its own options; this one joins them
// (hidden from --help, which lists clangd's categories only).
static llvm::cl::opt<std::string> DocsUri(
    "hotpath-docs",
    llvm::cl::desc("Base URI of hotpath's check pages (<base><check>.md)"),
    llvm::cl::init(""));

namespace {
std::string &defaultDocBase() {
  static std::string Base;
  return Base;
}

std::string docBase() {
  std::string Base = DocsUri.empty() ? defaultDocBase() : DocsUri.getValue();
  if (!Base.empty() && Base.back() != '/')
    Base += '/';
  return Base;
}
} // namespace

void hotpath::clangd::setDefaultDocBase(std::string Base) {
  defaultDocBase() = std::move(Base);
}

// 1. Checks. clangd builds each file's clang-tidy options from .clang-tidy
//    files, the .clangd config and its defaults. The user started
//    hotpath-clangd to get hotpath's checks, so "hotpath-*" is on, beneath
//    whatever the configuration says about hotpath itself: when some glob
//    names hotpath ("-hotpath-struct-padding", "Remove: [hotpath-*]") it
//    goes first, so those globs refine it; when none does it goes last, so a
//    project's "-*,bugprone-*" (written for clang-tidy, about other checks)
//    does not turn it off. With --clang-tidy=false clangd passes no
//    provider and nothing runs.
TidyOptions realGetTidyOptionsForFile(TidyProviderRef, llvm::StringRef)
    HOTPATH_REAL("_ZN5clang6clangd21getTidyOptionsForFileEN4llvm12function_"
                 "refIFvRNS_4tidy16ClangTidyOptionsENS1_9StringRefEEEES6_");
TidyOptions hookGetTidyOptionsForFile(TidyProviderRef Provider,
                                      llvm::StringRef File)
    HOTPATH_WRAP("_ZN5clang6clangd21getTidyOptionsForFileEN4llvm12function_"
                 "refIFvRNS_4tidy16ClangTidyOptionsENS1_9StringRefEEEES6_");
TidyOptions hookGetTidyOptionsForFile(TidyProviderRef Provider,
                                      llvm::StringRef File) {
  TidyOptions Opts = realGetTidyOptionsForFile(Provider, File);
  if (!Provider)
    return Opts;
  ::hotpath::common::enableBeneath(Opts);
  // Calls into other files: from the summaries the last `hotpath check`
  // saved beside the compile database, unless the configuration says where
  // (or "" for none).
  ::hotpath::common::followSavedSummaries(Opts);
  return Opts;
}

// 2. Speed. Since clangd 18, checks missing from its table of measured-fast
//    checks are dropped under the default `FastCheckFilter: Strict`, which
//    would silently drop all of hotpath's. They are fast by measurement
//    (docs/integration.md: time to first diagnostics against stock clangd).
std::optional<bool> realIsFastTidyCheck(llvm::StringRef)
    HOTPATH_REAL("_ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE");
std::optional<bool> hookIsFastTidyCheck(llvm::StringRef Check)
    HOTPATH_WRAP("_ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE");
std::optional<bool> hookIsFastTidyCheck(llvm::StringRef Check) {
  if (Check.starts_with("hotpath-"))
    return true;
  return realIsFastTidyCheck(Check);
}

// 3. Identity: `--version` and the LSP serverInfo say what this clangd is.
std::string realVersionString()
    HOTPATH_REAL("_ZN5clang6clangd13versionStringB5cxx11Ev");
std::string hookVersionString()
    HOTPATH_WRAP("_ZN5clang6clangd13versionStringB5cxx11Ev");
std::string hookVersionString() {
  return realVersionString() + " with hotpath " HOTPATH_VERSION;
}

// 4. Links. clangd points every clang-tidy diagnostic's codeDescription at
//    clang.llvm.org/extra/clang-tidy/checks/<module>/<check>.html, which
//    does not exist for hotpath; point hotpath's at their own pages.
llvm::json::Value realToJSON(const clang::clangd::PublishDiagnosticsParams &)
    HOTPATH_REAL("_ZN5clang6clangd6toJSONERKNS0_24PublishDiagnosticsParamsE");
llvm::json::Value
hookToJSON(const clang::clangd::PublishDiagnosticsParams &Params)
    HOTPATH_WRAP("_ZN5clang6clangd6toJSONERKNS0_24PublishDiagnosticsParamsE");
llvm::json::Value
hookToJSON(const clang::clangd::PublishDiagnosticsParams &Params) {
  llvm::json::Value V = realToJSON(Params);
  llvm::json::Object *O = V.getAsObject();
  llvm::json::Array *Diags = O ? O->getArray("diagnostics") : nullptr;
  std::string Base = docBase();
  if (!Diags || Base.empty())
    return V;
  for (llvm::json::Value &D : *Diags) {
    llvm::json::Object *DO = D.getAsObject();
    if (!DO)
      continue;
    std::optional<llvm::StringRef> Code = DO->getString("code");
    // Only where clangd gave a link (it knows what the client takes).
    if (Code && Code->starts_with("hotpath-") && DO->get("codeDescription"))
      (*DO)["codeDescription"] =
          llvm::json::Object{{"href", Base + Code->str() + ".md"}};
  }
  return V;
}
