//===--- ReportOnce.h - hotpath -------------------------------------------===//
//
// Matchers see a template's pattern and every instantiation of it; a finding
// belongs to the source location, so each location is reported once per TU.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_SUPPORT_REPORTONCE_H
#define HOTPATH_CHECKS_SUPPORT_REPORTONCE_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::hotpath::support {

class ReportOnce {
public:
  /// True the first time \p Loc is seen since the last clear().
  bool first(SourceLocation Loc) {
    return Seen.insert(Loc.getRawEncoding()).second;
  }
  void clear() { Seen.clear(); }

private:
  llvm::DenseSet<SourceLocation::UIntTy> Seen;
};

} // namespace clang::tidy::hotpath::support

#endif // HOTPATH_CHECKS_SUPPORT_REPORTONCE_H
