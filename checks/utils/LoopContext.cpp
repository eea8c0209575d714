//===--- LoopContext.cpp - hotpath ----------------------------------------===//

#include "LoopContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::hotpath::utils {

static bool isBodyOf(const Stmt &Loop, const Stmt *Child) {
  if (const auto *F = dyn_cast<ForStmt>(&Loop))
    return F->getBody() == Child || F->getInc() == Child;
  if (const auto *R = dyn_cast<CXXForRangeStmt>(&Loop))
    return R->getBody() == Child;
  if (const auto *W = dyn_cast<WhileStmt>(&Loop))
    return W->getBody() == Child;
  if (const auto *D = dyn_cast<DoStmt>(&Loop))
    return D->getBody() == Child;
  return false;
}

llvm::SmallVector<const Stmt *, 4>
enclosingLoops(const Stmt &S,
               llvm::function_ref<const Stmt *(const Stmt *)> ParentOf) {
  llvm::SmallVector<const Stmt *, 4> Loops;
  const Stmt *Prev = &S;
  for (const Stmt *P = ParentOf(&S); P; P = ParentOf(P)) {
    if (isa<LambdaExpr, BlockExpr>(P))
      break;
    if (isBodyOf(*P, Prev))
      Loops.push_back(P);
    Prev = P;
  }
  return Loops;
}

llvm::SmallVector<const Stmt *, 4> enclosingLoops(const Stmt &S,
                                                  ASTContext &Ctx) {
  // The TU-wide parent map, built on first use. Only called for the few
  // statements a check has already matched, so each upward walk is short.
  return enclosingLoops(S, [&Ctx](const Stmt *Child) -> const Stmt * {
    DynTypedNode Node = DynTypedNode::create(*Child);
    for (;;) {
      DynTypedNodeList Parents = Ctx.getParents(Node);
      if (Parents.empty())
        return nullptr;
      const DynTypedNode &P = Parents[0];
      if (P.get<FunctionDecl>() || P.get<BlockDecl>())
        return nullptr; // above the body
      if (const auto *PS = P.get<Stmt>())
        return PS;
      Node = P; // a declaration between statements (a VarDecl in a DeclStmt)
    }
  });
}

namespace {

// Facts gathered from a loop condition or bound.
struct BoundFacts {
  bool CpuCall = false;
  std::string DataCall; // name of the first data-driven call seen
};

bool matchesName(const FunctionDecl &FD, llvm::ArrayRef<std::string> Names) {
  if (!FD.getDeclName().isIdentifier())
    return false;
  StringRef Plain = FD.getName();
  std::string Qualified;
  for (const std::string &N : Names) {
    StringRef Name(N);
    // Cheap reject on the unqualified name before building the qualified one.
    if (!Name.ends_with(Plain) || (Name.size() > Plain.size() &&
                                   Name[Name.size() - Plain.size() - 1] != ':'))
      continue;
    if (!Name.starts_with("::"))
      return true;
    if (Qualified.empty())
      Qualified = "::" + FD.getQualifiedNameAsString();
    if (Qualified == Name)
      return true;
  }
  return false;
}

// Member functions whose use in a loop condition or bound means the loop walks
// a container, drains a queue or reads a stream.
bool isDataMember(StringRef Name) {
  static constexpr llvm::StringLiteral Names[] = {
      "size",      "length",   "empty",       "count",        "end",
      "cend",      "rend",     "crend",       "pop",          "try_pop",
      "pop_front", "pop_back", "try_dequeue", "wait_dequeue", "wait_pop",
      "front",     "top",      "next",        "read",         "getline",
      "receive",   "recv",     "accept"};
  return llvm::is_contained(Names, Name);
}

// Free functions with the same meaning (std::size(c), getline(in, s), ...).
bool isDataFunction(StringRef Name) {
  static constexpr llvm::StringLiteral Names[] = {
      "size",    "ssize",   "distance", "end",    "cend",
      "getline", "fgets",   "fread",    "read",   "recv",
      "accept",  "readdir", "scanf",    "fscanf", "getchar"};
  return llvm::is_contained(Names, Name);
}

void scan(const Stmt *S, const VarDecl *LoopVar, const LoopVocabulary &Vocab,
          BoundFacts &Facts, unsigned Depth) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    if (const FunctionDecl *FD = Call->getDirectCallee()) {
      if (matchesName(*FD, Vocab.CpuCountFunctions))
        Facts.CpuCall = true;
      else if (FD->getDeclName().isIdentifier() && Facts.DataCall.empty()) {
        bool IsMember = isa<CXXMemberCallExpr>(Call);
        if (IsMember ? isDataMember(FD->getName())
                     : isDataFunction(FD->getName()))
          Facts.DataCall = FD->getName().str() + "()";
      }
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call))
        if (Op->getOperator() == OO_GreaterGreater && Facts.DataCall.empty())
          Facts.DataCall = "operator>>";
    }
  } else if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
    // Follow a local whose initializer says where the bound comes from:
    // `const auto n = jobs.size();`, `unsigned n = hardware_concurrency();`.
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    if (VD && VD != LoopVar && !isa<ParmVarDecl>(VD) && VD->hasInit() &&
        VD->isLocalVarDecl() && Depth < 3)
      scan(VD->getInit(), LoopVar, Vocab, Facts, Depth + 1);
  }
  for (const Stmt *Child : S->children())
    scan(Child, LoopVar, Vocab, Facts, Depth);
}

