//===--- BodyIndex.h - hotpath --------------------------------------------===//
//
// What surrounds a statement, for every check: one walk of a function body
// records each statement's parent, the walk order (source order, parents
// before children), the DeclStmt that declares each local, and so the loops
// around a statement. It replaces clang's TU-wide parent map, which
// `hasAncestor`, `forCallable` and `getParents` build by walking the whole
// translation unit, system headers included (36 ms of a 45 ms check on a
// leveldb file).
//
// BodyIndexCache keeps one index per body for a translation unit and finds
// the function that owns a statement: a check registers functionMatcher(),
// add()s the functions as the match finder meets them (a function before the
// statements of its body), and asks owning() for a statement it matched.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_ANALYSES_BODYINDEX_H
#define HOTPATH_CHECKS_ANALYSES_BODYINDEX_H

#include "analyses/Loops.h"
#include "support/NodeFilters.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <memory>
#include <optional>
#include <vector>

namespace clang::tidy::hotpath::analyses {

class BodyIndex {
public:
  explicit BodyIndex(const Stmt &Body) : Body(&Body) { build(nullptr); }

  /// The parent of \p S inside the body; nullptr for the body itself and for
  /// statements outside it.
  const Stmt *parentOf(const Stmt *S) const { return Parents.lookup(S); }
  /// True for the body and every statement in it.
  bool contains(const Stmt *S) const { return Parents.count(S) != 0; }
  /// Every statement and expression of the body, in walk order.
  llvm::ArrayRef<const Stmt *> statements() const { return Order; }
  /// The DeclStmt that declares \p Var in the body, or nullptr.
  const DeclStmt *declStmtOf(const VarDecl *Var) const {
    return DeclStmts.lookup(Var);
  }
  /// Loops (innermost first) whose body runs \p S, up to the function or
  /// lambda boundary.
  llvm::SmallVector<const Stmt *, 4> loopsAround(const Stmt &S) const {
    return enclosingLoops(S, [this](const Stmt *C) { return parentOf(C); });
  }
  /// parentOf() as a callable, for the analyses that take one.
  auto parents() const {
    return [this](const Stmt *C) { return parentOf(C); };
  }

protected:
  /// Called for each statement as the walk meets it, with its ancestors in
  /// the body (innermost last): what an analysis built on the same walk
  /// (FunctionUsage) needs. The walk does not enter a DeclRefExpr.
  using Visitor = llvm::function_ref<void(
      const Stmt &S, llvm::ArrayRef<const Stmt *> Ancestors)>;
  /// For an analysis that derives from the index: its own members exist
  /// before its constructor calls build() with its visitor.
  struct Unbuilt {};
  BodyIndex(const Stmt &Body, Unbuilt) : Body(&Body) {}
  void build(Visitor Visit);

private:
  void walk(const Stmt *S, llvm::SmallVectorImpl<const Stmt *> &Stack,
            Visitor Visit);

  const Stmt *Body;
  llvm::DenseMap<const Stmt *, const Stmt *> Parents;
  llvm::DenseMap<const VarDecl *, const DeclStmt *> DeclStmts;
  std::vector<const Stmt *> Order;
};

/// The body of the function, lambda or block whose code \p D belongs to.
const Stmt *bodyOf(const Decl *D);

/// One BodyIndex per body for a translation unit, and the functions seen so
/// far, to find the one that owns a statement. Clear it at the start of each
/// translation unit.
class BodyIndexCache {
public:
  /// Function definitions outside system headers (lambdas' call operators
  /// included), to add() when matched.
  static ast_matchers::internal::BindableMatcher<Decl> functionMatcher() {
    using namespace ast_matchers;
    return functionDecl(support::isUserFunctionWithBody());
  }

  const BodyIndex &get(const Stmt &Body);
  void add(const FunctionDecl *FD) { Functions.push_back(FD); }
  void clear() {
    Cache.clear();
    Functions.clear();
  }

  struct Owner {
    const FunctionDecl *Function;
    const BodyIndex *Index;
  };
  /// The innermost function seen so far whose body holds \p S, with the
  /// index of that body. Candidates come from the source ranges (an
  /// instantiation shares its pattern's range); the index tells which one
  /// holds the node. Only the candidates are walked, once each.
  std::optional<Owner> owning(const Stmt &S, const SourceManager &SM);

private:
  llvm::DenseMap<const Stmt *, std::unique_ptr<BodyIndex>> Cache;
  std::vector<const FunctionDecl *> Functions;
};

} // namespace clang::tidy::hotpath::analyses

#endif // HOTPATH_CHECKS_ANALYSES_BODYINDEX_H
