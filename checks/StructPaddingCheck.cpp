//===--- StructPaddingCheck.cpp - hotpath ---------------------------------===//

#include "StructPaddingCheck.h"
#include "analyses/DestructionOrder.h"
#include "analyses/FieldReorder.h"
#include "analyses/RecordLayoutMath.h"
#include "analyses/RecordType.h"
#include "relevance/InstanceCount.h"
#include "support/CheckTrace.h"
#include "support/FixScope.h"
#include "support/NodeFilters.h"
#include "support/OptionList.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecordLayout.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::hotpath {

namespace {

// No matcher for the node in clang's library: a node-kind matcher, so that
// MatchFinder offers it only these nodes rather than every statement.
const internal::VariadicDynCastAllOfMatcher<Stmt, CXXParenListInitExpr>
    parenListInitExpr;

/// A function with C linkage outside system headers (the check sees every
/// declaration of the C library's headers, so the cheapest test is first).
AST_MATCHER(FunctionDecl, isUserExternC) {
  return !Node.isImplicit() && Node.isExternC() &&
         support::inUserCode(Node, Finder->getASTContext());
}

const RecordDecl *canonical(const RecordDecl *RD) {
  return RD ? cast<RecordDecl>(RD->getCanonicalDecl()) : nullptr;
}

/// True if \p S may read a member of the object under construction.
bool readsMembers(const Stmt *S) {
  if (!S)
    return false;
  if (isa<CXXThisExpr, CXXDependentScopeMemberExpr, UnresolvedMemberExpr>(S))
    return true;
  if (const auto *ME = dyn_cast<MemberExpr>(S))
    if (isa<FieldDecl>(ME->getMemberDecl()) &&
        isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
      return true;
  for (const Stmt *Child : S->children())
    if (readsMembers(Child))
      return true;
  return false;
}

/// `typedef struct X { ... } X;`: redundant in C++, written so that C code
/// can use the header too, which makes the layout a C interface (zeromq's
/// zmq_poller_event_t, whose functions have C++ linkage only in the
/// library's own build).
bool hasCStyleTypedef(const RecordDecl &RD) {
  const IdentifierInfo *Name = RD.getIdentifier();
  if (!Name)
    return false;
  for (const NamedDecl *D : RD.getDeclContext()->lookup(Name))
    if (const auto *TD = dyn_cast<TypedefNameDecl>(D))
      if (const RecordDecl *Target = TD->getUnderlyingType()->getAsRecordDecl())
        if (Target->getCanonicalDecl() == RD.getCanonicalDecl())
          return true;
  return false;
}

/// A field's name, or what it is when it has none.
std::string fieldLabel(const FieldDecl &FD) {
  if (!FD.getName().empty())
    return FD.getNameAsString();
  if (FD.isAnonymousStructOrUnion())
    return FD.getType()->isUnionType() ? "(anonymous union)"
                                       : "(anonymous struct)";
  return FD.isBitField() ? "(unnamed bit-field)" : "(unnamed field)";
}

} // namespace

StructPaddingCheck::StructPaddingCheck(StringRef Name,
                                       ClangTidyContext *Context)
    : HotpathCheck(Name, Context, Needs::AnyLanguage),
      MinSavingBytes(Config.get("MinSavingBytes", 4U)),
      CacheLineBytes(Config.get("CacheLineBytes", 64U)),
      SmallObjectLines(Config.get("SmallObjectLines", 8U)),
      MinSavingPercent(Config.get("MinSavingPercent", 5U)),
      IgnoredRecords(Config.getList("IgnoredRecords", "")),
      ReportSingleObjects(Config.get("ReportSingleObjects", false)) {
  clearEachTU(Candidates, Analysed, OrderDependentUse, CInterface, Many,
              LayoutUse);
}

void StructPaddingCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      recordDecl(support::isUserRecordDefinition()).bind("record"), this);
  // Uses that tie the meaning of the code to the field order.
  Finder->addMatcher(
      initListExpr(support::isInUserCode(),
                   hasType(hasUnqualifiedDesugaredType(recordType())))
          .bind("init"),
      this);
  if (getLangOpts().CPlusPlus20)
    Finder->addMatcher(
        parenListInitExpr(support::isInUserCode()).bind("parenInit"), this);
  Finder->addMatcher(decompositionDecl(support::isInUserCode()).bind("binding"),
                     this);
  // A function with C linkage that takes or returns the record: its layout
  // is shared with C code and with binaries built against the old one
  // (zeromq's zmq_poller_event_t mirrors the public zmq.h). Like a record
  // declared in an extern "C" block, it is not reported.
  Finder->addMatcher(functionDecl(isUserExternC()).bind("externC"), this);
  // Uses where the saving multiplies (relevance/InstanceCount.h).
  Many.registerMatchers(*Finder, *this);
  LayoutUse.registerMatchers(*Finder, *this);
}

void StructPaddingCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (const auto *RD = Result.Nodes.getNodeAs<RecordDecl>("record")) {
    analyse(*RD, *Ctx);
    return;
  }
  if (LayoutUse.handle(Result) || Many.handle(Result))
    return;
  if (const auto *Init = Result.Nodes.getNodeAs<InitListExpr>("init")) {
    // `S s{};` value-initialises every field: no order involved.
    const InitListExpr *Written = Init;
    if (Init->isSemanticForm() && Init->getSyntacticForm())
      Written = Init->getSyntacticForm();
    bool Empty = llvm::all_of(Written->inits(), [](const Expr *E) {
      return isa<ImplicitValueInitExpr, CXXDefaultInitExpr>(E);
    });
    if (Empty)
      return;
    if (const RecordDecl *RD = analyses::canonicalRecordOf(Init->getType()))
      OrderDependentUse.try_emplace(
          RD, "it is aggregate-initialised from a braced list in this file, "
              "which assigns the values by field order");
    return;
  }
  if (const auto *Paren = Result.Nodes.getNodeAs<Stmt>("parenInit")) {
    if (const RecordDecl *RD =
            analyses::canonicalRecordOf(cast<Expr>(Paren)->getType()))
      OrderDependentUse.try_emplace(
          RD, "it is aggregate-initialised with parentheses in this file, "
              "which assigns the values by field order");
    return;
  }
  if (const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("externC")) {
    auto Note = [&](QualType T) {
      while (!T.isNull() &&
             (T->isPointerType() || T->isReferenceType() || T->isArrayType()))
        T = T->isArrayType() ? QualType(T->getPointeeOrArrayElementType(), 0)
                             : T->getPointeeType();
      if (!T.isNull())
        if (const RecordDecl *RD = analyses::canonicalRecordOf(T))
          CInterface.insert(RD);
    };
    Note(Fn->getReturnType());
    for (const ParmVarDecl *P : Fn->parameters())
      Note(P->getType());
    return;
  }
  if (const auto *Binding =
          Result.Nodes.getNodeAs<DecompositionDecl>("binding")) {
    if (const RecordDecl *RD = analyses::canonicalRecordOf(Binding->getType()))
      OrderDependentUse.try_emplace(
          RD, "a structured binding in this file unpacks it by field order");
    return;
  }
}

