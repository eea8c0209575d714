//===--- VarUsage.h - hotpath ---------------------------------------------===//
//
// Escape and mutation analysis for local variables, shared by the allocation
// checks. One walk over a function body classifies every use of every local
// variable declared in it: a const read, a copy, a mutation, a move, a
// return, or an escape (its address or a non-const reference leaves the
// expression, it is captured by reference, it reaches code that cannot be
// analysed). Anything the walk does not recognise counts as a mutation and an
// escape, so the answer is sound: "only reads" means only reads.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_ANALYSES_VARUSAGE_H
#define HOTPATH_CHECKS_ANALYSES_VARUSAGE_H

#include "analyses/BodyIndex.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <vector>

namespace clang::tidy::hotpath::analyses {

/// What one use of a variable does to it. A use can have several kinds.
enum UseKind : unsigned {
  UseRead = 1u << 0,   ///< Reads it without changing it.
  UseCopy = 1u << 1,   ///< Copies the whole object out (copy ctor, push_back).
  UseMutate = 1u << 2, ///< May change it (non-const call, assignment, ...).
  UseMove = 1u << 3,   ///< Moves from it (std::move, T&& parameter).
  UseReturn = 1u << 4, ///< Returned from the function (or by reference).
  UseEscape = 1u << 5, ///< Its address or a mutable reference leaves.
  UseDelete = 1u << 6, ///< `delete p` / `free(p)` of a pointer variable.
  UseFill = 1u << 7,   ///< A growth call: push_back, insert, +=, append ...
  /// Passed by non-const lvalue reference to a call (`fill(tmp)`): also
  /// counted as UseMutate | UseEscape, since the callee may keep it.
  UseRefArg = 1u << 8,
};

struct VarUse {
  const DeclRefExpr *Ref = nullptr;
  unsigned Kinds = 0;
  /// For UseFill: the growing call (CXXMemberCallExpr or operator call).
  const Expr *Call = nullptr;
  /// The outermost statement the classification climbed to.
  const Stmt *Context = nullptr;
};

struct VarUses {
  llvm::SmallVector<VarUse, 4> Uses;
  unsigned All = 0; ///< Union of the kinds of every use.
  bool has(unsigned Kinds) const { return (All & Kinds) != 0; }
  /// The first use with any of \p Kinds, or nullptr.
  const VarUse *first(unsigned Kinds) const;
};

/// Options of the walk.
struct UsageVocabulary {
  /// Free functions that fill their (non-const reference) first argument
  /// without keeping it: `std::getline(in, line)`. Qualified names.
  llvm::SmallVector<std::string, 2> FillFunctions = {"::std::getline"};
  /// C functions that use a pointer argument during the call only: passing
  /// a pointer variable to them is not an escape.
  llvm::SmallVector<std::string, 8> NonRetainingFunctions = {
      "::memset",  "::memcpy",  "::memmove", "::memcmp",  "::strlen",
      "::strcpy",  "::strncpy", "::strcmp",  "::strncmp", "::snprintf",
      "::sprintf", "::fread",   "::fwrite",  "::read",    "::write"};
};

/// The uses of all local variables of one function body, classified on the
/// walk that indexes the body (parents, loops: BodyIndex).
class FunctionUsage : public BodyIndex {
public:
  FunctionUsage(const Stmt &Body, ASTContext &Ctx,
                const UsageVocabulary &Vocab);
  /// The uses of \p Var (which must be declared in the body or be one of the
  /// function's parameters); an empty record when it is never used.
  const VarUses &uses(const VarDecl *Var) const;

private:
  llvm::DenseMap<const VarDecl *, VarUses> Map;
  VarUses Empty;
};

/// Caches one FunctionUsage per body so that several variables of the same
/// function cost one walk. Clear it at the start of each translation unit.
class UsageCache {
public:
  explicit UsageCache(UsageVocabulary Vocab = {}) : Vocab(std::move(Vocab)) {}
  const FunctionUsage &get(const Stmt &Body, ASTContext &Ctx);
  void clear() { Cache.clear(); }

private:
  UsageVocabulary Vocab;
  llvm::DenseMap<const Stmt *, std::unique_ptr<FunctionUsage>> Cache;
};

/// The body of the function, lambda or block that declares \p Var (the body
/// whose walk sees all its uses), or nullptr.
inline const Stmt *enclosingBody(const VarDecl &Var) {
  return bodyOf(dyn_cast_or_null<Decl>(Var.getParentFunctionOrMethod()));
}

/// Classifies one reference: the climb from \p Ref through \p Ancestors
/// (innermost last). Exposed for tests; FunctionUsage uses it.
VarUse classifyUse(const DeclRefExpr &Ref,
                   llvm::ArrayRef<const Stmt *> Ancestors, ASTContext &Ctx,
                   const UsageVocabulary &Vocab);

/// True when a member function \p MD, called on a non-const object, has a
/// const overload with the same name and arity: `begin`, `find`,
/// `operator[]` of vector (but not of map, which inserts).
bool hasConstOverload(const CXXMethodDecl &MD);

/// The standard library's emplace family and make_* take their arguments by
/// forwarding reference: an lvalue binds as `T&`, but it is only copied into
/// the new element (`v.emplace_back(i)` reads `i`).
bool copiesFromForwardedLvalue(const FunctionDecl &FD);

/// True when \p Name is a container growth member (push_back, emplace_back,
/// emplace, insert, append, operator+=, push_front, emplace_front,
/// try_emplace, emplace_hint, resize, assign).
bool isGrowthMethod(StringRef Name);

} // namespace clang::tidy::hotpath::analyses

#endif // HOTPATH_CHECKS_ANALYSES_VARUSAGE_H
