//===--- FunctionBodies.h - hotpath ---------------------------------------===//
//
// The function around a statement without clang's TU-wide parent map (which
// `forCallable`, `hasAncestor` and `getParents` build: a walk of the whole
// translation unit, system headers included, 36 ms of a 45 ms check on a
// leveldb file). A check registers a matcher for function definitions,
// add()s them as the match finder meets them (a function before the
// statements of its body), and asks for the candidates around a node; its
// own index of the body tells which one holds the node (an instantiation
// shares its pattern's source range).
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_UTILS_FUNCTIONBODIES_H
#define HOTPATH_CHECKS_UTILS_FUNCTIONBODIES_H

#include "NodeFilters.h"
#include "clang/AST/Decl.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceManager.h"
#include <vector>

namespace clang::tidy::hotpath::utils {

class FunctionBodies {
public:
  /// Function definitions outside system headers (lambdas' call operators
  /// included), to add() when matched.
  static ast_matchers::internal::BindableMatcher<Decl> matcher() {
    using namespace ast_matchers;
    return functionDecl(isUserFunctionWithBody());
  }

  void add(const FunctionDecl *FD) { Functions.push_back(FD); }
  void clear() { Functions.clear(); }

  /// The functions seen so far whose body's source range holds \p S,
  /// innermost first (a lambda's call operator before the function around
  /// it).
  std::vector<const FunctionDecl *> around(const Stmt &S,
                                           const SourceManager &SM) const;

private:
  std::vector<const FunctionDecl *> Functions;
};

} // namespace clang::tidy::hotpath::utils

#endif // HOTPATH_CHECKS_UTILS_FUNCTIONBODIES_H