void StructPaddingCheck::analyse(const RecordDecl &RD, ASTContext &Ctx) {
  if (!RD.isCompleteDefinition() || RD.isInvalidDecl() || RD.isUnion() ||
      RD.isDependentType() || RD.isAnonymousStructOrUnion())
    return;
  const auto *CXXRD = dyn_cast<CXXRecordDecl>(&RD);
  if (CXXRD && (CXXRD->isLambda() || CXXRD->getNumVBases() > 0))
    return;
  if (RD.getDeclContext()->isExternCContext() || RD.hasAttr<PackedAttr>() ||
      RD.hasAttr<MaxFieldAlignmentAttr>())
    return;
  if (Ctx.getTargetInfo().getCXXABI().isMicrosoft())
    return;
  if (!Analysed.insert(&RD).second)
    return;

  const RecordDecl *Pattern = &RD;
  if (CXXRD)
    if (const CXXRecordDecl *P = CXXRD->getTemplateInstantiationPattern())
      Pattern = P;
  SourceLocation Loc = Pattern->getLocation();
  if (!Pattern->getIdentifier()) {
    const TypedefNameDecl *TD = Pattern->getTypedefNameForAnonDecl();
    if (!TD)
      return;
    Loc = TD->getLocation();
  }
  Loc = Ctx.getSourceManager().getFileLoc(Loc);
  // Fields a macro declares from its arguments (gmock's MATCHER_Pn, X-macro
  // tables): their order is the macro's parameter order, an interface of
  // every call site; reordering the expansion is not the user's to do.
  const SourceManager &SM = Ctx.getSourceManager();
  for (const FieldDecl *FD : Pattern->fields())
    if (FD->getLocation().isMacroID() &&
        SM.isMacroArgExpansion(FD->getLocation()))
      return;

  std::string Qualified = RD.getQualifiedNameAsString();
  for (StringRef Ignored : IgnoredRecords) {
    if (Ignored.consume_front("::")
            ? Qualified == Ignored
            : (Qualified == Ignored ||
               StringRef(Qualified).ends_with(("::" + Ignored).str())))
      return;
  }

  analyses::LayoutInput In;
  unsigned NonEmpty = 0;
  for (const FieldDecl *FD : RD.fields()) {
    QualType T = FD->getType();
    if (FD->isBitField() || FD->hasAttr<PackedAttr>() ||
        T->isIncompleteArrayType() || T->isDependentType() ||
        T->isIncompleteType())
      return;
    // alignas(cache line) on a field is padding on purpose: it keeps the
    // field off its neighbours' line (the false-sharing fix). Reordering
    // would pack the neighbours back next to it.
    if (FD->getMaxAlignment() >= CacheLineBytes * 8)
      return;
    analyses::LayoutField F;
    if (T->isReferenceType()) {
      F.Size = F.Align = Ctx.getTypeSizeInChars(Ctx.VoidPtrTy).getQuantity();
    } else {
      TypeInfoChars TI = Ctx.getTypeInfoInChars(T);
      F.Size = TI.Width.getQuantity();
      F.Align = TI.Align.getQuantity();
    }
    F.DataSize = F.Size;
    F.Align = std::max<std::uint64_t>(
        F.Align, Ctx.toCharUnitsFromBits(FD->getMaxAlignment()).getQuantity());
    if (FD->hasAttr<NoUniqueAddressAttr>() && !T->isArrayType()) {
      if (const CXXRecordDecl *FRD = T->getAsCXXRecordDecl()) {
        if (FRD->isEmpty()) {
          F.OverlappingEmpty = true;
          F.DataSize = 0;
        } else {
          F.DataSize = Ctx.getASTRecordLayout(FRD).getDataSize().getQuantity();
        }
      }
    }
    NonEmpty += !F.OverlappingEmpty;
    In.Fields.push_back(F);
  }
  if (NonEmpty < 2)
    return;

  const ASTRecordLayout &Layout = Ctx.getASTRecordLayout(&RD);
  In.RecordAlign = Layout.getAlignment().getQuantity();
  if (CXXRD) {
    if (Layout.hasOwnVFPtr())
      In.Start = In.MinSize =
          Ctx.getTypeSizeInChars(Ctx.VoidPtrTy).getQuantity();
    for (const CXXBaseSpecifier &Base : CXXRD->bases()) {
      const CXXRecordDecl *BRD = Base.getType()->getAsCXXRecordDecl();
      if (!BRD)
        return;
      const ASTRecordLayout &BL = Ctx.getASTRecordLayout(BRD);
      std::uint64_t Off = Layout.getBaseClassOffset(BRD).getQuantity();
      if (BRD->isEmpty()) {
        In.MinSize = std::max(In.MinSize, Off + BL.getSize().getQuantity());
      } else {
        In.Start = std::max(In.Start, Off + BL.getDataSize().getQuantity());
        In.MinSize = std::max(In.MinSize, In.Start);
      }
    }
  }

  // Trust the model only where it reproduces clang's own layout.
  analyses::LayoutResult Current = analyses::layoutAsDeclared(In);
  std::uint64_t Size = Layout.getSize().getQuantity();
  if (Current.Size != Size)
    return;
  for (unsigned I = 0; I < In.Fields.size(); ++I)
    if (Current.Offsets[I] * 8 != Layout.getFieldOffset(I))
      return;

  analyses::BestLayout Best = analyses::bestLayout(In);
  // Members whose destruction runs user code keep their relative order
  // (analyses/DestructionOrder.h): the best order among those that do. When
  // only moving them saves enough, there is nothing safe to suggest.
  llvm::SmallVector<bool, 16> Pinned;
  for (const FieldDecl *FD : RD.fields())
    Pinned.push_back(analyses::runsUserDestructor(FD->getType()));
  if (llvm::count(Pinned, true) > 1)
    Best = analyses::bestKeepingOrder(In, Best, Pinned);
  if (Best.Size >= Size || Size - Best.Size < MinSavingBytes)
    return;

  bool Dependent = false;
  if (Pattern != &RD)
    for (const FieldDecl *FD : Pattern->fields())
      Dependent |= FD->getType()->isDependentType();

  PrintingPolicy Policy = Ctx.getPrintingPolicy();
  Policy.SuppressTagKeyword = true;
  std::string Name =
      Pattern->getIdentifier()
          ? analyses::recordType(Ctx, &RD).getAsString(Policy)
          : Pattern->getTypedefNameForAnonDecl()->getNameAsString();
  Candidates.push_back({&RD, Pattern, Loc, Name, Size,
                        analyses::paddingBytes(In, Size), Best.Size, Best.Order,
                        Dependent});
}

