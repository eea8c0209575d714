//===--- RecordLayoutMath.cpp - hotpath -----------------------------------===//

#include "analyses/RecordLayoutMath.h"
#include <algorithm>
#include <limits>
#include <numeric>
#include <unordered_map>

namespace clang::tidy::hotpath::analyses {

LayoutResult layoutInOrder(const LayoutInput &In,
                           llvm::ArrayRef<unsigned> Order) {
  LayoutResult R;
  R.Offsets.assign(In.Fields.size(), 0);
  std::uint64_t Cur = In.Start;
  std::uint64_t End = std::max(In.MinSize, In.Start);
  for (unsigned I : Order) {
    const LayoutField &F = In.Fields[I];
    if (F.OverlappingEmpty) {
      R.Offsets[I] = 0;
      End = std::max(End, F.Size);
      continue;
    }
    std::uint64_t Off = alignUp(Cur, F.Align);
    R.Offsets[I] = Off;
    Cur = Off + F.DataSize;
    End = std::max({End, Cur, Off + F.Size});
  }
  R.Size = alignUp(End, In.RecordAlign);
  return R;
}

LayoutResult layoutAsDeclared(const LayoutInput &In) {
  std::vector<unsigned> Order(In.Fields.size());
  std::iota(Order.begin(), Order.end(), 0u);
  return layoutInOrder(In, Order);
}

std::uint64_t paddingBytes(const LayoutInput &In, std::uint64_t Size) {
  std::uint64_t Used = In.Start;
  for (const LayoutField &F : In.Fields)
    if (!F.OverlappingEmpty)
      Used += F.DataSize;
  return Size > Used ? Size - Used : 0;
}

namespace {

/// Fields that are interchangeable for the layout: same size, data size and
/// alignment. Members keep their declaration order.
struct FieldKind {
  LayoutField Shape;
  std::vector<unsigned> Members;
};

/// The exact search: the state is how many fields of each kind are left,
/// the current data offset modulo the largest alignment (the padding a field
/// needs depends on nothing else), and how far the record already extends
/// past that offset (a `[[no_unique_address]]` field's tail). Its value is
/// the least padding still to come plus the final overhang; the final size is
/// monotone in the padding so far plus that value, so the least padding to
/// reach a state is all that matters about the way there.
class Solver {
public:
  Solver(const std::vector<FieldKind> &Kinds, std::uint64_t MaxAlign,
         std::uint64_t MaxOverhang, std::size_t MaxStates)
      : Kinds(Kinds), MaxAlign(MaxAlign), MaxOverhang(MaxOverhang),
        MaxStates(MaxStates) {}

  /// False when the state space cannot be encoded or explored in budget.
  bool solve(std::vector<unsigned> Left, std::uint64_t Mod,
             std::uint64_t Overhang, std::vector<unsigned> &KindOrder) {
    // Mixed-radix encoding must fit 64 bits.
    const std::uint64_t Limit = std::numeric_limits<std::uint64_t>::max() /
                                (MaxAlign * (MaxOverhang + 1) + 1);
    std::uint64_t Radix = 1;
    Radices.clear();
    for (const FieldKind &K : Kinds) {
      Radices.push_back(Radix);
      if (Radix > Limit / (K.Members.size() + 1))
        return false;
      Radix *= K.Members.size() + 1;
    }
    Aborted = false;
    Memo.clear();
    value(Left, Mod, Overhang);
    if (Aborted)
      return false;
    // Walk the optimal choices.
    KindOrder.clear();
    while (true) {
      std::uint64_t Best = value(Left, Mod, Overhang);
      bool Moved = false;
      for (unsigned C = 0; C < Kinds.size() && !Moved; ++C) {
        if (!Left[C])
          continue;
        Step S = step(C, Mod, Overhang);
        --Left[C];
        if (S.Pad + value(Left, S.Mod, S.Overhang) == Best) {
          KindOrder.push_back(C);
          Mod = S.Mod;
          Overhang = S.Overhang;
          Moved = true;
        } else {
          ++Left[C];
        }
      }
      if (!Moved)
        break;
    }
    return true;
  }

private:
  struct Step {
    std::uint64_t Pad, Mod, Overhang;
  };

  Step step(unsigned C, std::uint64_t Mod, std::uint64_t Overhang) const {
    const LayoutField &F = Kinds[C].Shape;
    std::uint64_t Pad = (F.Align - Mod % F.Align) % F.Align;
    std::uint64_t Advance = Pad + F.DataSize;
    std::uint64_t Over = Overhang > Advance ? Overhang - Advance : 0;
    Over = std::max(Over, F.Size - F.DataSize);
    return {Pad, (Mod + Advance) % MaxAlign, Over};
  }

  std::uint64_t key(const std::vector<unsigned> &Left, std::uint64_t Mod,
                    std::uint64_t Overhang) const {
    std::uint64_t Counts = 0;
    for (unsigned C = 0; C < Left.size(); ++C)
      Counts += Left[C] * Radices[C];
    return (Counts * MaxAlign + Mod) * (MaxOverhang + 1) + Overhang;
  }

  std::uint64_t value(std::vector<unsigned> &Left, std::uint64_t Mod,
                      std::uint64_t Overhang) {
    bool Done = std::all_of(Left.begin(), Left.end(),
                            [](unsigned N) { return N == 0; });
    if (Done)
      return Overhang;
    std::uint64_t K = key(Left, Mod, Overhang);
    auto It = Memo.find(K);
    if (It != Memo.end())
      return It->second;
    if (Aborted || Memo.size() >= MaxStates) {
      Aborted = true;
      return 0;
    }
    std::uint64_t Best = std::numeric_limits<std::uint64_t>::max();
    for (unsigned C = 0; C < Kinds.size(); ++C) {
      if (!Left[C])
        continue;
      Step S = step(C, Mod, Overhang);
      --Left[C];
      Best = std::min(Best, S.Pad + value(Left, S.Mod, S.Overhang));
      ++Left[C];
    }
    Memo.emplace(K, Best);
    return Best;
  }

