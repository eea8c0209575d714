// Unit tests for checks/utils/VarUsage: how each use of a local variable is
// classified (read, copy, mutation, move, return, escape, delete, fill), on
// ASTs that clang builds from source.

#include "analyses/VarUsage.h"
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
template <class T> T &&move(T &t) noexcept;
template <class T> struct vector {
  struct iterator { T &operator*() const; iterator &operator++(); bool operator!=(const iterator &) const; bool operator==(const iterator &) const; };
  struct const_iterator { const T &operator*() const; const_iterator &operator++(); bool operator!=(const const_iterator &) const; bool operator==(const const_iterator &) const; };
  vector();
  vector(const vector &);
  vector(vector &&);
  vector &operator=(const vector &);
  size_t size() const;
  T &operator[](size_t); const T &operator[](size_t) const;
  iterator begin(); const_iterator begin() const;
  iterator end(); const_iterator end() const;
  void push_back(const T &);
  void clear();
  T *data(); const T *data() const;
};
template <class T> struct unique_ptr {
  T *operator->() const; T &operator*() const; T *get() const;
  T *release(); void reset();
  explicit operator bool() const;
};
template <class T> unique_ptr<T> make_unique();
}
extern "C" void free(void *);
void read(const std::vector<int> &);
void write(std::vector<int> &);
void value(std::vector<int>);
void sink(std::vector<int> &&);
void keep(int *);
int use(int);
)cpp";

// The union of the kinds of every use of the variable `x` in function `f`.
unsigned kindsOf(const std::string &Body) {
  auto AST = tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Body,
                                               {"-std=c++17"});
  ASTContext &Ctx = AST->getASTContext();
  auto Vars = match(varDecl(hasName("x")).bind("x"), Ctx);
  auto Fns = match(functionDecl(hasName("f"), isDefinition()).bind("f"), Ctx);
  EXPECT_FALSE(Vars.empty()) << Body;
  EXPECT_FALSE(Fns.empty()) << Body;
  if (Vars.empty() || Fns.empty())
    return 0;
  const auto *X = Vars.front().getNodeAs<VarDecl>("x");
  const auto *F = Fns.front().getNodeAs<FunctionDecl>("f");
  FunctionUsage Usage(*F->getBody(), Ctx, UsageVocabulary());
  return Usage.uses(X).All;
}

bool only(unsigned Kinds, unsigned Allowed) {
  return Kinds != 0 && (Kinds & ~Allowed) == 0;
}

TEST(VarUsage, ConstReadsAreReads) {
  EXPECT_TRUE(only(kindsOf("int f() { std::vector<int> x; read(x); "
                           "return (int)x.size(); }"),
                   UseRead));
  // Non-const accessors with a const overload, used only to read.
  EXPECT_TRUE(only(kindsOf("int f() { std::vector<int> x; return x[0] + "
                           "*x.begin(); }"),
                   UseRead));
  EXPECT_TRUE(only(kindsOf("bool f() { std::vector<int> x; return x.begin() "
                           "!= x.end(); }"),
                   UseRead));
}

TEST(VarUsage, MutationsAndEscapes) {
  EXPECT_TRUE(kindsOf("void f() { std::vector<int> x; x.clear(); }") &
              UseMutate);
  EXPECT_TRUE(kindsOf("void f() { std::vector<int> x; write(x); }") &
              UseEscape);
  EXPECT_TRUE(kindsOf("void f() { std::vector<int> x; x[0] = 1; }") &
              UseMutate);
  EXPECT_TRUE(kindsOf("void f() { std::vector<int> x; *x.begin() = 1; }") &
              UseMutate);
  EXPECT_TRUE(kindsOf("void f() { std::vector<int> x; auto *p = &x; }") &
              UseEscape);
  EXPECT_TRUE(kindsOf("void f() { std::vector<int> x; std::vector<int> &r = "
                      "x; }") &
              UseEscape);
  EXPECT_TRUE(kindsOf("void f() { const std::vector<int> x; "
                      "const_cast<std::vector<int> &>(x).clear(); }") &
              UseMutate);
  EXPECT_TRUE(kindsOf("void f() { std::vector<int> x; auto it = x.begin(); "
                      "}") &
              UseEscape);
}

TEST(VarUsage, ConstReferenceAliasIsARead) {
  EXPECT_TRUE(only(kindsOf("int f() { std::vector<int> x; const "
                           "std::vector<int> &r = x; return (int)r.size(); }"),
                   UseRead));
}

TEST(VarUsage, CopiesMovesAndReturns) {
  EXPECT_TRUE(kindsOf("void f() { std::vector<int> x; std::vector<int> y = "
                      "x; }") &
              UseCopy);
  EXPECT_TRUE(kindsOf("void f() { std::vector<int> x; value(x); }") & UseCopy);
  EXPECT_TRUE(kindsOf("void f(std::vector<std::vector<int>> &o) { "
                      "std::vector<int> x; o.push_back(x); }") &
              UseCopy);
  EXPECT_TRUE(kindsOf("void f() { std::vector<int> x; sink(std::move(x)); }") &
              UseMove);
  EXPECT_TRUE(kindsOf("std::vector<int> f() { std::vector<int> x; return x; "
                      "}") &
              UseReturn);
}