std::string StructPaddingCheck::whyNoFix(const Candidate &C,
                                         std::vector<FixItHint> &Fixes,
                                         bool &NotVisible) const {
  if (C.Pattern != C.Record && C.FieldTypesDependent)
    return "the best order depends on the template arguments";
  for (const RecordDecl *RD : {C.Record, C.Pattern}) {
    auto It = OrderDependentUse.find(canonical(RD));
    if (It != OrderDependentUse.end())
      return It->second;
    std::string Taken = LayoutUse.reason(*RD);
    if (!Taken.empty())
      return Taken;
  }

  std::vector<const FieldDecl *> Fields(C.Pattern->field_begin(),
                                        C.Pattern->field_end());
  for (const FieldDecl *FD : Fields)
    if (FD->isAnonymousStructOrUnion())
      return "an anonymous struct or union is among the fields";
  for (unsigned I = 1; I < Fields.size(); ++I)
    if (Fields[I]->getBeginLoc() == Fields[I - 1]->getBeginLoc())
      return "'" + fieldLabel(*Fields[I - 1]) + "' and '" +
             fieldLabel(*Fields[I]) + "' share one declaration";

  // Only fields (of one access section) between the first and the last.
  const FieldDecl *Last = Fields.back();
  bool Inside = false;
  for (const Decl *D : C.Pattern->decls()) {
    if (D == Fields.front())
      Inside = true;
    if (!Inside || D->isImplicit())
      continue;
    if (isa<AccessSpecDecl>(D))
      return "the fields are in more than one access section";
    if (!isa<FieldDecl>(D))
      return "other member declarations sit between the fields";
    if (D == Last)
      break;
  }

  for (const FieldDecl *FD : Fields)
    if (readsMembers(FD->getInClassInitializer()))
      return "the initializer of '" + fieldLabel(*FD) +
             "' reads other members, and members are initialised in "
             "declaration order";
  std::vector<const CXXConstructorDecl *> Ctors;
  if (const auto *CXXRD = dyn_cast<CXXRecordDecl>(C.Pattern))
    for (const CXXConstructorDecl *Ctor : CXXRD->ctors()) {
      const FunctionDecl *Def = nullptr;
      if (Ctor->isImplicit() || Ctor->isDeleted() || Ctor->isDefaulted())
        continue;
      // A constructor defined in another translation unit may read one
      // member to initialise another, and would list its initialisers in
      // the old order: its record cannot be rewritten from here.
      if (!Ctor->hasBody(Def)) {
        NotVisible = true;
        return ("a constructor is defined in another file, so its member "
                "initialisers " +
                support::NotVisibleHere)
            .str();
      }
      for (const CXXCtorInitializer *Init :
           cast<CXXConstructorDecl>(Def)->inits())
        if (Init->isWritten() && Init->isAnyMemberInitializer() &&
            readsMembers(Init->getInit()))
          return "a constructor initialises a member from another member, "
                 "and members are initialised in declaration order";
      Ctors.push_back(cast<CXXConstructorDecl>(Def));
    }

  // The text: one slot per field, from the end of the previous one (for the
  // first: its line, with the comment lines above it) to the end of the line
  // holding its semicolon.
  const SourceManager &SM = Ctx->getSourceManager();
  const LangOptions &LO = Ctx->getLangOpts();
  FileID File;
  StringRef Buf;
  std::vector<size_t> Ends;
  size_t Begin0 = 0;
  for (unsigned I = 0; I < Fields.size(); ++I) {
    const FieldDecl *FD = Fields[I];
    SourceLocation B = FD->getBeginLoc(), E = FD->getEndLoc();
    if (B.isMacroID() || E.isMacroID())
      return "a field is declared through a macro";
    for (const Attr *A : FD->attrs())
      if (!A->isImplicit() && A->getLocation().isValid()) {
        if (A->getLocation().isMacroID())
          return "a field is declared through a macro";
        if (SM.isBeforeInTranslationUnit(A->getRange().getBegin(), B))
          B = A->getRange().getBegin();
      }
    std::pair<FileID, unsigned> BL = SM.getDecomposedLoc(B);
    if (I == 0) {
      File = BL.first;
      bool Invalid = false;
      Buf = SM.getBufferData(File, &Invalid);
      if (Invalid)
        return "the source text is not available";
    } else if (BL.first != File) {
      return "the fields are spread over several files";
    }
    SourceLocation Semi = Lexer::findLocationAfterToken(
        E, tok::semi, SM, LO, /*SkipTrailingWhitespaceAndNewLine=*/false);
    if (Semi.isInvalid())
      return "the end of '" + fieldLabel(*FD) + "' was not found";
    size_t After = SM.getFileOffset(Semi);
    if (!analyses::onlyCommentsToEndOfLine(Buf, After))
      return "'" + fieldLabel(*FD) + "' shares its line with other code";
    Ends.push_back(After < Buf.size() ? After + 1 : After);
    size_t Start = analyses::lineStart(Buf, BL.second);
    if (I == 0) {
      if (!Buf.substr(Start, BL.second - Start).trim().empty())
        return "'" + fieldLabel(*FD) + "' shares its line with other code";
      while (Start > 0) {
        size_t Prev = analyses::lineStart(Buf, Start - 1);
        if (!analyses::isCommentLine(Buf.substr(Prev, Start - Prev)))
          break;
        Start = Prev;
      }
      Begin0 = Start;
    } else {
      StringRef Between = Buf.substr(Ends[I - 1], BL.second - Ends[I - 1]);
      if (Between.find_first_of(";{}") != StringRef::npos)
        return "'" + fieldLabel(*FD) + "' shares its line with other code";
    }
  }
  StringRef Region = Buf.substr(Begin0, Ends.back() - Begin0);
  SmallVector<StringRef, 16> Lines;
  Region.split(Lines, '\n');
  for (StringRef L : Lines)
    if (L.ltrim().starts_with("#"))
      return "preprocessor directives sit between the fields";

  std::vector<StringRef> Slots;
  for (unsigned I = 0; I < Fields.size(); ++I) {
    size_t From = I == 0 ? Begin0 : Ends[I - 1];
    Slots.push_back(Buf.substr(From, Ends[I] - From));
  }
  std::string Text;
  for (unsigned I : C.Order) {
    Text += analyses::stripLeadingBlankLines(Slots[I]);
    if (Text.empty() || Text.back() != '\n')
      Text += '\n';
  }
  SourceLocation FileStart = SM.getLocForStartOfFile(File);
  Fixes.push_back(FixItHint::CreateReplacement(
      CharSourceRange::getCharRange(FileStart.getLocWithOffset(Begin0),
                                    FileStart.getLocWithOffset(Ends.back())),
      Text));
  // Initialisers written in the old order would draw -Wreorder-ctor once
  // the fields move; they run in declaration order anyway, so listing them
  // in the new order changes nothing but the warning. Rank[i]: the
  // position of field i in the new order.
  std::vector<unsigned> Rank(Fields.size());
  for (unsigned I = 0; I < C.Order.size(); ++I)
    Rank[C.Order[I]] = I;
  for (const CXXConstructorDecl *Ctor : Ctors)
    if (!analyses::reorderInitializers(*Ctor, Rank, *Ctx, Fixes))
      return "the member initialisers of a constructor are written through "
             "a macro";
  return "";
}