  const std::vector<FieldKind> &Kinds;
  std::uint64_t MaxAlign, MaxOverhang;
  std::size_t MaxStates;
  std::vector<std::uint64_t> Radices;
  std::unordered_map<std::uint64_t, std::uint64_t> Memo;
  bool Aborted = false;
};

/// Expands a sequence of kinds into field indices, each kind's members in
/// declaration order, after the empty overlapping fields.
std::vector<unsigned> expand(const std::vector<FieldKind> &Kinds,
                             llvm::ArrayRef<unsigned> KindOrder,
                             llvm::ArrayRef<unsigned> Empties) {
  std::vector<unsigned> Order(Empties.begin(), Empties.end());
  std::vector<unsigned> Next(Kinds.size(), 0);
  for (unsigned C : KindOrder)
    Order.push_back(Kinds[C].Members[Next[C]++]);
  return Order;
}

/// Greedy: always the kind needing the least padding, ties to the larger
/// alignment. Often optimal, never proven.
std::vector<unsigned> greedyKinds(const std::vector<FieldKind> &Kinds,
                                  const LayoutInput &In) {
  std::vector<unsigned> Left;
  unsigned Total = 0;
  for (const FieldKind &K : Kinds) {
    Left.push_back(K.Members.size());
    Total += K.Members.size();
  }
  std::vector<unsigned> Order;
  std::uint64_t Cur = In.Start;
  for (unsigned N = 0; N < Total; ++N) {
    unsigned Pick = 0;
    std::uint64_t BestPad = std::numeric_limits<std::uint64_t>::max();
    for (unsigned C = 0; C < Kinds.size(); ++C) {
      if (!Left[C])
        continue;
      std::uint64_t Pad = alignUp(Cur, Kinds[C].Shape.Align) - Cur;
      if (Pad < BestPad) {
        BestPad = Pad;
        Pick = C;
      }
    }
    --Left[Pick];
    Order.push_back(Pick);
    Cur = alignUp(Cur, Kinds[Pick].Shape.Align) + Kinds[Pick].Shape.DataSize;
  }
  return Order;
}

} // namespace

BestLayout bestLayout(const LayoutInput &In, std::size_t MaxStates) {
  std::vector<FieldKind> Kinds;
  std::vector<unsigned> Empties;
  for (unsigned I = 0; I < In.Fields.size(); ++I) {
    const LayoutField &F = In.Fields[I];
    if (F.OverlappingEmpty) {
      Empties.push_back(I);
      continue;
    }
    auto It = std::find_if(Kinds.begin(), Kinds.end(), [&](const FieldKind &K) {
      return K.Shape.Size == F.Size && K.Shape.DataSize == F.DataSize &&
             K.Shape.Align == F.Align;
    });
    if (It == Kinds.end())
      Kinds.push_back({F, {I}});
    else
      It->Members.push_back(I);
  }
  // Larger alignment first, then declaration order: the order ties are
  // broken in, so equal-cost answers stay close to the declared one.
  std::sort(Kinds.begin(), Kinds.end(),
            [](const FieldKind &A, const FieldKind &B) {
              if (A.Shape.Align != B.Shape.Align)
                return A.Shape.Align > B.Shape.Align;
              return A.Members.front() < B.Members.front();
            });
  std::vector<unsigned> ByAlign;
  for (unsigned C = 0; C < Kinds.size(); ++C)
    ByAlign.insert(ByAlign.end(), Kinds[C].Members.size(), C);

  std::uint64_t MaxAlign = 1, MaxOverhang = 0;
  bool Regular = true;
  for (const FieldKind &K : Kinds) {
    MaxAlign = std::max(MaxAlign, K.Shape.Align);
    MaxOverhang = std::max(MaxOverhang, K.Shape.Size - K.Shape.DataSize);
    Regular &=
        K.Shape.DataSize == K.Shape.Size && K.Shape.Size % K.Shape.Align == 0;
  }
  std::uint64_t Overhang = In.MinSize > In.Start ? In.MinSize - In.Start : 0;
  MaxOverhang = std::max(MaxOverhang, Overhang);

  auto Finish = [&](std::vector<unsigned> KindOrder, bool Proven) {
    BestLayout B;
    B.Order = expand(Kinds, KindOrder, Empties);
    B.Size = layoutInOrder(In, B.Order).Size;
    B.Proven = Proven;
    return B;
  };

  // Every field's size is a multiple of its alignment and fields start on
  // the largest alignment: by decreasing alignment no field ever needs
  // padding, which is the lower bound.
  if (Regular && In.Start % MaxAlign == 0 && Overhang == 0)
    return Finish(ByAlign, true);

  std::vector<unsigned> KindOrder;
  std::vector<unsigned> Left;
  for (const FieldKind &K : Kinds)
    Left.push_back(K.Members.size());
  Solver S(Kinds, MaxAlign, MaxOverhang, MaxStates);
  if (S.solve(Left, In.Start % MaxAlign, Overhang, KindOrder))
    return Finish(KindOrder, true);

  BestLayout A = Finish(ByAlign, false);
  BestLayout G = Finish(greedyKinds(Kinds, In), false);
  return G.Size < A.Size ? G : A;
}

} // namespace clang::tidy::hotpath::analyses
