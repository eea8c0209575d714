//===--- FalseSharingCheck.cpp - hotpath ----------------------------------===//

#include "FalseSharingCheck.h"
#include "analyses/RecordType.h"
#include "analyses/SyncMembers.h"
#include "analyses/TripCount.h"
#include "support/CheckTrace.h"
#include "support/FixScope.h"
#include "support/NodeFilters.h"
#include "support/OptionList.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecordLayout.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/TargetInfo.h"
#include <optional>

using namespace clang::ast_matchers;

namespace clang::tidy::hotpath {

using analyses::SyncKind;
using FunctionIndex = FalseSharingCheck::FunctionIndex;

/// A function body's index and the function (or lambda) it belongs to.
struct FalseSharingCheck::FunctionIndex {
  const analyses::BodyIndex &Body;
  const Decl *Function;
};

namespace {

AST_MATCHER_P(RecordDecl, hasSyncField, std::vector<std::string>, Extra) {
  for (const FieldDecl *FD : Node.fields())
    if (analyses::syncKind(
            analyses::baseElement(FD->getType(), Finder->getASTContext()),
            Extra) != SyncKind::None)
      return true;
  return false;
}

/// Where a write runs: its function (or lambda) and the mutexes the
/// enclosing blocks show held there. One walk up the parents.
struct WriteContext {
  const Decl *Function = nullptr;
  llvm::SmallVector<const ValueDecl *, 2> Held;
};

WriteContext writeContext(const Stmt &E, const FunctionIndex &Index) {
  WriteContext W;
  W.Function = Index.Function;
  const Stmt *Child = &E;
  for (const Stmt *P = Index.Body.parentOf(&E); P;
       Child = P, P = Index.Body.parentOf(P)) {
    if (const auto *L = dyn_cast<LambdaExpr>(P)) {
      W.Function = L->getCallOperator();
      break;
    }
    if (const auto *CS = dyn_cast<CompoundStmt>(P))
      for (const Stmt *S : CS->body()) {
        if (S == Child)
          break;
        analyses::noteLocksTakenBy(*S, W.Held);
      }
  }
  return W;
}

/// The parent of \p E, looking through parentheses and implicit casts.
const Stmt *parentOf(const Stmt &E, const FunctionIndex &Index) {
  const Stmt *P = Index.Body.parentOf(&E);
  while (
      isa_and_nonnull<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr>(P))
    P = Index.Body.parentOf(P);
  return P;
}

std::string nameOf(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl()->getNameAsString();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->getMemberDecl()->getNameAsString();
  return "the array";
}

/// The field of the template pattern that \p FD was instantiated from.
const FieldDecl *patternField(const FieldDecl *FD) {
  const auto *RD = dyn_cast<CXXRecordDecl>(FD->getParent());
  const CXXRecordDecl *Pattern =
      RD ? RD->getTemplateInstantiationPattern() : nullptr;
  if (!Pattern)
    return FD;
  unsigned Index = FD->getFieldIndex();
  for (const FieldDecl *P : Pattern->fields())
    if (P->getFieldIndex() == Index)
      return P;
  return FD;
}

} // namespace

FalseSharingCheck::FalseSharingCheck(StringRef Name, ClangTidyContext *Context)
    : HotpathCheck(Name, Context, Needs::CPlusPlus11),
      CacheLineBytes(Config.get("CacheLineBytes", 64U)),
      UseHardwareInterferenceSize(
          Config.get("UseHardwareInterferenceSize", false)),
      ExtraSyncTypes(support::toStrings(Config.getList("SyncTypes", ""))),
      TaskSubmitFunctions(support::toStrings(Config.getList(
          "TaskSubmitFunctions", "submit;post;enqueue;spawn;"
                                 "parallel_for;execute;schedule"))) {
  clearEachTU(Records, FieldWrites, ElementWrites, LayoutUse, Threads);
}

void FalseSharingCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(recordDecl(support::isUserRecordDefinition(),
                                hasSyncField(ExtraSyncTypes))
                         .bind("record"),
                     this);
  // Uses are found by one walk per function (scanFunction).
  Finder->addMatcher(functionDecl(support::isUserFunctionWithBody()).bind("fn"),
                     this);
  LayoutUse.registerMatchers(*Finder, *this);
  Threads.registerMatchers(*Finder, *this, TaskSubmitFunctions);
}

SyncKind FalseSharingCheck::kindOf(QualType T) const {
  return analyses::syncKind(T, ExtraSyncTypes);
}

void FalseSharingCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (const auto *RD = Result.Nodes.getNodeAs<RecordDecl>("record")) {
    if (!RD->isUnion() && !RD->isDependentType() && !RD->isInvalidDecl())
      Records.insert(RD);
    return;
  }
  if (LayoutUse.handle(Result) || Threads.handle(Result))
    return;
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn"))
    scanFunction(*FD);
}

void FalseSharingCheck::scanFunction(const FunctionDecl &FD) {
  // A lambda is walked with the function it is written in.
  if (const auto *MD = dyn_cast<CXXMethodDecl>(&FD))
    if (MD->getParent()->isLambda() &&
        MD->getParent()->getParentFunctionOrMethod())
      return;
  // Walked once: not kept in the check's cache, as every function is.
  analyses::BodyIndex Body(*FD.getBody());
  FunctionIndex Index{Body, FD.getCanonicalDecl()};
  const SourceManager &SM = Ctx->getSourceManager();
  for (const Stmt *S : Body.statements())
    if (const auto *ME = dyn_cast<MemberExpr>(S))
      if (const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl()))
        if (kindOf(analyses::baseElement(Field->getType(), *Ctx)) !=
                SyncKind::None &&
            !SM.isInSystemHeader(SM.getExpansionLoc(ME->getBeginLoc())))
          noteUse(*ME, Index);
}

void FalseSharingCheck::noteUse(const MemberExpr &ME, const FunctionIndex &Fn) {
  ASTContext &Ctx = *this->Ctx;
  const auto *FD = dyn_cast<FieldDecl>(ME.getMemberDecl());
  if (!FD)
    return;
  // `member[i]` of an array member: the element is what is used.
  const Expr *Node = &ME;
  const Expr *Index = nullptr;
  const Stmt *Parent = parentOf(ME, Fn);
  if (const auto *AS = dyn_cast_or_null<ArraySubscriptExpr>(Parent))
    if (AS->getBase()->IgnoreParenImpCasts() == &ME) {
      Index = AS->getIdx();
      Node = AS;
      Parent = parentOf(*AS, Fn);
    }
  bool Write = analyses::isWrite(*Node, Parent);
  if (!Write) {
    llvm::SmallVector<const Decl *, 2> &R = FieldWrites[FD].Readers;
    if (Fn.Function && !llvm::is_contained(R, Fn.Function))
      R.push_back(Fn.Function);
    return;
  }
  // A constructor or destructor runs before the object is shared or after
  // it stops being: its writes contend with nobody.
  WriteContext Where = writeContext(*Node, Fn);
  if (isa_and_nonnull<CXXConstructorDecl, CXXDestructorDecl>(Where.Function))
    return;
  Writes &W = FieldWrites[FD];
  // The locks held at every write so far.
  if (W.Sites == 0)
    W.Locks = Where.Held;
  else
    llvm::erase_if(W.Locks, [&](const ValueDecl *L) {
      return !llvm::is_contained(Where.Held, L);
    });
  ++W.Sites;
  if (Where.Function && !llvm::is_contained(W.Writers, Where.Function))
    W.Writers.push_back(Where.Function);
  if (!Fn.Body.loopsAround(*Node).empty())
    W.InLoop = true;
  if (Index && analyses::isPerThreadIndex(Index, Ctx) &&
      !llvm::is_contained(W.PerThreadWriters, Where.Function))
    W.PerThreadWriters.push_back(Where.Function);

  // `slots[tid].count`: an element of an array or vector of records.
  if (ME.isArrow())
    return;
  const Expr *Base = ME.getBase()->IgnoreParenImpCasts();
  const Expr *Idx = nullptr, *Array = nullptr;
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(Base)) {
    Idx = AS->getIdx();
    Array = AS->getBase();
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Base)) {
    if (Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2) {
      Idx = Op->getArg(1);
      Array = Op->getArg(0);
    }
  }
  if (!Idx || !analyses::isPerThreadIndex(Idx, Ctx))
    return;
  const RecordDecl *Element = Base->getType()->getAsRecordDecl();
  if (Element && Element->isCompleteDefinition() && !Element->isDependentType())
    ElementWrites.push_back(
        {Element, FD, Ctx.getSourceManager().getFileLoc(Base->getBeginLoc()),
         nameOf(Array), Where.Function});
}

std::string FalseSharingCheck::alignment() const {
  if (UseHardwareInterferenceSize && Ctx) {
    IdentifierInfo &Std = Ctx->Idents.get("std");
    IdentifierInfo &Size =
        Ctx->Idents.get("hardware_destructive_interference_size");
    for (const NamedDecl *D : Ctx->getTranslationUnitDecl()->lookup(&Std))
      if (const auto *NS = dyn_cast<NamespaceDecl>(D))
        if (!NS->lookup(&Size).empty())
          return "std::hardware_destructive_interference_size";
  }
  return std::to_string(CacheLineBytes);
}