TEST(VarUsage, Fills) {
  EXPECT_TRUE(kindsOf("void f() { std::vector<int> x; x.push_back(1); }") &
              UseFill);
}

TEST(VarUsage, RangeFor) {
  EXPECT_TRUE(only(kindsOf("int f() { std::vector<int> x; int s = 0; for "
                           "(int v : x) s += v; return s; }"),
                   UseRead));
  EXPECT_TRUE(kindsOf("void f() { std::vector<int> x; for (int &v : x) v = "
                      "0; }") &
              UseMutate);
}

TEST(VarUsage, Lambdas) {
  // A capture by reference is neutral: the uses inside are classified.
  EXPECT_TRUE(only(kindsOf("int f() { std::vector<int> x; auto l = [&] { "
                           "return (int)x.size(); }; return l(); }"),
                   UseRead));
  EXPECT_TRUE(kindsOf("void f() { std::vector<int> x; auto l = [&] { "
                      "x.clear(); }; l(); }") &
              UseMutate);
}

TEST(VarUsage, OwningPointers) {
  EXPECT_TRUE(only(kindsOf("int f() { auto x = std::make_unique<int>(); "
                           "return *x + use(*x.get()); }"),
                   UseRead));
  EXPECT_TRUE(kindsOf("int *f() { auto x = std::make_unique<int>(); return "
                      "x.release(); }") &
              UseEscape);
  unsigned Raw = kindsOf("int f() { int *x = new int(1); int v = *x; delete "
                         "x; return v; }");
  EXPECT_TRUE(Raw & UseDelete);
  EXPECT_FALSE(Raw & UseEscape);
  EXPECT_TRUE(kindsOf("void f() { int *x = new int(1); keep(x); }") &
              UseEscape);
  EXPECT_TRUE(kindsOf("void f() { int *x = new int(1); free(x); }") &
              UseDelete);
}

TEST(VarUsage, DependentCodeIsUnknown) {
  EXPECT_TRUE(kindsOf("template <class T> void f(T t) { std::vector<int> x; "
                      "t.visit(x); }") &
              UseEscape);
}

// In a template's pattern the members of a standard container are known by
// name before overload resolution.
TEST(VarUsage, DependentCodeByMemberName) {
  EXPECT_TRUE(only(kindsOf("template <class T> int f(T k) { std::vector<int> "
                           "x; return x[k] + (int)x.size(); }"),
                   UseRead));
  EXPECT_TRUE(only(kindsOf("template <class T> bool f() { std::vector<T> x; "
                           "return x.size() == 0 && x.begin() != x.end(); }"),
                   UseRead));
  EXPECT_TRUE(
      only(kindsOf("template <class T> T f() { std::vector<T> x; T s{}; "
                   "for (T v : x) s += v; return s; }"),
           UseRead));
  EXPECT_TRUE(kindsOf("template <class T> void f(T k) { std::vector<int> x; "
                      "x[k] = 1; }") &
              UseMutate);
  EXPECT_TRUE(kindsOf("template <class T> void f(T k) { std::vector<int> x; "
                      "x.push_back(k); }") &
              UseMutate);
  // Handles: an iterator moved along is still one.
  EXPECT_TRUE(kindsOf("template <class T> void f(T k) { std::vector<int> x; "
                      "auto it = x.begin() + k; *it = 1; }") &
              UseMutate);
  // A pattern's types may become references: T = std::vector<int> &.
  EXPECT_TRUE(kindsOf("template <class T> void f() { std::vector<int> x; "
                      "T r = x; r.clear(); }") &
              UseMutate);
  EXPECT_TRUE(kindsOf("template <class T> void f(T k) { std::vector<int> x; "
                      "for (T v : x) v = k; }") &
              UseMutate);
  // std::vector<T> may be std::vector<bool>: `auto` holds a proxy.
  EXPECT_TRUE(kindsOf("template <class T> void f(T k) { std::vector<T> x; "
                      "for (auto v : x) v = k; }") &
              UseMutate);
  // An element returned through a type that may be a reference.
  EXPECT_TRUE(kindsOf("template <class T> T f(int k) { std::vector<int> x; "
                      "return x[k]; }") &
              UseMutate);
}

TEST(VarUsage, HandlesThatWriteThrough) {
  EXPECT_TRUE(kindsOf("void f() { std::vector<int> x; *x.data() = 1; }") &
              UseMutate);
  EXPECT_TRUE(kindsOf("void f() { std::vector<int> x; *(x.data() + 1) = 1; }") &
              UseMutate);
  EXPECT_TRUE(kindsOf("void f() { std::vector<int> x; const auto &it = "
                      "x.begin(); *it = 1; }") &
              UseMutate);
  EXPECT_TRUE(kindsOf("void f() { std::vector<int> x; auto l = [&r = x] { "
                      "r.clear(); }; l(); }") &
              UseMutate);
}

} // namespace
