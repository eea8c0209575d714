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
//
// Findings are collected from clang-tidy's diagnostic consumer at the end of
// the TU (after NOLINT, header-filter and de-duplication) and re-emitted
// through the compiler's own DiagnosticsEngine, with their fix-its, so that
// -Xclang -fixit and -fdiagnostics-parseable-fixits work; findings listed in
// warnings-as-errors are emitted as errors and so really fail the compile.
//
//===----------------------------------------------------------------------===//

#include "../common/HostVersion.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "utils/Hotness.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/Version.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
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
    ::hotpath::frontend::requireHostMajor("hotpath-plugin.so", "clang",
                                          "it cannot run there", 1);
  }
};
const PluginVersionGuard Guard;

constexpr llvm::StringLiteral ValidArgs =
    "checks=, config=, warnings-as-errors=, header-filter=, profile=, "
    "profile-binary=";

class HotpathPluginAction : public PluginASTAction {
  // Owns the tidy context and its diagnostics engine for the TU, and turns
  // the collected findings into compiler diagnostics when the TU is done.
  class Consumer : public MultiplexConsumer {
  public:
    Consumer(CompilerInstance &CI, std::unique_ptr<ClangTidyContext> Context,
             std::unique_ptr<DiagnosticOptions> DiagOpts,
             std::unique_ptr<ClangTidyDiagnosticConsumer> TidyDiags,
             std::unique_ptr<DiagnosticsEngine> TidyEngine,
             std::vector<std::unique_ptr<ASTConsumer>> Consumers)
        : MultiplexConsumer(std::move(Consumers)), CI(CI),
          Context(std::move(Context)), DiagOpts(std::move(DiagOpts)),
          TidyDiags(std::move(TidyDiags)), TidyEngine(std::move(TidyEngine)) {}

    void HandleTranslationUnit(ASTContext &Ctx) override {
      MultiplexConsumer::HandleTranslationUnit(Ctx);
      TidyDiags->EndSourceFile();
      TidyDiags->finish();
      for (const ClangTidyError &E : TidyDiags->take())
        emit(E);
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
        Diags.Report(locationOf(N.FilePath, N.FileOffset), NoteID) << N.Message;
    }

    CompilerInstance &CI;
    std::unique_ptr<ClangTidyContext> Context;
    std::unique_ptr<DiagnosticOptions> DiagOpts;
    std::unique_ptr<ClangTidyDiagnosticConsumer> TidyDiags;
    std::unique_ptr<DiagnosticsEngine> TidyEngine;
  };

public:
  ActionType getActionType() override { return AddAfterMainAction; }

  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    DiagnosticsEngine &Diags = CI.getDiagnostics();
    ClangTidyOptions Override;
    std::optional<std::string> Config;
    std::vector<std::string> Binaries; // repeatable
    for (StringRef Arg : Args) {
      auto [Key, Value] = Arg.split('=');
      if (Key == "checks")
        Override.Checks = Value.str();
      else if (Key == "warnings-as-errors")
        Override.WarningsAsErrors = Value.str();
      else if (Key == "header-filter")
        Override.HeaderFilterRegex = Value.str();
      else if (Key == "config")
        Config = Value.str();
      else if (Key == "profile")
        Override.CheckOptions.insert_or_assign(
            utils::ProfileOption, ClangTidyOptions::ClangTidyValue(Value));
      else if (Key == "profile-binary")
        Binaries.push_back(Value.str());
      else {
        Diags.Report(Diags.getCustomDiagID(
            DiagnosticsEngine::Error,
            "hotpath plugin: unknown argument -fplugin-arg-hotpath-%0; "
            "valid arguments: %1"))
            << Key << ValidArgs;
        return false;
      }
    }

    if (!Binaries.empty())
      Override.CheckOptions.insert_or_assign(
          utils::ProfileBinariesOption,
          ClangTidyOptions::ClangTidyValue(llvm::join(Binaries, ";")));

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
        std::move(TidyEngine), std::move(Consumers));
  }

private:
  std::unique_ptr<ClangTidyContext> Context;
};

} // namespace
} // namespace clang::tidy::hotpath

static clang::FrontendPluginRegistry::Add<
    clang::tidy::hotpath::HotpathPluginAction>
    X("hotpath", "run the hotpath performance checks");
