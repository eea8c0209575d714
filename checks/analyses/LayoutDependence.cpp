//===--- LayoutDependence.cpp - code that depends on a record's layout ---===//

#include "analyses/LayoutDependence.h"
#include "analyses/RecordType.h"
#include "support/NodeFilters.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"

using namespace clang::ast_matchers;

namespace clang::tidy::hotpath::analyses {

namespace {

// LLVM 19 has no offsetOfExpr matcher.
const ast_matchers::internal::VariadicDynCastAllOfMatcher<Stmt, OffsetOfExpr>
    offsetOfExpression;

} // namespace

void LayoutDependence::registerMatchers(MatchFinder &Finder,
                                        MatchFinder::MatchCallback &Callback) {
  Finder.addMatcher(
      unaryExprOrTypeTraitExpr(support::isInUserCode()).bind("layout-sizeof"),
      &Callback);
  Finder.addMatcher(
      offsetOfExpression(support::isInUserCode()).bind("layout-offsetof"),
      &Callback);
}

bool LayoutDependence::handle(const MatchFinder::MatchResult &Result) {
  QualType T;
  StringRef What;
  if (const auto *E =
          Result.Nodes.getNodeAs<UnaryExprOrTypeTraitExpr>("layout-sizeof")) {
    UnaryExprOrTypeTrait K = E->getKind();
    if (K != UETT_SizeOf && K != UETT_AlignOf && K != UETT_PreferredAlignOf)
      return true;
    T = E->getTypeOfArgument();
    What = K == UETT_SizeOf ? "size with sizeof" : "alignment with alignof";
  } else if (const auto *O =
                 Result.Nodes.getNodeAs<OffsetOfExpr>("layout-offsetof")) {
    T = O->getTypeSourceInfo()->getType();
    What = "field offsets with offsetof";
  } else {
    return false;
  }
  // In a template, sizeof(T) is matched again in each instantiation with the
  // argument substituted: onetbb's padded<T> is covered that way.
  if (const RecordDecl *RD = canonicalRecordOf(T))
    Taken.try_emplace(RD, ("this file takes its " + What +
                           ", and code may depend on the value (a "
                           "static_assert, padding, serialisation)")
                              .str());
  return true;
}

std::string LayoutDependence::reason(const RecordDecl &RD) const {
  auto It = Taken.find(cast<RecordDecl>(RD.getCanonicalDecl()));
  return It == Taken.end() ? std::string() : It->second;
}

void LayoutDependence::clear() { Taken.clear(); }

} // namespace clang::tidy::hotpath::analyses