// Before C++17 a new-expression calls the plain operator new, which aligns
// to __STDCPP_DEFAULT_NEW_ALIGNMENT__ (16 bytes on x86-64) whatever alignas
// asks: an over-aligned object on the heap starts anywhere, so the padding
// does not keep its members on separate lines (and half of such objects
// stayed misaligned in a real C++14 build). Stack and static objects would
// be aligned, but nothing here says where the objects live.
std::string FalseSharingCheck::alignedNewProblem() const {
  if (!Ctx || Ctx->getLangOpts().AlignedAllocation)
    return "";
  return "before C++17, 'new' ignores an alignment above " +
         std::to_string(Ctx->getTargetInfo().getNewAlign() / 8) +
         " bytes, so objects on the heap would stay misaligned; build with "
         "-std=c++17 or later (or -faligned-allocation), or allocate them "
         "with an aligned allocator";
}

void FalseSharingCheck::reportRecord(const RecordDecl &RD) {
  const ASTRecordLayout &Layout = Ctx->getASTRecordLayout(&RD);
  const std::uint64_t Line = CacheLineBytes;
  const bool LineAligned =
      static_cast<std::uint64_t>(Layout.getAlignment().getQuantity()) >= Line;
  struct Member {
    const FieldDecl *FD;
    SyncKind Kind;
    std::uint64_t Offset, Size;
    const Writes *W;
    bool Threaded; ///< Written by code that runs on a thread the TU starts.
  };
  static const Writes NoWrites;
  std::vector<Member> Members;
  const SourceManager &SM = Ctx->getSourceManager();
  // A record of a test or an example program: decided (and counted) only
  // for a finding about to be reported.
  std::optional<relevance::RunOnce> Once;
  auto RunsOnce = [&] {
    if (!Once)
      Once = relevance::runOnceRecord(RD);
    return *Once;
  };
  std::string Record = RD.getNameAsString();
  // Aligning a member changes the record's size and offsets.
  // What stops an automatic fix: the TU takes the layout, or 'new' would
  // not honour the alignment.
  std::string Taken = LayoutUse.reason(RD);
  // A file that takes the layout reports the pairs even without evidence
  // of threads of its own: the finding carries its veto against another
  // file's alignas fix when the tool merges a header's findings.
  const bool LayoutVeto = !Taken.empty();
  if (Taken.empty())
    Taken = alignedNewProblem();
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(&RD)) {
    PrintingPolicy Policy = Ctx->getPrintingPolicy();
    Policy.SuppressTagKeyword = true;
    Record = analyses::recordType(*Ctx, Spec).getAsString(Policy);
  }

  for (const FieldDecl *FD : RD.fields()) {
    QualType T = FD->getType();
    if (T->isIncompleteType() || T->isDependentType() || FD->isBitField())
      continue;
    QualType Elem = analyses::baseElement(T, *Ctx);
    SyncKind Kind = kindOf(Elem);
    if (Kind == SyncKind::None)
      continue;
    auto It = FieldWrites.find(FD);
    const Writes &W = It == FieldWrites.end() ? NoWrites : It->second;
    // A flag set once and then only read does not bounce the line.
    if (Kind == SyncKind::Flag && W.Sites <= 1 && !W.InLoop)
      continue;
    std::uint64_t Offset = Layout.getFieldOffset(FD->getFieldIndex()) / 8;
    std::uint64_t Size = Ctx->getTypeSizeInChars(T).getQuantity();
    auto OnThread = [&](const Decl *Fn) { return Threads.runsOnThread(Fn); };
    Members.push_back(
        {FD, Kind, Offset, Size, &W, llvm::any_of(W.Writers, OnThread)});

    // An array of synchronisation objects written one element per thread.
    const FieldDecl *Shown = patternField(FD);
    std::uint64_t ElemSize = Ctx->getTypeSizeInChars(Elem).getQuantity();
    std::uint64_t ElemAlign = Ctx->getTypeAlignInChars(Elem).getQuantity();
    if (T->isArrayType() && llvm::any_of(W.PerThreadWriters, OnThread) &&
        ElemSize < Line && ElemAlign < Line && Size > ElemSize) {
      SourceLocation Loc = SM.getFileLoc(Shown->getLocation());
      report(
          Loc, RunsOnce(), SM,
          [&] { return Hot.ofHottest(W.PerThreadWriters, SM); },
          [&](Finding &F) {
            F.diag("'%0' is an array of %1-byte '%2' written one element per "
                   "thread: neighbouring elements share a %3-byte cache "
                   "line, so the threads' writes contend for the same lines "
                   "(false sharing); use an element type padded to the line, "
                   "such as 'struct alignas(%4) Slot { %2 value; };'%5")
                << FD->getName() << static_cast<unsigned>(ElemSize)
                << Elem.getUnqualifiedType().getAsString(
                       Ctx->getPrintingPolicy())
                << static_cast<unsigned>(Line) << alignment() << F.hotText();
            std::string NoAlignedNew = alignedNewProblem();
            if (!NoAlignedNew.empty())
              F.note(Loc, "%0") << NoAlignedNew;
          });
    }
  }

  auto IsCondVarPair = [](SyncKind A, SyncKind B) {
    auto LockOrCv = [](SyncKind K) {
      return K == SyncKind::Mutex || K == SyncKind::CondVar;
    };
    return LockOrCv(A) && LockOrCv(B) &&
           (A == SyncKind::CondVar || B == SyncKind::CondVar);
  };
  // One function writing both, or one mutex held at every write of both:
  // the writes are one thread's at a time, true sharing of one unit.
  auto WrittenTogether = [](const Member &A, const Member &B) {
    return llvm::any_of(A.W->Writers,
                        [&](const Decl *Fn) {
                          return llvm::is_contained(B.W->Writers, Fn);
                        }) ||
           llvm::any_of(A.W->Locks, [&](const ValueDecl *L) {
             return llvm::is_contained(B.W->Locks, L);
           });
  };
  // A protocol between two parties, without a thread started here (a
  // library's ring buffer): one function writes A and reads B, another
  // writes B and reads A. Each side's writes meet the other's reads.
  auto TwoParties = [](const Member &A, const Member &B) {
    if (A.Kind != SyncKind::Atomic || B.Kind != SyncKind::Atomic)
      return false;
    auto Side = [](const Member &X, const Member &Y, const Decl *Not) {
      for (const Decl *F : X.W->Writers)
        if (F != Not && llvm::is_contained(Y.W->Readers, F))
          return F;
      return static_cast<const Decl *>(nullptr);
    };
    const Decl *One = Side(A, B, nullptr);
    return One && Side(B, A, One);
  };
  auto MayShare = [&](const Member &A, const Member &B) {
    std::uint64_t LastA = A.Offset + A.Size - 1;
    if (LineAligned)
      return LastA / Line >= B.Offset / Line;
    return B.Offset - LastA < Line;
  };

  for (unsigned J = 1; J < Members.size(); ++J) {
    const Member *Nearest = nullptr;
    unsigned Others = 0;
    bool Evidence = false; // a pair with evidence of threads (not a veto)
    for (unsigned I = 0; I < J; ++I) {
      // A pair needs evidence of a writer here: a record this file never
      // writes (onetbb's context_list_node exists only for a sizeof check)
      // is left to the file that writes it; a member written only in
      // another file (producer.cpp and consumer.cpp) pairs with one written
      // here.
      // And evidence of threads: one of the two is written by code that
      // runs on a thread this file starts (analyses/ThreadEntries.h); a
      // singleton's configuration mutexes never are.
      if ((Members[I].W->Sites == 0 && Members[J].W->Sites == 0) ||
          (!Members[I].Threaded && !Members[J].Threaded &&
           !TwoParties(Members[I], Members[J]) &&
           !(LayoutVeto && MergeVetoes)) ||
          IsCondVarPair(Members[I].Kind, Members[J].Kind) ||
          !MayShare(Members[I], Members[J]) ||
          WrittenTogether(Members[I], Members[J]))
        continue;
      if (Nearest)
        ++Others;
      Nearest = &Members[I];
      Evidence |= Members[I].Threaded || Members[J].Threaded ||
                  TwoParties(Members[I], Members[J]);
    }
    if (!Nearest)
      continue;
    const FieldDecl *Later = patternField(Members[J].FD);
    SourceLocation Loc = SM.getFileLoc(Later->getLocation());
    // Measured: the hottest function that writes either member.
    auto Measure = [&] {
      llvm::SmallVector<const Decl *, 4> Writers(Members[J].W->Writers.begin(),
                                                 Members[J].W->Writers.end());
      Writers.append(Nearest->W->Writers.begin(), Nearest->W->Writers.end());
      return Hot.ofHottest(Writers, SM);
    };
    report(Loc, RunsOnce(), SM, Measure, [&](Finding &F) {
      bool OwnDecl = true;
      for (const FieldDecl *Other : Later->getParent()->fields())
        if (Other != Later && Other->getBeginLoc() == Later->getBeginLoc())
          OwnDecl = false;
      std::string Align = alignment();
      std::string More;
      if (Others > 0)
        More = " and " + std::to_string(Others) +
               " more synchronisation member" + (Others > 1 ? "s" : "");
      // Apart when the object starts on a line boundary, together otherwise.
      std::string Why;
      if (!LineAligned && (Nearest->Offset + Nearest->Size - 1) / Line <
                              Members[J].Offset / Line)
        Why = ", since '" + Record + "' is only " +
              std::to_string(Layout.getAlignment().getQuantity()) +
              "-byte aligned";
      {
        auto D = F.diag("'%0' (offset %1) and '%2' (offset %3)%4 of '%5' can "
                        "share a %6-byte cache line%7: when different threads "
                        "write them, every write invalidates the line in the "
                        "other cores' caches (false sharing); give '%0' a "
                        "cache line of its own with 'alignas(%8)'%9")
                 << Members[J].FD->getName()
                 << static_cast<unsigned>(Members[J].Offset)
                 << Nearest->FD->getName()
                 << static_cast<unsigned>(Nearest->Offset) << More << Record
                 << static_cast<unsigned>(Line) << Why << Align << F.hotText();
        SourceLocation Begin = Later->getBeginLoc();
        if (OwnDecl && Begin.isFileID() && Taken.empty())
          D << FixItHint::CreateInsertion(Begin, "alignas(" + Align + ") ");
      }
      if (OwnDecl && !Taken.empty())
        F.note(Loc, "no automatic fix: %0; align '%1' by hand")
            << Taken << Members[J].FD->getName();
      if (!OwnDecl)
        F.note(Loc, "'%0' is declared together with other members: declare "
                    "it on its own with 'alignas(%1)'")
            << Members[J].FD->getName() << Align;
      if (!Evidence)
        F.vetoOnly();
    });
  }
}

