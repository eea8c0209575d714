//===--- RecordType.h - hotpath -------------------------------------------===//
//
// The type of a record declaration, across the LLVM 19 -> 22 API change
// (ASTContext::getRecordType became getCanonicalTagType).
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_UTILS_RECORDTYPE_H
#define HOTPATH_CHECKS_UTILS_RECORDTYPE_H

#include "clang/AST/ASTContext.h"
#include "clang/Basic/Version.h"

namespace clang::tidy::hotpath::utils {

inline QualType recordType(const ASTContext &Ctx, const RecordDecl *RD) {
#if CLANG_VERSION_MAJOR >= 22
  return Ctx.getCanonicalTagType(RD);
#else
  return Ctx.getRecordType(RD);
#endif
}

} // namespace clang::tidy::hotpath::utils

#endif // HOTPATH_CHECKS_UTILS_RECORDTYPE_H
