// Unit tests for checks/analyses/TripCount and Loops: which loops enclose a
// statement and how their trip counts are classified, on ASTs that clang builds
// from source.

#include "analyses/TripCount.h"
#include "analyses/BodyIndex.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::hotpath::analyses;
using namespace clang::tidy::hotpath::support;

namespace {

// A tiny library so the snippets do not need system headers.
const char Prelude[] = R"cpp(
namespace std {
using size_t = decltype(sizeof 0);
template <class T> struct vector {
  T *b, *e;
  size_t size() const; bool empty() const; T *begin(); T *end();
  void push_back(const T &);
};
template <class T, size_t N> struct array { T d[N]; T *begin(); T *end(); };
template <class T> struct queue { bool empty() const; T &front(); void pop(); };
struct thread { static unsigned hardware_concurrency(); };
}
void work();
)cpp";

struct Parsed {
  std::unique_ptr<ASTUnit> AST;
  const Stmt *Marker = nullptr;     // the call to work()
  const FunctionDecl *Fn = nullptr; // a function whose body holds it
};

Parsed parse(const std::string &Body) {
  Parsed P;
  P.AST = tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Body,
                                            {"-std=c++17"});
  auto Matches =
      match(functionDecl(
                hasBody(hasDescendant(
                    callExpr(callee(functionDecl(hasName("work")))).bind("m"))))
                .bind("fn"),
            P.AST->getASTContext());
  if (!Matches.empty()) {
    P.Marker = Matches.front().getNodeAs<Stmt>("m");
    P.Fn = Matches.front().getNodeAs<FunctionDecl>("fn");
  }
  return P;
}

// Classification of each loop around work(), innermost first.
std::vector<TripKind> kinds(const std::string &Body) {
  Parsed P = parse(Body);
  EXPECT_NE(P.Marker, nullptr) << Body;
  std::vector<TripKind> Out;
  if (!P.Marker)
    return Out;
  ASTContext &Ctx = P.AST->getASTContext();
  LoopVocabulary Vocab;
  BodyIndex Index(*P.Fn->getBody());
  for (const Stmt *Loop : Index.loopsAround(*P.Marker))
    Out.push_back(classifyTripCount(*Loop, Ctx, Vocab).Kind);
  return Out;
}

using K = TripKind;

TEST(TripCount, NoLoop) { EXPECT_TRUE(kinds("void f() { work(); }").empty()); }

TEST(TripCount, RangeForOverContainerFollowsData) {
  EXPECT_EQ(kinds("void f(std::vector<int> &v) { for (int x : v) work(); }"),
            std::vector<K>{K::Data});
}

TEST(TripCount, RangeForOverFixedSizeIsConstant) {
  EXPECT_EQ(kinds("void f() { int a[4]; for (int x : a) work(); }"),
            std::vector<K>{K::Constant});
  EXPECT_EQ(kinds("void f(std::array<int, 3> &a) { for (int x : a) work(); }"),
            std::vector<K>{K::Constant});
}

TEST(TripCount, SizeBoundIsData) {
  EXPECT_EQ(kinds("void f(std::vector<int> &v) {"
                  " for (std::size_t i = 0; i < v.size(); ++i) work(); }"),
            std::vector<K>{K::Data});
  // Through a local that holds the size.
  EXPECT_EQ(kinds("void f(std::vector<int> &v) { const auto n = v.size();"
                  " for (std::size_t i = 0; n > i; ++i) work(); }"),
            std::vector<K>{K::Data});
}

TEST(TripCount, ConstantAndCpuBounds) {
  EXPECT_EQ(kinds("void f() { for (int i = 0; i < 8; ++i) work(); }"),
            std::vector<K>{K::Constant});
  EXPECT_EQ(kinds("constexpr int N = 4; void f() { for (int i = 0; i != N; "
                  "++i) work(); }"),
            std::vector<K>{K::Constant});
  EXPECT_EQ(kinds("void f() { unsigned n = std::thread::hardware_concurrency();"
                  " for (unsigned i = 0; i < n; ++i) work(); }"),
            std::vector<K>{K::CpuSized});
}

TEST(TripCount, ParameterBoundIsUnknown) {
  EXPECT_EQ(kinds("void f(int n) { for (int i = 0; i < n; ++i) work(); }"),
            std::vector<K>{K::Unknown});
}

TEST(TripCount, WhileLoops) {
  EXPECT_EQ(kinds("void f(std::queue<int> &q) { while (!q.empty()) { q.pop(); "
                  "work(); } }"),
            std::vector<K>{K::Data});
  EXPECT_EQ(kinds("void f() { while (true) work(); }"),
            std::vector<K>{K::Unbounded});
  EXPECT_EQ(kinds("void f() { for (;;) work(); }"),
            std::vector<K>{K::Unbounded});
  EXPECT_EQ(kinds("bool running; void f() { while (running) work(); }"),
            std::vector<K>{K::Unknown});
  EXPECT_EQ(
      kinds("void f(std::queue<int> &q) { do work(); while (!q.empty()); }"),
      std::vector<K>{K::Data});
}

TEST(TripCount, NestedLoopsInnermostFirst) {
  EXPECT_EQ(kinds("void f(std::vector<int> &v) { for (int x : v)"
                  " for (int i = 0; i < 4; ++i) work(); }"),
            (std::vector<K>{K::Constant, K::Data}));
}

