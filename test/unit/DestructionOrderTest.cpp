// Unit tests for checks/utils/DestructionOrder: the best order that keeps the
// pinned fields in declaration order, against every such permutation of
// small generated records; and which types run user destructors.

#include "analyses/DestructionOrder.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"
#include <algorithm>
#include <numeric>
#include <random>

using namespace clang;
using namespace clang::tidy::hotpath::analyses;

namespace {

bool keepsPinnedOrder(const std::vector<unsigned> &Order,
                      const std::vector<bool> &Pinned) {
  int Last = -1;
  for (unsigned F : Order)
    if (Pinned[F]) {
      if (static_cast<int>(F) < Last)
        return false;
      Last = static_cast<int>(F);
    }
  return true;
}

TEST(DestructionOrder, KeepsPinnedOrderAndNeverLosesToAnyAllowedPermutation) {
  std::mt19937 Rng(20261129);
  const std::uint64_t Sizes[] = {1, 2, 4, 8, 16, 3, 12};
  unsigned Optimal = 0, Cases = 0;
  for (int Case = 0; Case < 300; ++Case) {
    LayoutInput In;
    unsigned N = 3 + Rng() % 4;
    std::vector<bool> Pinned(N);
    for (unsigned I = 0; I < N; ++I) {
      std::uint64_t Size = Sizes[Rng() % 7];
      std::uint64_t Align = Size % 4 == 0 ? std::min<std::uint64_t>(Size, 8)
                                          : (Size % 2 == 0 ? 2 : 1);
      In.Fields.push_back({Size, Size, Align, false});
      In.RecordAlign = std::max(In.RecordAlign, Align);
      Pinned[I] = Rng() % 2;
    }
    if (std::count(Pinned.begin(), Pinned.end(), true) < 2)
      continue;
    ++Cases;
    llvm::SmallVector<bool, 8> PinnedRef(Pinned.begin(), Pinned.end());
    BestLayout Free = bestLayout(In);
    BestLayout Kept = bestKeepingOrder(In, Free, PinnedRef);
    ASSERT_TRUE(keepsPinnedOrder(Kept.Order, Pinned));
    EXPECT_EQ(layoutInOrder(In, Kept.Order).Size, Kept.Size);
    EXPECT_LE(Kept.Size, layoutAsDeclared(In).Size);
    EXPECT_GE(Kept.Size, Free.Size);
    // The optimum over the allowed permutations, by brute force.
    std::vector<unsigned> Order(N);
    std::iota(Order.begin(), Order.end(), 0u);
    std::uint64_t Min = ~0ull;
    do
      if (keepsPinnedOrder(Order, Pinned))
        Min = std::min(Min, layoutInOrder(In, Order).Size);
    while (std::next_permutation(Order.begin(), Order.end()));
    EXPECT_GE(Kept.Size, Min);
    Optimal += Kept.Size == Min;
  }
  // A heuristic, but it should almost always find the optimum at this size.
  EXPECT_GE(Optimal * 100, Cases * 95) << Optimal << " of " << Cases;
}

const FieldDecl *field(ASTContext &Ctx, StringRef Record, StringRef Name) {
  for (const Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (const auto *RD = dyn_cast<RecordDecl>(D))
      if (RD->getName() == Record)
        for (const FieldDecl *FD : RD->fields())
          if (FD->getName() == Name)
            return FD;
  return nullptr;
}

TEST(DestructionOrder, WhichTypesRunUserDestructors) {
  auto AST = tooling::buildASTFromCodeWithArgs(R"(
    namespace std {
    template <class T> struct default_delete {};
    template <class T, class D = default_delete<T>> struct unique_ptr { ~unique_ptr(); T *p; };
    template <class T> struct vector { ~vector(); T *b; };
    struct string { ~string(); char *p; };
    }
    struct Executor { ~Executor(); };
    struct Plain { int x; };
    struct HoldsExecutor { Executor e; };
    struct HoldsString { std::string s; };
    struct R {
      Executor a; Plain b; HoldsExecutor c; HoldsString d;
      std::unique_ptr<Executor> e; std::unique_ptr<Plain> f;
      std::vector<HoldsExecutor> g; std::vector<int> h; std::string i;
      Executor j[2]; Executor *k;
    };
  )",
                                               {"-std=c++17"});
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  auto Runs = [&](StringRef F) {
    const FieldDecl *FD = field(Ctx, "R", F);
    EXPECT_TRUE(FD) << F.str();
    return FD && runsUserDestructor(FD->getType());
  };
  EXPECT_TRUE(Runs("a"));
  EXPECT_FALSE(Runs("b"));
  EXPECT_TRUE(Runs("c"));
  EXPECT_FALSE(Runs("d"));
  EXPECT_TRUE(Runs("e"));
  EXPECT_FALSE(Runs("f"));
  EXPECT_TRUE(Runs("g"));
  EXPECT_FALSE(Runs("h"));
  EXPECT_FALSE(Runs("i"));
  EXPECT_TRUE(Runs("j"));
  EXPECT_FALSE(Runs("k"));
}

} // namespace
