//===--- CheckTrace.h - hotpath ---------------------------------*- C++ -*-===//
//
// Names the running check in a crash dump. Clang's matcher already says
// "ASTMatcher: Processing '<check>'" while a match callback runs; work done
// at the end of the translation unit has no such entry, so a crash there
// would name no check. Every front-end prints these entries (clang's and
// clang-tidy's crash handlers, the tool's crash report).
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_SUPPORT_CHECKTRACE_H
#define HOTPATH_CHECKS_SUPPORT_CHECKTRACE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::hotpath::support {

/// Put one on the stack at the top of a check's onEndOfTranslationUnit.
class EndOfTranslationUnitTrace : public llvm::PrettyStackTraceEntry {
public:
  explicit EndOfTranslationUnitTrace(llvm::StringRef Check) : Check(Check) {}
  void print(llvm::raw_ostream &OS) const override {
    OS << "hotpath: end of translation unit in '" << Check << "'\n";
  }

private:
  llvm::StringRef Check;
};

} // namespace clang::tidy::hotpath::support

#endif