TEST(TripCount, ConditionIsNotBody) {
  // The call in the condition or range runs per iteration only for the
  // condition, which these helpers deliberately leave out.
  EXPECT_TRUE(
      kinds("bool g(); void f() { for (int i = 0; i < 3; ++i) {} work(); }")
          .empty());
  EXPECT_TRUE(
      kinds(
          "std::vector<int> &h(); void f() { for (int x : (work(), h())) {} }")
          .empty());
}

TEST(TripCount, LambdaStopsTheWalk) {
  EXPECT_TRUE(kinds("void f(std::vector<int> &v) { for (int x : v) {"
                    " auto l = [] { work(); }; } }")
                  .empty());
}

// ------------------------------------------------- canonical counted loops

// canonicalFor of the first `for` loop of \p Code (the outermost).
std::optional<CanonicalFor> canonical(const std::string &Code,
                                      Parsed *Keep = nullptr) {
  Parsed P;
  P.AST = tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Code,
                                            {"-std=c++17"});
  auto Matches =
      match(functionDecl(hasName("f"), hasBody(compoundStmt(hasAnySubstatement(
                                           forStmt().bind("for"))))),
            P.AST->getASTContext());
  EXPECT_FALSE(Matches.empty()) << Code;
  if (Matches.empty())
    return std::nullopt;
  std::optional<CanonicalFor> C = canonicalFor(
      *Matches.front().getNodeAs<ForStmt>("for"), P.AST->getASTContext());
  if (Keep)
    *Keep = std::move(P);
  return C;
}

TEST(TripCount, CanonicalForCountsConstantTrips) {
  Parsed P;
  auto C = canonical("void f() { for (int i = 0; i < 10; ++i) work(); }", &P);
  ASSERT_TRUE(C);
  EXPECT_EQ(C->Var->getName(), "i");
  EXPECT_TRUE(C->Declared);
  EXPECT_EQ(C->Step, 1);
  EXPECT_EQ(C->TripCount, 10u);
  EXPECT_EQ(canonical("void f() { for (int i = 1; i <= 10; i += 3) work(); }")
                ->TripCount,
            4u); // 1 4 7 10
  EXPECT_EQ(
      canonical("void f() { for (int i = 9; i >= 0; --i) work(); }")->TripCount,
      10u);
  EXPECT_EQ(
      canonical("void f() { for (int i = 0; 8 > i; i++) work(); }")->TripCount,
      8u);
  EXPECT_EQ(
      canonical("void f() { for (int i = 5; i < 2; ++i) work(); }")->TripCount,
      0u);
}

TEST(TripCount, CanonicalForWithRuntimeBound) {
  auto C = canonical("void f(unsigned n) { for (unsigned i = 0; i != n; ++i) "
                     "work(); }");
  ASSERT_TRUE(C);
  EXPECT_EQ(C->Cmp, BO_NE);
  EXPECT_FALSE(C->TripCount);
  // Assigned, not declared: its final value outlives the loop.
  auto A =
      canonical("void f(int n) { int i; for (i = 0; i < n; ++i) work(); }");
  ASSERT_TRUE(A);
  EXPECT_FALSE(A->Declared);
}

TEST(TripCount, NotCanonical) {
  // Written in the body, stepped the wrong way, not an integer, no bound,
  // a bound that mentions the variable, a step that may jump over `!=`.
  EXPECT_FALSE(canonical("void f(int n) { for (int i = 0; i < n; ++i) i += "
                         "2; }"));
  EXPECT_FALSE(canonical("void f(int n) { for (int i = 0; i < n; --i) work(); "
                         "}"));
  EXPECT_FALSE(canonical("void f() { for (double d = 0; d < 1; d += 1) work(); "
                         "}"));
  EXPECT_FALSE(canonical("void f() { for (int i = 0;; ++i) work(); }"));
  EXPECT_FALSE(canonical("void f() { for (int i = 1; i < i * 2; ++i) work(); "
                         "}"));
  EXPECT_FALSE(canonical("void f(int n) { for (int i = 0; i != n; i += 2) "
                         "work(); }"));
  EXPECT_FALSE(canonical("void g(int &); void f(int n) { for (int i = 0; i < "
                         "n; ++i) g(i); }"));
  EXPECT_FALSE(canonical("void f(int n) { for (int i = 0; i < n; i *= 2) "
                         "work(); }"));
}

TEST(TripCount, AffineIn) {
  Parsed P;
  P.AST = tooling::buildASTFromCodeWithArgs(
      "int a[64], k; void f(int i) { a[i]; a[i + k]; a[k - i]; a[2 * i];"
      " a[(int)i]; a[-i]; a[i * i]; a[i % 4]; a[k]; a[i * k]; }",
      {"-std=c++17", "-Wno-unused-value"});
  auto Matches = match(
      arraySubscriptExpr(hasAncestor(functionDecl(hasName("f")))).bind("s"),
      P.AST->getASTContext());
  auto I = match(parmVarDecl(hasName("i")).bind("i"), P.AST->getASTContext());
  ASSERT_EQ(Matches.size(), 10u);
  const auto *Var = I.front().getNodeAs<VarDecl>("i");
  std::vector<bool> Got;
  for (const auto &M : Matches)
    Got.push_back(
        isAffineIn(M.getNodeAs<ArraySubscriptExpr>("s")->getIdx(), Var));
  EXPECT_EQ(Got, (std::vector<bool>{true, true, true, true, true, true, false,
                                    false, false, false}));
}

} // namespace
