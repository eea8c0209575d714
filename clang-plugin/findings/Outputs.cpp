//===--- Outputs.cpp - hotpath standalone tool ----------------------------===//

#include "findings/Outputs.h"
#include "clang-tidy/ClangTidy.h"
#include "common/DocsDir.h"
#include "findings/FixApplier.h"
#include "findings/Reporters.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>

namespace clang::tidy::hotpath::findings {

void errorLine(const llvm::Twine &Msg) {
  llvm::WithColor::error(llvm::errs(), "hotpath") << Msg << "\n";
}

using namespace llvm;

bool writeOutputs(const OutputSettings &S, const std::vector<Finding> &Shown,
                  const std::vector<Finding> &VetoOnly,
                  const std::vector<ClangTidyError> &Merged, LineTable &Lines) {
  std::unique_ptr<raw_fd_ostream> File;
  raw_ostream *Out = &outs();
  if (!S.OutputFile.empty()) {
    std::error_code EC;
    File = std::make_unique<raw_fd_ostream>(S.OutputFile, EC, sys::fs::OF_Text);
    if (EC) {
      errorLine("cannot write '" + S.OutputFile + "': " + EC.message());
      return false;
    }
    Out = File.get();
  }
  switch (S.Fmt) {
  case Format::Text:
    writeText(*Out, Shown, Lines, S.ShowIds);
    break;
  case Format::Json:
    writeJson(*Out, Shown, VetoOnly);
    break;
  case Format::Sarif: {
    SarifSettings Sarif;
    SmallString<256> Base(S.SarifBase);
    if (Base.empty())
      sys::fs::current_path(Base);
    sys::fs::make_absolute(Base);
    sys::path::remove_dots(Base, true);
    Sarif.BaseDir = Base.str().str();
    Sarif.DocBaseUri = S.DocBaseUri.empty()
                           ? ::hotpath::common::checkPagesUri(S.Argv0.c_str(),
                                                              HOTPATH_DOCS_DIR)
                           : S.DocBaseUri;
    Sarif.Rules = S.Rules;
    writeSarif(*Out, Shown, Sarif);
    break;
  }
  }
  Out->flush();

  bool Ok = true;
  if (!S.ExportFixes.empty()) {
    std::error_code EC;
    raw_fd_ostream OS(S.ExportFixes, EC, sys::fs::OF_None);
    if (EC) {
      errorLine("cannot write '" + S.ExportFixes + "': " + EC.message());
      Ok = false;
    } else {
      exportReplacements(S.ExportMainFile, Merged, OS);
    }
  }
  if (S.Fix) {
    FixResult FR = applyFixes(Merged);
    for (const std::string &E : FR.Errors)
      errorLine("cannot apply fixes to " + E);
    if (!S.Quiet)
      errs() << formatv("hotpath: applied {0} of {1} fixes in {2} file{3}"
                        "{4}\n",
                        FR.Applied, FR.Offered, FR.FilesChanged,
                        FR.FilesChanged == 1 ? "" : "s",
                        FR.Conflicts ? formatv(" ({0} skipped: they overlap "
                                               "an earlier fix)",
                                               FR.Conflicts)
                                           .str()
                                     : std::string());
    if (!FR.Errors.empty())
      Ok = false;
  }
  return Ok;
}

} // namespace clang::tidy::hotpath::findings
