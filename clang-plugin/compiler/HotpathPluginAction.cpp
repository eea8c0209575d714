//===--- HotpathPluginAction.cpp - hotpath --------------------------------===//
//
// The compiler plugin: `clang++ -fplugin=hotpath-plugin.so ...` runs the
// hotpath checks after the normal compile action of every translation unit.
//
// Arguments (-fplugin-arg-hotpath-<name>=<value>):
//   checks=<glob list>              which checks (default hotpath-*)
//   config=<YAML/JSON>              like clang-tidy --config
//   warnings-as-errors=<globs>      findings that fail the build
//   header-filter=<regex>           headers to report in
//   profile=<file>                  a profile: findings carry their hotness
//   profile-binary=<file>           instrumented binary (repeatable)
//   export-dir=<dir>                also write the TU's findings, with fixes
//                                   and notes, to a file in <dir> for
//                                   `hotpath report` (FindingsExport.h)
//
// Findings are collected from clang-tidy's diagnostic consumer at the end of
// the TU (after NOLINT, header-filter and de-duplication) and re-emitted
// through the compiler's own DiagnosticsEngine, with their fix-its, so that
// -Xclang -fixit and -fdiagnostics-parseable-fixits work; findings listed in
// warnings-as-errors are emitted as errors and so really fail the compile.
//
//===----------------------------------------------------------------------===//

#include "../common/HostVersion.h"
#include "FindingsExport.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "common/FrontendOptions.h"
#include "findings/FindingData.h"
#include "relevance/Hotness.h"
#include "support/FixScope.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/Version.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Regex.h"
#include <string>

namespace clang::tidy {
// Defined in checks/HotpathModule.cpp; referencing it keeps the module's
// registration in the link.
extern volatile int HotpathModuleAnchorSource;
} // namespace clang::tidy

namespace clang::tidy::hotpath {
namespace {

[[maybe_unused]] const int ModuleAnchor = HotpathModuleAnchorSource;

// Built for another clang major, the plugin would crash or misbehave.
struct PluginVersionGuard {
  PluginVersionGuard() {
    ::hotpath::common::requireHostMajor("hotpath-plugin.so", "clang",
                                        "it cannot run there", 1);
  }
};
const PluginVersionGuard Guard;

constexpr llvm::StringLiteral ValidArgs =
    "checks=, config=, warnings-as-errors=, header-filter=, profile=, "
    "profile-binary=, export-dir=";

class HotpathPluginAction : public PluginASTAction {
  // Owns the tidy context and its diagnostics engine for the TU, and turns
  // the collected findings into compiler diagnostics when the TU is done.
  class Consumer : public MultiplexConsumer {
  public:
    Consumer(CompilerInstance &CI, std::unique_ptr<ClangTidyContext> Context,
             std::unique_ptr<DiagnosticOptions> DiagOpts,
             std::unique_ptr<ClangTidyDiagnosticConsumer> TidyDiags,
             std::unique_ptr<DiagnosticsEngine> TidyEngine,
             std::vector<std::unique_ptr<ASTConsumer>> Consumers,
             std::string ExportDir,
             std::optional<llvm::Regex> PreprocessedHeaderFilter)
        : MultiplexConsumer(std::move(Consumers)), CI(CI),
          ExportDir(std::move(ExportDir)),
          PreprocessedHeaderFilter(std::move(PreprocessedHeaderFilter)),
          Context(std::move(Context)), DiagOpts(std::move(DiagOpts)),
          TidyDiags(std::move(TidyDiags)), TidyEngine(std::move(TidyEngine)) {}