void StructPaddingCheck::onEndOfTranslationUnit() {
  support::EndOfTranslationUnitTrace Trace(getID());
  if (!Candidates.empty())
    Many.finish(*Ctx);
  for (const Candidate &C : Candidates) {
    if (CInterface.count(canonical(C.Record)) ||
        CInterface.count(canonical(C.Pattern)) || hasCStyleTypedef(*C.Pattern))
      continue;
    // By default only layouts paid many times, or savings large for each
    // object: a whole cache line of a small object, or a quarter of the
    // size. A singleton saving 8 of 1,016 bytes is not worth a reader's
    // time, nor is 12 -> 11 lines of one database object, nor 8 bytes of
    // each 1,656-byte vector element (the corpus triage: docs/corpus.md).
    std::string Use = Many.why(*C.Record);
    if (Use.empty() && C.Pattern != C.Record)
      Use = Many.why(*C.Pattern);
    std::uint64_t Saved = C.Size - C.BestSize;
    bool ManySaved = !Use.empty() && Saved * 100 >= MinSavingPercent * C.Size;
    std::uint64_t Lines = analyses::cacheLines(C.Size, CacheLineBytes);
    bool LineSaved = Lines <= SmallObjectLines &&
                     analyses::cacheLines(C.BestSize, CacheLineBytes) < Lines;
    bool QuarterSaved = Saved * 4 >= C.Size;
    std::vector<FixItHint> Fixes;
    bool NotVisible = false;
    std::string Why = whyNoFix(C, Fixes, NotVisible);
    // A header's record may matter in another translation unit, whose fix
    // would then be applied: a file with a reason of its own to decline it
    // (a braced aggregate initialisation, a sizeof) still reports, without
    // a fix, so that a merge of the files' findings keeps the veto (jsoncpp's
    // test main.cpp initialises PredicateContext from a braced list).
    bool Veto = false;
    for (const RecordDecl *RD : {C.Record, C.Pattern})
      Veto |= OrderDependentUse.count(canonical(RD)) ||
              !LayoutUse.reason(*RD).empty();
    bool Relevant =
        ManySaved || LineSaved || QuarterSaved || ReportSingleObjects;
    if (!Relevant && !(Veto && MergeVetoes))
      continue;
    // A record of run-once code, or of a test program (a test's value
    // type, a library template instantiated for one): its layout is paid
    // in tests only.
    const DeclContext *Fn = C.Pattern->getParentFunctionOrMethod();
    relevance::RunOnce Once = Fn ? relevance::runOnceFunction(cast<Decl>(Fn))
                                 : relevance::runOnceRecord(*C.Record);
    // Measured: the hottest function of this file that uses the record (a
    // walk of the covered functions, only for what is reported).
    auto Measure = [&]() -> std::optional<relevance::Hot> {
      auto Hots = Hot.ofRecords(*Ctx, {C.Record});
      if (auto It = Hots.find(C.Record); It != Hots.end())
        return It->second;
      return std::nullopt;
    };
    report(C.Loc, Once, Ctx->getSourceManager(), Measure, [&](Finding &F) {
      std::vector<const FieldDecl *> Fields(C.Record->field_begin(),
                                            C.Record->field_end());
      std::string Order;
      for (unsigned I : C.Order) {
        if (!Order.empty())
          Order += ", ";
        Order += fieldLabel(*Fields[I]);
      }
      if (!Use.empty())
        Use = "; " + Use;
      Use += F.hotText();
      {
        auto D =
            F.diag("'%0' is %1 bytes with %2 bytes of padding; ordering its "
                   "fields as '%3' makes it %4 bytes (%5 bytes less per "
                   "object; %6 -> %7 cache %plural{1:line|:lines}7 of %8 "
                   "bytes)%9")
            << C.Name << static_cast<unsigned>(C.Size)
            << static_cast<unsigned>(C.Padding) << Order
            << static_cast<unsigned>(C.BestSize)
            << static_cast<unsigned>(C.Size - C.BestSize)
            << static_cast<unsigned>(
                   analyses::cacheLines(C.Size, CacheLineBytes))
            << static_cast<unsigned>(
                   analyses::cacheLines(C.BestSize, CacheLineBytes))
            << static_cast<unsigned>(CacheLineBytes) << Use;
        if (Why.empty())
          D << Fixes;
      }
      if (!Why.empty())
        F.note(C.Loc, "no automatic reordering: %0; reorder the fields by "
                      "hand as '%1'")
            << Why << Order;
      if (NotVisible)
        F.fixNotVisible();
      if (!Relevant)
        F.vetoOnly();
    });
  }
  Candidates.clear();
}

} // namespace clang::tidy::hotpath
