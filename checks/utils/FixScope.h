//===--- FixScope.h - fixes one translation unit cannot judge ----*- C++
//-*-===//
//
// A check that sees only part of what a fix touches (a record in a header
// whose constructors are defined in another file) declines the fix with a
// note containing NotVisibleHere. A driver that merges one header finding
// from several translation units (the hotpath tool) then takes the fix from
// a unit that could judge it, while any other reason to decline still wins.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_UTILS_FIXSCOPE_H
#define HOTPATH_CHECKS_UTILS_FIXSCOPE_H

#include "llvm/ADT/StringRef.h"

namespace clang::tidy::hotpath::utils {

inline constexpr llvm::StringLiteral NotVisibleHere =
    "cannot be checked from this translation unit";

} // namespace clang::tidy::hotpath::utils

#endif // HOTPATH_CHECKS_UTILS_FIXSCOPE_H