    void HandleTranslationUnit(ASTContext &Ctx) override {
      // Effect summaries for the export's merge across TUs (without an
      // export, no sink: the checks record none).
      std::optional<support::ScopedEffectSink> Sink;
      if (!ExportDir.empty())
        Sink.emplace(Summaries);
      MultiplexConsumer::HandleTranslationUnit(Ctx);
      TidyDiags->EndSourceFile();
      TidyDiags->finish();
      std::vector<ClangTidyError> Errors = TidyDiags->take();
      if (PreprocessedHeaderFilter)
        llvm::erase_if(Errors, [&](const ClangTidyError &E) {
          SourceLocation Loc =
              locationOf(E.Message.FilePath, E.Message.FileOffset);
          if (Loc.isInvalid() || CI.getSourceManager().isInMainFile(Loc))
            return false;
          PresumedLoc P = CI.getSourceManager().getPresumedLoc(Loc);
          return P.isValid() &&
                 !PreprocessedHeaderFilter->match(P.getFilename());
        });
      if (!ExportDir.empty()) {
        // A build that asked for the findings and does not get them must
        // not pass: the report would be silently incomplete.
        if (llvm::Error Err = plugin::exportFindings(
                CI, Errors, std::move(Summaries), ExportDir)) {
          DiagnosticsEngine &Diags = CI.getDiagnostics();
          Diags.Report(Diags.getCustomDiagID(DiagnosticsEngine::Error,
                                             "hotpath plugin: %0"))
              << llvm::toString(std::move(Err));
        }
      }
      // Veto-only findings are for the report's merge (support/FixScope.h),
      // pending findings for its resolution across TUs.
      for (const ClangTidyError &E : Errors) {
        support::FindingData D = findings::findingData(E);
        if (!D.VetoOnly && !D.Pending)
          emit(E);
      }
    }

  private:
    SourceLocation locationOf(StringRef Path, unsigned Offset) {
      SourceManager &SM = CI.getSourceManager();
      if (Path.empty())
        return {};
      auto File = SM.getFileManager().getOptionalFileRef(Path);
      if (!File)
        return {};
      FileID FID = SM.translateFile(*File);
      if (FID.isInvalid())
        return {};
      return SM.getComposedLoc(FID, Offset);
    }

    void emit(const ClangTidyError &E) {
      DiagnosticsEngine &Diags = CI.getDiagnostics();
      DiagnosticsEngine::Level Level =
          E.IsWarningAsError || E.DiagLevel == ClangTidyError::Error
              ? DiagnosticsEngine::Error
              : DiagnosticsEngine::Warning;
      unsigned ID = Diags.getCustomDiagID(Level, "%0 [%1]");
      SourceLocation Loc = locationOf(E.Message.FilePath, E.Message.FileOffset);
      {
        DiagnosticBuilder B = Diags.Report(Loc, ID);
        B << E.Message.Message << E.DiagnosticName;
        for (const auto &FileAndReplacements : E.Message.Fix)
          for (const tooling::Replacement &R : FileAndReplacements.second) {
            SourceLocation Begin = locationOf(R.getFilePath(), R.getOffset());
            if (Begin.isValid())
              B << FixItHint::CreateReplacement(
                  CharSourceRange::getCharRange(
                      Begin, Begin.getLocWithOffset(R.getLength())),
                  R.getReplacementText());
          }
      }
      unsigned NoteID = Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0");
      for (const tooling::DiagnosticMessage &N : E.Notes)
        if (!findings::isDataNote(N))
          Diags.Report(locationOf(N.FilePath, N.FileOffset), NoteID)
              << N.Message;
    }

    CompilerInstance &CI;
    std::string ExportDir;
    std::optional<llvm::Regex> PreprocessedHeaderFilter;
    std::unique_ptr<ClangTidyContext> Context;
    std::unique_ptr<DiagnosticOptions> DiagOpts;
    std::unique_ptr<ClangTidyDiagnosticConsumer> TidyDiags;
    std::unique_ptr<DiagnosticsEngine> TidyEngine;
    support::UnitSummaries Summaries;
  };

public:
  ActionType getActionType() override { return AddAfterMainAction; }

  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    DiagnosticsEngine &Diags = CI.getDiagnostics();
    ClangTidyOptions Override;
    ::hotpath::common::FrontendSettings Settings;
    std::optional<std::string> Config;
    std::optional<std::string> ExportDir;
    for (StringRef Arg : Args) {
      auto [Key, Value] = Arg.split('=');
      if (Key == "checks")
        Settings.Checks = Value.str();
      else if (Key == "warnings-as-errors")
        Settings.WarningsAsErrors = Value.str();
      else if (Key == "header-filter")
        Settings.HeaderFilter = Value.str();
      else if (Key == "config")
        Config = Value.str();
      else if (Key == "profile")
        Settings.Profile = Value.str();
      else if (Key == "profile-binary")
        Settings.ProfileBinaries.push_back(Value.str()); // repeatable
      else if (Key == "export-dir")
        ExportDir = Value.str();
      else {
        Diags.Report(Diags.getCustomDiagID(
            DiagnosticsEngine::Error,
            "hotpath plugin: unknown argument -fplugin-arg-hotpath-%0; "
            "valid arguments: %1"))
            << Key << ValidArgs;
        return false;
      }
    }