void FalseSharingCheck::onEndOfTranslationUnit() {
  support::EndOfTranslationUnitTrace Trace(getID());
  if (!Ctx)
    return;
  for (const RecordDecl *RD : Records)
    reportRecord(*RD);

  llvm::DenseSet<const RecordDecl *> Done;
  const SourceManager &SM = Ctx->getSourceManager();
  for (const ElementWrite &W : ElementWrites) {
    if (!Threads.runsOnThread(W.Writer))
      continue;
    const RecordDecl *RD = W.Element;
    std::uint64_t Size =
        Ctx->getTypeSizeInChars(analyses::recordType(*Ctx, RD)).getQuantity();
    std::uint64_t Align =
        Ctx->getASTRecordLayout(RD).getAlignment().getQuantity();
    if (Size >= CacheLineBytes || Align >= CacheLineBytes ||
        !Done.insert(RD).second)
      continue;
    report(
        W.Loc, relevance::runOnceRecord(*RD), SM,
        [&] { return Hot.ofHottest(W.Writer, SM); },
        [&](Finding &F) {
          std::string Name = RD->getNameAsString();
          const RecordDecl *Pattern = RD;
          if (const auto *CXXRD = dyn_cast<CXXRecordDecl>(RD))
            if (const CXXRecordDecl *P =
                    CXXRD->getTemplateInstantiationPattern())
              Pattern = P;
          std::string Taken = LayoutUse.reason(*RD);
          if (Taken.empty())
            Taken = alignedNewProblem();
          {
            auto D = F.diag("each thread writes its own element of '%0', but "
                            "'%1' is %2 bytes, smaller than a %3-byte cache "
                            "line, so neighbouring elements share lines and "
                            "the threads' writes to '%4' contend for them "
                            "(false sharing); align '%1' to the cache line%5")
                     << W.Container << Name << static_cast<unsigned>(Size)
                     << static_cast<unsigned>(CacheLineBytes)
                     << W.Member->getName() << F.hotText();
            SourceLocation NameLoc = Pattern->getLocation();
            if (Pattern->getIdentifier() && NameLoc.isFileID() &&
                !SM.isInSystemHeader(NameLoc) && Pattern == RD && Taken.empty())
              D << FixItHint::CreateInsertion(NameLoc,
                                              "alignas(" + alignment() + ") ");
          }
          if (!Taken.empty())
            F.note(W.Loc, "no automatic fix: %0; align '%1' by hand")
                << Taken << Name;
        });
  }
  Records.clear();
  ElementWrites.clear();
}

} // namespace clang::tidy::hotpath
