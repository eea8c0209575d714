//===--- DestructionOrder.cpp - hotpath -----------------------------------===//

#include "analyses/DestructionOrder.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::hotpath::analyses {

namespace {

// Depth-limited: a recursive data structure or a deep template nest stops
// here (and counts as free: the layout checks then keep their usual rules).
bool runsUserDestructor(QualType T, unsigned Depth) {
  if (T.isNull() || Depth > 4)
    return false;
  const Type *Base = T->getBaseElementTypeUnsafe();
  const auto *RD = Base ? Base->getAsCXXRecordDecl() : nullptr;
  if (!RD || !RD->hasDefinition())
    return false;
  RD = RD->getDefinition();
  if (RD->hasTrivialDestructor())
    return false;
  if (RD->isInStdNamespace()) {
    // Library types are free unless they own user objects:
    // unique_ptr<Executor>, vector<Task>, map<int, Session>.
    const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
    if (!Spec)
      return false;
    for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
      if (Arg.getKind() == TemplateArgument::Type &&
          runsUserDestructor(Arg.getAsType(), Depth + 1))
        return true;
    return false;
  }
  if (const CXXDestructorDecl *D = RD->getDestructor())
    if (D->isUserProvided())
      return true;
  for (const FieldDecl *FD : RD->fields())
    if (runsUserDestructor(FD->getType(), Depth + 1))
      return true;
  for (const CXXBaseSpecifier &B : RD->bases())
    if (runsUserDestructor(B.getType(), Depth + 1))
      return true;
  return false;
}

} // namespace

bool runsUserDestructor(QualType T) { return runsUserDestructor(T, 0); }

static bool keepsOrder(llvm::ArrayRef<unsigned> Order,
                       llvm::ArrayRef<bool> Pinned) {
  int Last = -1;
  for (unsigned F : Order)
    if (Pinned[F]) {
      if (static_cast<int>(F) < Last)
        return false;
      Last = static_cast<int>(F);
    }
  return true;
}

// Single-field moves that keep the pinned order, while one makes the record
// smaller; a few passes at most, and only for records of a size people
// write by hand.
static std::uint64_t improve(const LayoutInput &In,
                             std::vector<unsigned> &Order,
                             llvm::ArrayRef<bool> Pinned) {
  std::uint64_t Size = layoutInOrder(In, Order).Size;
  const unsigned N = Order.size();
  for (unsigned Pass = 0; Pass < 4 && N <= 64; ++Pass) {
    bool Improved = false;
    for (unsigned From = 0; From < N; ++From)
      for (unsigned To = 0; To < N; ++To) {
        if (From == To)
          continue;
        std::vector<unsigned> Moved = Order;
        unsigned F = Moved[From];
        Moved.erase(Moved.begin() + From);
        Moved.insert(Moved.begin() + To, F);
        if (!keepsOrder(Moved, Pinned))
          continue;
        std::uint64_t S = layoutInOrder(In, Moved).Size;
        if (S < Size) {
          Size = S;
          Order = std::move(Moved);
          Improved = true;
        }
      }
    if (!Improved)
      break;
  }
  return Size;
}

BestLayout bestKeepingOrder(const LayoutInput &In, const BestLayout &Best,
                            llvm::ArrayRef<bool> Pinned) {
  if (keepsOrder(Best.Order, Pinned))
    return Best;
  // Seeds: the pinned fields in the positions Best gives them, in
  // declaration order; all of them after the others; all of them first.
  std::vector<unsigned> InPlace = Best.Order, Last, First, PinnedOnes;
  for (unsigned I = 0; I < Pinned.size(); ++I)
    if (Pinned[I])
      PinnedOnes.push_back(I);
  auto Next = PinnedOnes.begin();
  for (unsigned &F : InPlace)
    if (Pinned[F])
      F = *Next++;
  for (unsigned F : Best.Order)
    if (!Pinned[F])
      Last.push_back(F);
  First = PinnedOnes;
  First.insert(First.end(), Last.begin(), Last.end());
  Last.insert(Last.end(), PinnedOnes.begin(), PinnedOnes.end());

  BestLayout Out;
  Out.Proven = false;
  for (std::vector<unsigned> *Seed : {&InPlace, &Last, &First}) {
    std::uint64_t Size = improve(In, *Seed, Pinned);
    if (Out.Order.empty() || Size < Out.Size) {
      Out.Size = Size;
      Out.Order = *Seed;
    }
  }
  return Out;
}

} // namespace clang::tidy::hotpath::analyses