    if (ExportDir && ExportDir->empty()) {
      Diags.Report(Diags.getCustomDiagID(
          DiagnosticsEngine::Error,
          "hotpath plugin: -fplugin-arg-hotpath-export-dir= needs a "
          "directory"));
      return false;
    }
    // The export keeps what the report's merge needs: the findings a TU
    // reports only to veto a fix, and the profile's figures as notes (and
    // without a profile what to measure, for report --profile).
    Settings.MergeVetoes = Settings.HotnessNotes = Settings.HotnessSites =
        Settings.EffectSummaries = ExportDir.has_value();
    ::hotpath::common::applySettings(Settings, Override);
    // A preprocessed input (a distributed compiler's .ii) is one file to
    // clang-tidy, which matches the header filter against its name: every
    // header finding would be dropped. Let them all through and match the
    // filter against the files the line markers name (HandleTranslationUnit).
    const FrontendOptions &FO = CI.getFrontendOpts();
    if (!FO.Inputs.empty() && FO.Inputs.front().getKind().isPreprocessed() &&
        Override.HeaderFilterRegex && !Override.HeaderFilterRegex->empty()) {
      HeaderFilter.emplace(*Override.HeaderFilterRegex);
      Override.HeaderFilterRegex = ".*";
    }
    ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
    Defaults.Checks = "-*,hotpath-*";
    // Main files only unless told otherwise, on every LLVM version.
    Defaults.HeaderFilterRegex = "";
    std::unique_ptr<ClangTidyOptionsProvider> Provider;
    if (Config) {
      llvm::ErrorOr<ClangTidyOptions> Parsed = parseConfiguration(
          llvm::MemoryBufferRef(*Config, "-fplugin-arg-hotpath-config"));
      if (!Parsed) {
        Diags.Report(Diags.getCustomDiagID(
            DiagnosticsEngine::Error,
            "hotpath plugin: invalid -fplugin-arg-hotpath-config: %0"))
            << Parsed.getError().message();
        return false;
      }
      Provider = std::make_unique<ConfigOptionsProvider>(
          ClangTidyGlobalOptions(), Defaults, std::move(*Parsed), Override);
    } else {
      // Honours .clang-tidy files above each source file.
      Provider = std::make_unique<FileOptionsProvider>(ClangTidyGlobalOptions(),
                                                       Defaults, Override);
    }
    Context = std::make_unique<ClangTidyContext>(std::move(Provider));
    if (ExportDir) {
      // Relative to where the compiler runs, which is where it was given.
      SmallString<256> Abs(*ExportDir);
      llvm::sys::fs::make_absolute(Abs);
      Export = Abs.str().str();
    }
    return true;
  }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef File) override {
    auto DiagOpts = std::make_unique<DiagnosticOptions>();
    auto TidyDiags = std::make_unique<ClangTidyDiagnosticConsumer>(*Context);
#if CLANG_VERSION_MAJOR >= 21
    auto TidyEngine = std::make_unique<DiagnosticsEngine>(
        DiagnosticIDs::create(), *DiagOpts, TidyDiags.get(),
        /*ShouldOwnClient=*/false);
    Context->setDiagnosticsEngine(nullptr, TidyEngine.get());
#else
    auto TidyEngine = std::make_unique<DiagnosticsEngine>(
        new DiagnosticIDs, DiagOpts.release(), TidyDiags.get(),
        /*ShouldOwnClient=*/false);
    Context->setDiagnosticsEngine(TidyEngine.get());
#endif
    TidyDiags->BeginSourceFile(CI.getLangOpts(), &CI.getPreprocessor());

    ClangTidyASTConsumerFactory Factory(*Context);
    std::vector<std::unique_ptr<ASTConsumer>> Consumers;
    Consumers.push_back(Factory.createASTConsumer(CI, File));
    return std::make_unique<Consumer>(
        CI, std::move(Context), std::move(DiagOpts), std::move(TidyDiags),
        std::move(TidyEngine), std::move(Consumers), Export,
        std::move(HeaderFilter));
  }

private:
  std::unique_ptr<ClangTidyContext> Context;
  std::string Export;                      // absolute; empty: no export
  std::optional<llvm::Regex> HeaderFilter; // preprocessed input only
};

} // namespace
} // namespace clang::tidy::hotpath

static clang::FrontendPluginRegistry::Add<
    clang::tidy::hotpath::HotpathPluginAction>
    X("hotpath", "run the hotpath performance checks");
