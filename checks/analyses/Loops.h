//===--- Loops.h - hotpath ------------------------------------------------===//
//
// The loops around a statement, from the parents of a body index
// (BodyIndex.h): which loops run it once per iteration, up to the function,
// lambda or block boundary. How many times a loop runs is TripCount.h.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_ANALYSES_LOOPS_H
#define HOTPATH_CHECKS_ANALYSES_LOOPS_H

#include "clang/AST/Stmt.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::hotpath::analyses {

/// The body of a ForStmt, CXXForRangeStmt, WhileStmt or DoStmt; nullptr for
/// any other statement.
const Stmt *loopBody(const Stmt &Loop);

/// The loops (innermost first) whose body runs \p S, walking up \p ParentOf
/// (which returns nullptr above the function body) but stopping at a lambda
/// or block: code in a lambda runs when the lambda is called, not once per
/// iteration. A `for`'s increment counts as its body.
llvm::SmallVector<const Stmt *, 4>
enclosingLoops(const Stmt &S,
               llvm::function_ref<const Stmt *(const Stmt *)> ParentOf);

/// Matches every loop of user code (`for`, range-`for`, `while`, `do`),
/// bound to \p Id: one matcher per node kind, so that MatchFinder offers
/// it loops only, not every statement.
void addLoopMatchers(ast_matchers::MatchFinder &Finder,
                     ast_matchers::MatchFinder::MatchCallback &Callback,
                     llvm::StringRef Id);

/// True when \p S refers to \p D anywhere inside it.
bool mentions(const Stmt *S, const ValueDecl *D);

/// True when \p Loc (after macro expansion) lies within \p S's source span.
bool spanContains(const Stmt &S, SourceLocation Loc, const SourceManager &SM);

} // namespace clang::tidy::hotpath::analyses

#endif // HOTPATH_CHECKS_ANALYSES_LOOPS_H
