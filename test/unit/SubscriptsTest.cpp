// Unit tests for checks/utils/Subscripts: chains of subscripts dimension by
// dimension, and the row and column of a flat row-major index, on ASTs that
// clang builds from source.

#include "analyses/Subscripts.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Lex/Lexer.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::hotpath::analyses;

namespace {

// A tiny library so the snippets do not need system headers.
const char Prelude[] = R"cpp(
namespace std {
using size_t = decltype(sizeof 0);
template <class T> struct vector {
  T *b, *e;
  T &operator[](size_t);
  const T &operator[](size_t) const;
  size_t size() const;
};
template <> struct vector<bool> {
  struct reference { operator bool() const; };
  reference operator[](size_t);
};
template <class T, size_t N> struct array {
  T d[N];
  T &operator[](size_t);
};
template <class K, class V> struct map { V &operator[](const K &); };
}
)cpp";

struct Fixture {
  std::unique_ptr<ASTUnit> AST;
  const Expr *Access = nullptr; // the expression statement `(void)E;`
};

// The operand of the `(void)` cast in f().
Fixture parse(const std::string &Code) {
  Fixture F;
  F.AST = tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Code,
                                            {"-std=c++17"});
  auto M = match(
      functionDecl(hasName("f"), hasDescendant(cStyleCastExpr().bind("cast"))),
      F.AST->getASTContext());
  if (!M.empty())
    F.Access = M.front()
                   .getNodeAs<CStyleCastExpr>("cast")
                   ->getSubExpr()
                   ->IgnoreParenImpCasts();
  return F;
}

bool vectorOrArray(const CXXRecordDecl &RD) {
  return RD.getIdentifier() &&
         (RD.getName() == "vector" || RD.getName() == "array");
}

std::string text(const Fixture &F, const Stmt *S) {
  const ASTContext &Ctx = F.AST->getASTContext();
  return Lexer::getSourceText(
             CharSourceRange::getTokenRange(S->getSourceRange()),
             Ctx.getSourceManager(), Ctx.getLangOpts())
      .str();
}

TEST(Subscripts, BuiltInArrayDimensions) {
  Fixture F = parse("float a[8][16]; void f(int i, int j) { (void)a[j][i]; }");
  ASSERT_NE(F.Access, nullptr);
  auto C = subscriptChain(*F.Access, vectorOrArray);
  ASSERT_TRUE(C);
  EXPECT_EQ(text(F, C->Base), "a");
  ASSERT_EQ(C->Indices.size(), 2u);
  EXPECT_EQ(text(F, C->Indices[0]), "j");
  EXPECT_EQ(text(F, C->Indices[1]), "i");
  EXPECT_EQ(C->Types[0].getAsString(), "float[8][16]");
  EXPECT_EQ(C->Types[1].getAsString(), "float[16]");
  EXPECT_EQ(C->Nodes.front(), F.Access);
  EXPECT_EQ(C->element().getAsString(), "float");
  EXPECT_EQ(fixedExtent(C->Types[0]), 8u);
  EXPECT_EQ(fixedExtent(C->Types[1]), 16u);
}

TEST(Subscripts, ContainersOfContainers) {
  Fixture F = parse("void f(std::vector<std::array<double, 4>> &v, int i, "
                    "int j) { (void)v[j][i]; }");
  ASSERT_NE(F.Access, nullptr);
  auto C = subscriptChain(*F.Access, vectorOrArray);
  ASSERT_TRUE(C);
  EXPECT_EQ(text(F, C->Base), "v");
  ASSERT_EQ(C->Indices.size(), 2u);
  EXPECT_FALSE(isStdArray(C->Types[0]));
  EXPECT_TRUE(isStdArray(C->Types[1]));
  EXPECT_EQ(fixedExtent(C->Types[1]), 4u);
  EXPECT_FALSE(fixedExtent(C->Types[0]));
}

TEST(Subscripts, OnlyListedContainersReturningReferences) {
  Fixture M = parse("void f(std::map<int, std::vector<int>> &m, int i, "
                    "int j) { (void)m[j][i]; }");
  ASSERT_NE(M.Access, nullptr);
  auto C = subscriptChain(*M.Access, vectorOrArray);
  ASSERT_TRUE(C); // the vector's operator[] only: the map is its base
  EXPECT_EQ(C->Indices.size(), 1u);
  EXPECT_EQ(text(M, C->Base), "m[j]");
  Fixture B = parse("void f(std::vector<bool> &b, int i) { (void)b[i]; }");
  ASSERT_NE(B.Access, nullptr);
  EXPECT_FALSE(isSubscript(*B.Access, vectorOrArray));
}

TEST(Subscripts, RowMajorIndex) {
  Fixture F = parse("void f(float *p, int i, int j, int n) {"
                    " (void)p[j + n * i - 1]; }");
  ASSERT_NE(F.Access, nullptr);
  auto C = subscriptChain(*F.Access, vectorOrArray);
  ASSERT_TRUE(C);
  auto Refs =
      match(parmVarDecl(hasName("i")).bind("v"), F.AST->getASTContext());
  const auto *I = Refs.front().getNodeAs<ParmVarDecl>("v");
  auto R = splitRowMajorIndex(C->Indices[0], I);
  ASSERT_TRUE(R);
  EXPECT_EQ(text(F, R->Row), "i");
  EXPECT_EQ(text(F, R->Length), "n");
  ASSERT_EQ(R->Col.size(), 2u);
  EXPECT_EQ(text(F, R->Col[0]), "j");
  EXPECT_EQ(text(F, R->Col[1]), "1");
  // j is not in a product: no row of j.
  auto Refs2 =
      match(parmVarDecl(hasName("j")).bind("v"), F.AST->getASTContext());
  EXPECT_FALSE(splitRowMajorIndex(C->Indices[0],
                                  Refs2.front().getNodeAs<ParmVarDecl>("v")));
}

TEST(Subscripts, NotRowMajor) {
  Fixture F = parse("void f(float *p, int i, int n) { (void)p[i * n]; }");
  ASSERT_NE(F.Access, nullptr);
  auto C = subscriptChain(*F.Access, vectorOrArray);
  auto Refs =
      match(parmVarDecl(hasName("i")).bind("v"), F.AST->getASTContext());
  EXPECT_FALSE(splitRowMajorIndex(C->Indices[0],
                                  Refs.front().getNodeAs<ParmVarDecl>("v")));
}

} // namespace
