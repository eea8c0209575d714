// Unit tests for checks/analyses/Effects: chains through calls, their
// shortest evidence, recursion, calls that cannot be resolved, the bounds,
// and answers that do not depend on the order of the questions.

#include "analyses/Effects.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"
#include <string>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::hotpath::analyses;

namespace {

// The primitive: a call to `io()`.
std::string isIo(const Stmt &S) {
  const auto *Call = dyn_cast<CallExpr>(&S);
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  return FD && FD->getIdentifier() && FD->getName() == "io" ? "does I/O" : "";
}

struct Fixture {
  std::unique_ptr<ASTUnit> AST;
  EffectSummaries Effects;

  explicit Fixture(const std::string &Code,
                   std::vector<llvm::StringRef> NotThrough = {})
      : AST(tooling::buildASTFromCodeWithArgs("void io();\n" + Code,
                                              {"-std=c++17"})),
        Effects(isIo, globs(NotThrough)) {}

  static std::vector<llvm::GlobPattern>
  globs(llvm::ArrayRef<llvm::StringRef> Names) {
    std::vector<llvm::GlobPattern> Out;
    for (llvm::StringRef N : Names)
      Out.push_back(llvm::cantFail(llvm::GlobPattern::create(N)));
    return Out;
  }

  // The call in `root` to the function named \p Callee.
  const Expr &callTo(llvm::StringRef Callee) {
    auto M = match(
        functionDecl(
            hasName("root"),
            hasBody(hasDescendant(
                callExpr(callee(functionDecl(hasName(Callee)))).bind("c")))),
        AST->getASTContext());
    EXPECT_EQ(M.size(), 1u) << Callee.str();
    return *M.front().getNodeAs<CallExpr>("c");
  }

  std::string chain(llvm::StringRef Callee) {
    auto C = Effects.ofCall(callTo(Callee));
    return C ? chainText(*C, AST->getASTContext()) : "none";
  }
};

TEST(EffectsTest, ChainsOfDepthOneToThree) {
  Fixture F(R"cpp(
    void a() { io(); }
    void b() { a(); }
    void c() { b(); }
    void root() { a(); b(); c(); }
  )cpp");
  EXPECT_EQ(F.chain("a"), "a -> io");
  EXPECT_EQ(F.chain("b"), "b -> a -> io");
  EXPECT_EQ(F.chain("c"), "c -> b -> a -> io");
}

TEST(EffectsTest, TheShortestChainWins) {
  Fixture F(R"cpp(
    void deep3() { io(); }
    void deep2() { deep3(); }
    void near() { io(); }
    void top() { deep2(); near(); }
    void root() { top(); }
  )cpp");
  EXPECT_EQ(F.chain("top"), "top -> near -> io");
}

TEST(EffectsTest, RecursionEnds) {
  Fixture F(R"cpp(
    void ping(int n);
    void pong(int n) { ping(n - 1); }
    void ping(int n) { if (n) pong(n); }
    void loop_io(int n);
    void loop_more(int n) { loop_io(n); }
    void loop_io(int n) { if (n) loop_more(n - 1); else io(); }
    void root() { ping(3); loop_more(2); }
  )cpp");
  EXPECT_EQ(F.chain("ping"), "none");
  EXPECT_EQ(F.chain("loop_more"), "loop_more -> loop_io -> io");
}

TEST(EffectsTest, UnknownTargetsContributeNothing) {
  Fixture F(R"cpp(
    struct Base { virtual void f(); };
    struct Io : Base { void f() override { io(); } };
    struct Done final : Base { void f() override { io(); } };
    void elsewhere();
    void root(Base &b, Done &d, void (*p)()) {
      b.f(); d.f(); b.Base::f(); p(); elsewhere();
    }
  )cpp");
  const Expr *Virtual = nullptr, *Final = nullptr;
  for (const auto &M :
       match(functionDecl(hasName("root"),
                          forEachDescendant(cxxMemberCallExpr().bind("m"))),
             F.AST->getASTContext())) {
    const auto *MC = M.getNodeAs<CXXMemberCallExpr>("m");
    QualType T = MC->getImplicitObjectArgument()->getType();
    if (T->getAsCXXRecordDecl()->getName() == "Done")
      Final = MC;
    else if (!Virtual)
      Virtual = MC;
  }
  ASSERT_TRUE(Virtual && Final);
  EXPECT_FALSE(F.Effects.ofCall(*Virtual));
  EXPECT_TRUE(F.Effects.ofCall(*Final));
  EXPECT_EQ(F.chain("elsewhere"), "none");
}

TEST(EffectsTest, NotThroughNamesAndGlobs) {
  Fixture F(R"cpp(
    namespace audit { void write() { io(); } }
    void quiet() { io(); }
    void loud() { audit::write(); }
    void root() { audit::write(); quiet(); loud(); }
  )cpp",
            {"::audit::*", "::quiet"});
  EXPECT_EQ(F.chain("write"), "none");
  EXPECT_EQ(F.chain("quiet"), "none");
  EXPECT_EQ(F.chain("loud"), "none");
}

TEST(EffectsTest, AnswersDoNotDependOnTheOrderOfQuestions) {
  const char *Code = R"cpp(
    void x();
    void y() { x(); io(); }
    void x() { y(); }
    void root() { x(); y(); }
  )cpp";
  Fixture First(Code), Second(Code);
  std::string XThenY = First.chain("x") + "|" + First.chain("y");
  std::string YFirst = Second.chain("y");
  std::string YThenX = Second.chain("x") + "|" + YFirst;
  EXPECT_EQ(XThenY, YThenX);
  EXPECT_EQ(XThenY, "x -> y -> io|y -> io");
}

TEST(EffectsTest, LargeGraphsStayBounded) {
  // A chain of 20,000 functions and one that calls 20,000: the depth and
  // node bounds keep each question small; the effect past them is not seen
  // (wide's own call to f0 comes after 20,000 others).
  std::string Code;
  const int N = 20000;
  Code += "void f0() { io(); }\n";
  for (int I = 1; I < N; ++I)
    Code += "void f" + std::to_string(I) + "() { f" + std::to_string(I - 1) +
            "(); }\n";
  Code += "void wide() {";
  for (int I = N - 1; I >= 0; I -= 1)
    Code += " f" + std::to_string(I) + "();";
  Code += " }\nvoid root() { f" + std::to_string(N - 1) + "(); wide(); }\n";
  Fixture F(Code);
  EXPECT_EQ(F.chain("f" + std::to_string(N - 1)), "none");
  EXPECT_EQ(F.chain("wide"), "none");
}

} // namespace