const VarDecl *loopVariable(const ForStmt &F) {
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(F.getInit()))
    if (DS->isSingleDecl())
      return dyn_cast<VarDecl>(DS->getSingleDecl());
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(F.getInit()))
    if (BO->isAssignmentOp())
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
        return dyn_cast<VarDecl>(Ref->getDecl());
  return nullptr;
}

bool refersTo(const Stmt *S, const VarDecl *VD) {
  if (!S || !VD)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    return Ref->getDecl() == VD;
  for (const Stmt *Child : S->children())
    if (refersTo(Child, VD))
      return true;
  return false;
}

bool isConstantInt(const Expr *E, ASTContext &Ctx) {
  if (!E || E->isValueDependent() || E->isTypeDependent())
    return false;
  Expr::EvalResult R;
  return E->EvaluateAsInt(R, Ctx);
}

bool isConstantTrue(const Expr *E, ASTContext &Ctx) {
  if (!E || E->isValueDependent())
    return false;
  bool Value = false;
  return E->EvaluateAsBooleanCondition(Value, Ctx) && Value;
}

// `i < N`, `N > i`, `i != N`: the side that does not mention the loop variable.
const Expr *boundOf(const Expr *Cond, const VarDecl *LoopVar) {
  Cond = Cond->IgnoreParenImpCasts();
  const Expr *L = nullptr, *R = nullptr;
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    if (!BO->isComparisonOp())
      return nullptr;
    L = BO->getLHS();
    R = BO->getRHS();
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Cond)) {
    if (Op->getNumArgs() != 2 || !Op->isComparisonOp())
      return nullptr;
    L = Op->getArg(0);
    R = Op->getArg(1);
  } else {
    return nullptr;
  }
  if (refersTo(L, LoopVar) && !refersTo(R, LoopVar))
    return R;
  if (refersTo(R, LoopVar) && !refersTo(L, LoopVar))
    return L;
  return nullptr;
}

bool isFixedSizeRange(const Expr *Range) {
  QualType T = Range->getType().getNonReferenceType();
  if (T->isConstantArrayType())
    return true;
  if (isa<InitListExpr>(Range->IgnoreImplicit()))
    return true;
  if (const auto *RD = T->getAsCXXRecordDecl()) {
    if (!RD->getDeclName().isIdentifier())
      return false;
    StringRef Name = RD->getName();
    if ((Name == "array" || Name == "initializer_list") &&
        RD->isInStdNamespace())
      return true;
  }
  return false;
}

TripCount fromFacts(const BoundFacts &Facts) {
  if (Facts.CpuCall)
    return {TripKind::CpuSized, "bounded by the CPU count"};
  if (!Facts.DataCall.empty())
    return {TripKind::Data, "its bound comes from '" + Facts.DataCall + "'"};
  return {TripKind::Unknown, ""};
}

} // namespace

TripCount classifyTripCount(const Stmt &Loop, ASTContext &Ctx,
                            const LoopVocabulary &Vocab) {
  BoundFacts Facts;
  if (const auto *F = dyn_cast<ForStmt>(&Loop)) {
    const Expr *Cond = F->getCond();
    if (!Cond || isConstantTrue(Cond, Ctx))
      return {TripKind::Unbounded, "it has no exit condition"};
    const VarDecl *Var = loopVariable(*F);
    scan(Cond, Var, Vocab, Facts, 0);
    TripCount TC = fromFacts(Facts);
    if (TC.Kind != TripKind::Unknown)
      return TC;
    if (isConstantInt(boundOf(Cond, Var), Ctx))
      return {TripKind::Constant, "constant bound"};
    return TC;
  }
  if (const auto *R = dyn_cast<CXXForRangeStmt>(&Loop)) {
    const Expr *Range = R->getRangeInit();
    if (!Range)
      return {};
    if (isFixedSizeRange(Range))
      return {TripKind::Constant, "fixed-size range"};
    scan(Range, nullptr, Vocab, Facts, 0);
    if (Facts.CpuCall)
      return {TripKind::CpuSized, "bounded by the CPU count"};
    return {TripKind::Data, "range-for over a container"};
  }
  const Expr *Cond = nullptr;
  if (const auto *W = dyn_cast<WhileStmt>(&Loop))
    Cond = W->getCond();
  else if (const auto *D = dyn_cast<DoStmt>(&Loop))
    Cond = D->getCond();
  else
    return {};
  if (isConstantTrue(Cond, Ctx))
    return {TripKind::Unbounded, "it runs until an exit inside the body"};
  scan(Cond, nullptr, Vocab, Facts, 0);
  TripCount TC = fromFacts(Facts);
  if (TC.Kind == TripKind::Data)
    TC.Why = "its condition calls '" + Facts.DataCall + "'";
  return TC;
}

} // namespace clang::tidy::hotpath::utils
