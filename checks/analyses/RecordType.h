//===--- RecordType.h - hotpath -------------------------------------------===//
//
// The type of a record declaration, across the LLVM 19 -> 22 API change
// (ASTContext::getRecordType became getCanonicalTagType), and the record a
// type names.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_ANALYSES_RECORDTYPE_H
#define HOTPATH_CHECKS_ANALYSES_RECORDTYPE_H

#include "clang/AST/ASTContext.h"
#include "clang/Basic/Version.h"

namespace clang::tidy::hotpath::analyses {

inline QualType recordType(const ASTContext &Ctx, const RecordDecl *RD) {
#if CLANG_VERSION_MAJOR >= 22
  return Ctx.getCanonicalTagType(RD);
#else
  return Ctx.getRecordType(RD);
#endif
}

/// The canonical record declaration \p T names, through references and
/// arrays (`S&`, `S[4]`), or null.
inline const RecordDecl *canonicalRecordOf(QualType T) {
  if (T.isNull())
    return nullptr;
  const Type *Base = T.getNonReferenceType()->getBaseElementTypeUnsafe();
  const RecordDecl *RD = Base ? Base->getAsRecordDecl() : nullptr;
  return RD ? cast<RecordDecl>(RD->getCanonicalDecl()) : nullptr;
}

} // namespace clang::tidy::hotpath::analyses

#endif // HOTPATH_CHECKS_ANALYSES_RECORDTYPE_H
