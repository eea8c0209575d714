//===--- FieldReorder.h - hotpath -----------------------------------------===//
//
// Rewriting a record's fields in another order, for the layout checks'
// fix-its: the written member initialisers of a constructor put in the new
// order (clang warns when they are not), and the source text of a field
// with the comments that belong to it (a comment line above it, a trailing
// comment on its line) so that they move together.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_ANALYSES_FIELDREORDER_H
#define HOTPATH_CHECKS_ANALYSES_FIELDREORDER_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang::tidy::hotpath::analyses {

/// Replacements that put the written member initialisers of \p Ctor in the
/// new field order (\p Rank: a field's index to its new position); none if
/// they already are. False if they cannot be rewritten (written through a
/// macro).
bool reorderInitializers(const CXXConstructorDecl &Ctor,
                         llvm::ArrayRef<unsigned> Rank, const ASTContext &Ctx,
                         std::vector<FixItHint> &Fixes);

/// Skips blanks and comments from \p I within one line; false if anything
/// else comes before the end of the line (or of the buffer).
bool onlyCommentsToEndOfLine(llvm::StringRef Buf, size_t &I);

/// The offset where the line holding \p I starts.
size_t lineStart(llvm::StringRef Buf, size_t I);

/// A comment-only line: `// ...` or a one-line `/* ... */`.
bool isCommentLine(llvm::StringRef Line);

/// \p Text without its leading blank lines.
std::string stripLeadingBlankLines(llvm::StringRef Text);

} // namespace clang::tidy::hotpath::analyses

#endif // HOTPATH_CHECKS_ANALYSES_FIELDREORDER_H
