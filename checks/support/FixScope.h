//===--- FixScope.h - fixes one translation unit cannot judge ----*- C++
//-*-===//
//
// A check that sees only part of what a fix touches (a record in a header
// whose constructors are defined in another file) declines the fix with a
// note containing NotVisibleHere and marks it in the finding's data
// (HotpathCheck::Finding::fixNotVisible). A driver that merges one header
// finding from several translation units (the hotpath tool) then takes the fix
// from a unit that could judge it, while any other reason to decline still
// wins.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_SUPPORT_FIXSCOPE_H
#define HOTPATH_CHECKS_SUPPORT_FIXSCOPE_H

#include "support/Contract.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::hotpath::support {

/// A file whose own code forbids a fix (a braced initialisation, a sizeof)
/// may not report the finding at all (the record is not relevant there, no
/// thread writes it there), yet its veto must reach the merge. Under the
/// global option HotpathMergeVetoes (set by the hotpath tool only) such a
/// file reports it anyway, marked veto-only in its data
/// (HotpathCheck::Finding::vetoOnly); the tool drops findings that no file
/// reports for real. Other front-ends do not merge, so they never see these.
// NotVisibleHere and MergeVetoesOption are in support/Contract.h.

} // namespace clang::tidy::hotpath::support

#endif // HOTPATH_CHECKS_SUPPORT_FIXSCOPE_H
