//===--- VarUseRules.h - hotpath ------------------------------------------===//
//
// The rules the classification of a use (VarUseClimb.cpp) applies to what
// it climbs through: which calls store, move or compare their argument,
// which types hand out mutable access, which nodes only wrap another.
// Internal to the use analysis (VarUsage.h).
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_ANALYSES_VARUSERULES_H
#define HOTPATH_CHECKS_ANALYSES_VARUSERULES_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/OperatorKinds.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::hotpath::analyses {

/// \p FD has the qualified name \p QualifiedName ("::std::move").
bool isNamed(const FunctionDecl *FD, StringRef QualifiedName);

/// std::move, forward, move_if_noexcept, exchange, swap: they take the
/// object over or change it.
bool isStdMove(const FunctionDecl *FD);

/// ==, !=, <, <=, >, >=, <=>.
bool isComparison(OverloadedOperatorKind K);

/// A reference or pointer to non-const.
bool isMutableHandle(QualType T);

/// A type of a template's pattern that an instantiation may turn into a
/// reference (`T` with T = `int &`, `typename T::type`, `decltype(e)`,
/// `decltype(auto)`): `T r = v;` may bind v, and `const T &` may collapse
/// into a non-const reference.
bool mayBecomeReference(QualType T);

/// A reference that may be used to write: to non-const, or to a type that
/// may become a non-const reference.
bool isWritableReference(QualType T);

/// A range-for variable that holds a proxy by value (`auto x` over a
/// std::vector<bool>): assigning to it writes into the range.
bool isProxyLoopVariable(const VarDecl &LoopVar);

/// =, +=, -=, ... (the compound assignments).
bool isAssignmentOperator(OverloadedOperatorKind K);

/// Members that copy the whole argument into the object they are called on.
bool isStoringCall(const FunctionDecl *FD);

/// A node that only wraps its child (parentheses, cleanups, temporaries).
bool isImplicitWrapper(const Stmt *S);

/// The index of \p Arg among the arguments of a call, or -1.
int argIndex(const Expr *const *Args, unsigned N, const Stmt *Arg);

} // namespace clang::tidy::hotpath::analyses

#endif // HOTPATH_CHECKS_ANALYSES_VARUSERULES_H
