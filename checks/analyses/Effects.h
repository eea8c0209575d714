//===--- Effects.h - hotpath ------------------------------------*- C++ -*-===//
//
// What a call does through the functions it reaches: blocks, acquires a
// mutex, starts a thread. Each function body is summarised once per
// translation unit (its own primitive of the kind, the calls it makes), and
// a question about a call searches the call graph from the callee breadth
// first, so the evidence is the shortest chain and does not depend on the
// order the questions come in; a recursion cycle is a visited node, a depth
// and a node bound keep a large graph cheap. What cannot be resolved
// contributes nothing: virtual calls that dispatch, function pointers,
// std::function, bodies in system headers (the standard library's
// primitives are classified at their call). A body in another translation
// unit is the search's frontier: a front-end that merges every TU's results
// gets the frontier of a call that saw nothing here (pendingOfCall) and the
// summaries of the functions this TU defines (records), and completes the
// chain there (support/EffectRecord.h, docs/through-calls.md).
// Compositional, in the manner of Infer's starvation analysis, which
// summarises each function's locks and blocking calls once and composes the
// summaries at call sites.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_ANALYSES_EFFECTS_H
#define HOTPATH_CHECKS_ANALYSES_EFFECTS_H

#include "support/EffectRecord.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Mangle.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/FunctionExtras.h"
#include "llvm/Support/GlobPattern.h"
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace clang::tidy::hotpath::analyses {

/// One hop of a chain: a call (a CallExpr or a CXXConstructExpr) and the
/// function it runs.
struct CallHop {
  const Expr *Call = nullptr;
  const FunctionDecl *Callee = nullptr;
};

/// The evidence for an effect: the hops from the call asked about to the
/// function that does it, and the primitive statement in that function.
struct EffectChain {
  std::vector<CallHop> Hops;
  const Stmt *Primitive = nullptr;
  /// The classifier's words for the primitive ("writes a file").
  std::string What;
  /// Every hop after the first is a call on the same object (`this`), so a
  /// member of `this` in the last function is a member of the first
  /// callee's object.
  bool SameObject = true;
};

/// The functions a call may run when it is resolved statically: its direct
/// callee (or constructor), unless the call dispatches virtually to a
/// method that is not final. Null for what cannot be known.
const FunctionDecl *staticCallee(const Expr &Call);

class EffectSummaries {
public:
  /// What \p S itself does of the kind asked about, "" for nothing.
  using Classifier = llvm::unique_function<std::string(const Stmt &S)>;
  /// The check's detail of a primitive that a finding in another TU needs
  /// ("global" for a global mutex); carried as PrimitiveRecord::Tag.
  using Tagger = llvm::unique_function<std::string(const Stmt &S)>;

  /// \p NotThrough: qualified names or globs ("::log::*") of functions
  /// whose effect is declared none (an option's false chains; see
  /// HotpathCheck::globList).
  EffectSummaries(Classifier Classify,
                  std::vector<llvm::GlobPattern> NotThrough,
                  unsigned MaxDepth = 4);

  /// The shortest chain by which \p Call (a CallExpr or CXXConstructExpr)
  /// has the effect, through at most MaxDepth functions of this
  /// translation unit; std::nullopt when none is seen.
  std::optional<EffectChain> ofCall(const Expr &Call);

  /// When ofCall(\p Call) sees no effect, the calls by which it leaves
  /// this translation unit, for a finding another TU may complete;
  /// std::nullopt when it leaves by none (or has the effect here).
  std::optional<support::PendingRecord> pendingOfCall(const Expr &Call);

  /// The summaries this TU gives the others: a record for each function
  /// whose body it has and that another TU may reach, from the functions
  /// its main file defines for them (out of line, visible) and the callees
  /// of its pending calls.
  std::vector<support::FunctionRecord> records(ASTContext &Ctx);

  void setTagger(Tagger T) { Tag = std::move(T); }

  /// Forgets the last translation unit.
  void clear();

private:
  struct Direct {
    const Stmt *Primitive = nullptr;
    std::string What;
    std::vector<CallHop> Calls; ///< In source order, one per callee.
  };
  struct Result {
    std::optional<EffectChain> Found;
    /// The search met a function another TU may define.
    bool Leaves = false;
  };
  /// How a search treats a function: walk its body, leave it to another
  /// TU, or let it contribute nothing.
  enum class Reach { Body, Elsewhere, Nothing };
  const Direct &direct(const FunctionDecl *FD);
  Reach reach(const FunctionDecl *FD);
  const Result &search(const FunctionDecl *Root);
  support::ChainStep step(const CallHop &H);
  /// The function's name in records: the same in every TU.
  std::string nodeName(const FunctionDecl &FD);
  std::string mangledName(const FunctionDecl &FD);

  Classifier Classify;
  Tagger Tag;
  std::vector<llvm::GlobPattern> NotThrough;
  unsigned MaxDepth;
  llvm::DenseMap<const FunctionDecl *, Direct> Directs;
  std::unordered_map<const FunctionDecl *, Result> Memo;
  llvm::DenseMap<const FunctionDecl *, Reach> Reaches;
  std::unique_ptr<MangleContext> Mangler;
  /// The callees of pending calls, whose records other TUs need.
  std::vector<const FunctionDecl *> PendingRoots;
  std::string UnitPrefix; ///< of internal functions' names
  llvm::DenseMap<const FunctionDecl *, std::string> Names;
};

/// "'flush' calls 'write' here" for each hop after the first, and "'write'
/// calls 'fwrite', which writes a file" for the primitive: the notes a
/// finding gives its chain, as (location, text) pairs.
std::vector<std::pair<SourceLocation, std::string>>
chainNotes(const EffectChain &C, const ASTContext &Ctx);

/// The chain as "flush -> Logger::write -> fwrite" (for messages).
std::string chainText(const EffectChain &C, const ASTContext &Ctx);

} // namespace clang::tidy::hotpath::analyses

#endif // HOTPATH_CHECKS_ANALYSES_EFFECTS_H
