//===--- FalseSharingCheck.h - hotpath ------------------------------------===//
//
// Finds false sharing: two or more independently written synchronisation
// members (std::atomic, std::atomic_flag, the std mutexes, condition
// variables, configurable extra types) of one record that can sit in one
// cache line by the record's real offsets, an array member of atomics that
// threads write one element each, and arrays or vectors of small records
// holding an atomic that each thread indexes with its own index.
// Documentation: docs/checks/hotpath-false-sharing.md
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_FALSESHARINGCHECK_H
#define HOTPATH_CHECKS_FALSESHARINGCHECK_H

#include "HotpathCheck.h"
#include "analyses/LayoutDependence.h"
#include "analyses/SyncMembers.h"
#include "analyses/ThreadEntries.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallVector.h"
#include <string>
#include <vector>

namespace clang::tidy::hotpath {

class FalseSharingCheck : public HotpathCheck {
public:
  FalseSharingCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

  struct FunctionIndex;

private:
  struct Writes {
    unsigned Sites = 0;
    bool InLoop = false;
    /// The functions that write `member[tid]` with a per-thread index.
    llvm::SmallVector<const Decl *, 2> PerThreadWriters;
    /// The functions that write it (canonical declarations). Two members
    /// one function writes are one thread's unit (a list node's prev and
    /// next, a lock's queue links), not independent writes.
    llvm::SmallVector<const Decl *, 2> Writers;
    /// The mutexes held at every write (a guard or lock() in an enclosing
    /// block). Members written only under one mutex are serialised by it.
    llvm::SmallVector<const ValueDecl *, 2> Locks;
    /// The functions that read it (an atomic's load): with the writers,
    /// the two parties of a protocol (support of twoParties()).
    llvm::SmallVector<const Decl *, 2> Readers;
  };
  struct ElementWrite {
    const RecordDecl *Element;
    const FieldDecl *Member;
    SourceLocation Loc;
    std::string Container;
    const Decl *Writer;
  };

  analyses::SyncKind kindOf(QualType T) const;
  void scanFunction(const FunctionDecl &FD);
  void noteUse(const MemberExpr &ME, const FunctionIndex &Fn);
  void reportRecord(const RecordDecl &RD);
  std::string alignment() const;
  /// Why an alignas fix would not reach heap objects in this TU (no aligned
  /// operator new before C++17), or empty.
  std::string alignedNewProblem() const;

  const unsigned CacheLineBytes;
  const bool UseHardwareInterferenceSize;
  std::vector<std::string> ExtraSyncTypes;
  std::vector<std::string> TaskSubmitFunctions;
  /// Test and example programs' records (their threads are not the
  /// product's): held back like run-once code.

  ASTContext *Ctx = nullptr;
  llvm::SetVector<const RecordDecl *> Records;
  llvm::DenseMap<const FieldDecl *, Writes> FieldWrites;
  std::vector<ElementWrite> ElementWrites;
  analyses::LayoutDependence LayoutUse;
  /// Evidence of threads: writes count only from code that runs on one.
  analyses::ThreadEntries Threads;
};

} // namespace clang::tidy::hotpath

#endif // HOTPATH_CHECKS_FALSESHARINGCHECK_H
