// Unit tests for checks/utils/LoopContext: which loops enclose a statement and
// how their trip counts are classified, on ASTs that clang builds from source.

#include "utils/LoopContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::hotpath::utils;

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
  const Stmt *Marker = nullptr; // the call to work()
};

Parsed parse(const std::string &Body) {
  Parsed P;
  P.AST = tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Body,
                                            {"-std=c++17"});
  auto Matches =
      match(callExpr(callee(functionDecl(hasName("work")))).bind("m"),
            P.AST->getASTContext());
  if (!Matches.empty())
    P.Marker = Matches.front().getNodeAs<Stmt>("m");
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
  for (const Stmt *Loop : enclosingLoops(*P.Marker, Ctx))
    Out.push_back(classifyTripCount(*Loop, Ctx, Vocab).Kind);
  return Out;
}

using K = TripKind;

TEST(LoopContext, NoLoop) {
  EXPECT_TRUE(kinds("void f() { work(); }").empty());
}

TEST(LoopContext, RangeForOverContainerFollowsData) {
  EXPECT_EQ(kinds("void f(std::vector<int> &v) { for (int x : v) work(); }"),
            std::vector<K>{K::Data});
}

TEST(LoopContext, RangeForOverFixedSizeIsConstant) {
  EXPECT_EQ(kinds("void f() { int a[4]; for (int x : a) work(); }"),
            std::vector<K>{K::Constant});
  EXPECT_EQ(kinds("void f(std::array<int, 3> &a) { for (int x : a) work(); }"),
            std::vector<K>{K::Constant});
}

TEST(LoopContext, SizeBoundIsData) {
  EXPECT_EQ(kinds("void f(std::vector<int> &v) {"
                  " for (std::size_t i = 0; i < v.size(); ++i) work(); }"),
            std::vector<K>{K::Data});
  // Through a local that holds the size.
  EXPECT_EQ(kinds("void f(std::vector<int> &v) { const auto n = v.size();"
                  " for (std::size_t i = 0; n > i; ++i) work(); }"),
            std::vector<K>{K::Data});
}

TEST(LoopContext, ConstantAndCpuBounds) {
  EXPECT_EQ(kinds("void f() { for (int i = 0; i < 8; ++i) work(); }"),
            std::vector<K>{K::Constant});
  EXPECT_EQ(kinds("constexpr int N = 4; void f() { for (int i = 0; i != N; "
                  "++i) work(); }"),
            std::vector<K>{K::Constant});
  EXPECT_EQ(kinds("void f() { unsigned n = std::thread::hardware_concurrency();"
                  " for (unsigned i = 0; i < n; ++i) work(); }"),
            std::vector<K>{K::CpuSized});
}

TEST(LoopContext, ParameterBoundIsUnknown) {
  EXPECT_EQ(kinds("void f(int n) { for (int i = 0; i < n; ++i) work(); }"),
            std::vector<K>{K::Unknown});
}

TEST(LoopContext, WhileLoops) {
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

TEST(LoopContext, NestedLoopsInnermostFirst) {
  EXPECT_EQ(kinds("void f(std::vector<int> &v) { for (int x : v)"
                  " for (int i = 0; i < 4; ++i) work(); }"),
            (std::vector<K>{K::Constant, K::Data}));
}

TEST(LoopContext, ConditionIsNotBody) {
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

TEST(LoopContext, LambdaStopsTheWalk) {
  EXPECT_TRUE(kinds("void f(std::vector<int> &v) { for (int x : v) {"
                    " auto l = [] { work(); }; } }")
                  .empty());
}

} // namespace
