//===--- SyncMembers.h - hotpath ------------------------------------------===//
//
// The members threads synchronise through, for the checks about shared
// data (false-sharing): their kind (an atomic, an atomic flag, a mutex, a
// condition variable, a configured type), whether a use writes one, and
// which mutexes a statement leaves held for the statements after it.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_ANALYSES_SYNCMEMBERS_H
#define HOTPATH_CHECKS_ANALYSES_SYNCMEMBERS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include <string>

namespace clang::tidy::hotpath::analyses {

enum class SyncKind { None, Atomic, Flag, Mutex, CondVar, Other };

/// The kind of \p T: a standard atomic, flag, mutex or condition variable,
/// or one of \p Extra (qualified names, or last components).
SyncKind syncKind(QualType T, llvm::ArrayRef<std::string> Extra);

/// The element type of an array, else \p T.
inline QualType baseElement(QualType T, ASTContext &Ctx) {
  return T->isArrayType() ? Ctx.getBaseElementType(T) : T;
}

/// The mutexes that statement \p S, earlier in a block, leaves held: a lock
/// guard it declares (std::lock_guard, unique_lock, scoped_lock, a library's
/// scoped_lock) or a `m.lock()` call.
void noteLocksTakenBy(const Stmt &S,
                      llvm::SmallVectorImpl<const ValueDecl *> &Held);

/// Whether the use \p Node (a synchronisation member, or an element of one)
/// writes it, from its \p Parent. Anything not known to be a read counts as
/// a write.
bool isWrite(const Expr &Node, const Stmt *Parent);

} // namespace clang::tidy::hotpath::analyses

#endif // HOTPATH_CHECKS_ANALYSES_SYNCMEMBERS_H
