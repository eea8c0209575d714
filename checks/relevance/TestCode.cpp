//===--- TestCode.cpp - hotpath -------------------------------------------===//

#include "relevance/TestCode.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/PPCallbacks.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <map>
#include <memory>
#include <mutex>
#include <optional>

namespace clang::tidy::hotpath::relevance {

bool isTestMacroName(llvm::StringRef Name) {
  llvm::SmallVector<llvm::StringRef, 6> Words;
  Name.split(Words, '_', -1, /*KeepEmpty=*/false);
  if (Words.empty())
    return false;
  for (llvm::StringRef W : Words)
    if (W == "ASSERT" || W == "EXPECT" || W == "CHECK" || W == "REQUIRE")
      return false;
  for (llvm::StringRef W : Words)
    if (W == "TEST" || W == "TESTS" || W == "TESTCASE" || W == "SCENARIO")
      return true;
  // A framework's prefix glued to TEST: JSONTEST_FIXTURE, MYTEST_CASE (and
  // not LATEST_API).
  if (Words.size() > 1 && Words[0].size() > 4 && Words[0].ends_with("TEST"))
    for (llvm::StringRef W : llvm::drop_begin(Words))
      if (W == "CASE" || W == "FIXTURE" || W == "SUITE" || W == "F" || W == "P")
        return true;
  return false;
}

namespace {

// The name of the macro whose expansion produced \p Loc, as written in the
// file (the outermost one: TEST_CASE, not the INTERNAL_CATCH_TESTCASE it
// calls).
llvm::StringRef outermostMacro(SourceLocation Loc, const SourceManager &SM,
                               const LangOptions &LO,
                               llvm::SmallVectorImpl<char> &Buf) {
  if (!Loc.isMacroID())
    return {};
  SourceLocation Name = SM.getExpansionLoc(Loc);
  bool Invalid = false;
  llvm::StringRef S = Lexer::getSpelling(Name, Buf, SM, LO, &Invalid);
  return Invalid ? llvm::StringRef() : S;
}

const FileEntry *fileOf(SourceLocation Loc, const SourceManager &SM) {
  if (Loc.isInvalid())
    return nullptr;
  return SM.getFileEntryForID(SM.getFileID(SM.getExpansionLoc(Loc)));
}

// One translation unit's include graph and, once asked, its test files.
struct TestFiles {
  Preprocessor *PP = nullptr;
  llvm::DenseMap<const FileEntry *, llvm::SmallVector<const FileEntry *, 2>>
      IncludedBy;
  // Where test-case macros are defined, whether this TU uses them or not (a
  // framework's own .cpp defines no test): their files are frameworks, and
  // the include chain above one is test code even where the callbacks
  // missed the #includes.
  llvm::SmallVector<SourceLocation, 2> FrameworkDefs;
  bool Computed = false;
  bool UseTestFiles = true; // false: Test stays empty
  llvm::DenseSet<const FileEntry *> Test;
  // Example programs: directory names, and the working directory's real
  // path split into components (resolved on first use).
  std::vector<std::string> ExampleDirs;
  std::optional<llvm::SmallVector<std::string, 8>> WorkDir;
  llvm::DenseMap<const FileEntry *, bool> Example;
};

// The real path of \p Path (absolute, symlinks resolved), split into its
// components; the root is left out.
llvm::SmallVector<std::string, 8> components(llvm::StringRef Path,
                                             const SourceManager &SM) {
  llvm::SmallString<256> Abs(Path), Real;
  FileManager &FM = SM.getFileManager();
  FM.makeAbsolutePath(Abs);
  if (FM.getVirtualFileSystem().getRealPath(Abs, Real))
    Real = Abs;
  llvm::sys::path::remove_dots(Real, /*remove_dot_dot=*/true);
  llvm::SmallVector<std::string, 8> Out;
  for (auto It = llvm::sys::path::begin(Real), End = llvm::sys::path::end(Real);
       It != End; ++It)
    if (!llvm::sys::path::is_separator((*It)[0]) && !It->ends_with(":"))
      Out.push_back(It->str());
  return Out;
}

// A file under one of the example directories, below the part of its path
// it shares with the working directory: with the build in the source tree
// (examples/build for examples/logproc) the shared part holds the name,
// and the project's own example directory is the next one down.
bool inExampleDir(TestFiles &Index, FileID FID, const SourceManager &SM) {
  OptionalFileEntryRef F = SM.getFileEntryRefForID(FID);
  if (!F || Index.ExampleDirs.empty())
    return false;
  auto [It, New] = Index.Example.try_emplace(&F->getFileEntry(), false);
  if (!New)
    return It->second;
  if (!Index.WorkDir) {
    const FileManager &FM = SM.getFileManager();
    std::string WD = FM.getFileSystemOpts().WorkingDir;
    if (WD.empty())
      if (auto CWD = FM.getVirtualFileSystem().getCurrentWorkingDirectory())
        WD = *CWD;
    Index.WorkDir = components(WD, SM);
  }
  llvm::SmallVector<std::string, 8> Parts = components(F->getName(), SM);
  size_t Shared = 0;
  while (Shared < Parts.size() && Shared < Index.WorkDir->size() &&
         Parts[Shared] == (*Index.WorkDir)[Shared])
    ++Shared;
  // Nothing shared but the root: where the project starts is unknown.
  if (Shared == 0)
    return false;
  for (size_t I = Shared; I + 1 < Parts.size(); ++I)
    for (const std::string &Name : Index.ExampleDirs)
      if (llvm::StringRef(Parts[I]).equals_insensitive(Name))
        return It->second = true;
  return false;
}

// A test-case macro's expansion ends in the declarator of the function whose
// body the user writes (`... void Name_Test::TestBody()`), or forwards to
// another such macro (`#define TEST_CASE(name) DOCTEST_TEST_CASE(name)`). An
// expression macro (BIT_TEST(x, n)) does neither.
bool definesTestBody(const MacroInfo &MI) {
  if (!MI.isFunctionLike())
    return false;
  llvm::ArrayRef<Token> Body = MI.tokens();
  size_t N = Body.size();
  if (N >= 2 && Body[N - 2].is(tok::l_paren) && Body.back().is(tok::r_paren))
    return true;
  // C's empty parameter list: re2's `void x##y(void)`.
  const IdentifierInfo *II = N >= 3 ? Body[N - 2].getIdentifierInfo() : nullptr;
  if (II && II->getName() == "void" && Body[N - 3].is(tok::l_paren) &&
      Body.back().is(tok::r_paren))
    return true;
  return Body.size() >= 2 && Body[0].is(tok::identifier) &&
         Body[1].is(tok::l_paren) &&
         isTestMacroName(Body[0].getIdentifierInfo()->getName());
}

std::mutex RegistryMu;
std::map<const SourceManager *, std::shared_ptr<TestFiles>> &registry() {
  static std::map<const SourceManager *, std::shared_ptr<TestFiles>> R;
  return R;
}

// Every #include, whether the file is entered or skipped (include guards):
// a test helper often includes the framework after the test file did.
class IncludeRecorder : public PPCallbacks {
public:
  IncludeRecorder(const SourceManager &SM, std::shared_ptr<TestFiles> Index)
      : SM(SM), Index(std::move(Index)) {}
  ~IncludeRecorder() override {
    std::lock_guard<std::mutex> Lock(RegistryMu);
    auto It = registry().find(&SM);
    if (It != registry().end() && It->second == Index)
      registry().erase(It);
  }
  void InclusionDirective(SourceLocation HashLoc, const Token &,
                          llvm::StringRef, bool, CharSourceRange,
                          OptionalFileEntryRef File, llvm::StringRef,
                          llvm::StringRef, const Module *, bool,
                          SrcMgr::CharacteristicKind) override {
    const FileEntry *From = fileOf(HashLoc, SM);
    if (From && File)
      Index->IncludedBy[&File->getFileEntry()].push_back(From);
  }

  void MacroDefined(const Token &Name, const MacroDirective *MD) override {
    const MacroInfo *MI = MD->getMacroInfo();
    if (MI && isTestMacroName(Name.getIdentifierInfo()->getName()) &&
        definesTestBody(*MI))
      Index->FrameworkDefs.push_back(MI->getDefinitionLoc());
  }

private:
  const SourceManager &SM;
  std::shared_ptr<TestFiles> Index;
};

std::shared_ptr<TestFiles> indexFor(const SourceManager &SM) {
  std::lock_guard<std::mutex> Lock(RegistryMu);
  auto It = registry().find(&SM);
  return It == registry().end() ? nullptr : It->second;
}

// Function definitions at namespace scope (where the test macros put
// them), through namespaces and extern "C++" blocks. Only what is already
// in memory: in clangd, decls() would deserialise every declaration of the
// preamble (42-56 ms per AST build of a logproc file; the preamble's
// frameworks are found through their macros instead). Without an external
// AST source the two are the same.
template <class F> void eachNamespaceFunction(const DeclContext &DC, F &&Fn) {
  for (const Decl *D : DC.noload_decls()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(D))
      eachNamespaceFunction(*NS, Fn);
    else if (const auto *LS = dyn_cast<LinkageSpecDecl>(D))
      eachNamespaceFunction(*LS, Fn);
    else if (const auto *FD = dyn_cast<FunctionDecl>(D))
      Fn(*FD);
  }
}

void compute(TestFiles &Index, ASTContext &Ctx) {
  Index.Computed = true;
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::SmallVector<const FileEntry *, 8> Work;
  auto Mark = [&](const FileEntry *F) {
    if (F && Index.Test.insert(F).second)
      Work.push_back(F);
  };
  // In clangd the preamble's headers were preprocessed before any check
  // existed: only the main file's own #includes are replayed to the
  // callbacks, and no macro definition. The preprocessor still knows the
  // preamble's macros, and the source manager each file's first inclusion:
  // the chain from a framework's macro up to the main file is test code.
  llvm::SmallVector<SourceLocation, 4> Defs(Index.FrameworkDefs.begin(),
                                            Index.FrameworkDefs.end());
  if (Index.PP && Index.PP->getExternalSource())
    for (const auto &M : Index.PP->macros()) {
      const IdentifierInfo *II = M.first;
      if (!isTestMacroName(II->getName()))
        continue;
      if (const MacroInfo *MI = Index.PP->getMacroInfo(II))
        if (definesTestBody(*MI))
          Defs.push_back(MI->getDefinitionLoc());
    }
  for (SourceLocation L : Defs) {
    if (L.isInvalid())
      continue;
    FileID FID = SM.getFileID(SM.getExpansionLoc(L));
    // Bounded: a chain is as deep as the #include nesting.
    for (unsigned Depth = 0; FID.isValid() && Depth < 256; ++Depth) {
      Mark(SM.getFileEntryForID(FID));
      SourceLocation Inc = SM.getIncludeLoc(FID);
      if (Inc.isInvalid())
        break;
      FID = SM.getFileID(Inc);
    }
  }
  // The test bodies: their files, and the files that define their macros.
  llvm::SmallVector<char, 32> Buf;
  eachNamespaceFunction(
      *Ctx.getTranslationUnitDecl(), [&](const FunctionDecl &FD) {
        if (!FD.doesThisDeclarationHaveABody() || !FD.getLocation().isMacroID())
          return;
        llvm::StringRef Name =
            outermostMacro(FD.getLocation(), SM, Ctx.getLangOpts(), Buf);
        if (!isTestMacroName(Name))
          return;
        Mark(fileOf(FD.getLocation(), SM));
        if (!Index.PP)
          return;
        SourceLocation At = SM.getExpansionLoc(FD.getLocation());
        MacroDefinition Def = Index.PP->getMacroDefinitionAtLoc(
            Index.PP->getIdentifierInfo(Name), At);
        if (const MacroInfo *MI = Def.getMacroInfo())
          Mark(fileOf(MI->getDefinitionLoc(), SM));
      });
  // ... and every file that includes one of them.
  while (!Work.empty()) {
    const FileEntry *F = Work.pop_back_val();
    auto It = Index.IncludedBy.find(F);
    if (It == Index.IncludedBy.end())
      continue;
    for (const FileEntry *By : It->second)
      Mark(By);
  }
  // Test helpers that do not include the framework: a header included only
  // by test files, in a directory that holds one. The directory keeps out
  // the library's headers that only the test includes in this TU (a
  // header-only library's); the includers keep out a production header
  // beside tests (leveldb's db/ holds db_impl.h and db_test.cc: db_impl.cc
  // includes it too, there it is reported).
  llvm::DenseSet<const DirectoryEntry *> TestDirs;
  for (const FileEntry *F : Index.Test)
    TestDirs.insert(F->getDir());
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &[F, By] : Index.IncludedBy)
      if (!Index.Test.count(F) && TestDirs.count(F->getDir()) &&
          llvm::all_of(
              By, [&](const FileEntry *E) { return Index.Test.count(E); })) {
        Index.Test.insert(F);
        Changed = true;
      }
  }
}

SideProgram programAt(SourceLocation Loc, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (Loc.isInvalid())
    return SideProgram::None;
  FileID FID = SM.getFileID(SM.getExpansionLoc(Loc));
  const FileEntry *F = SM.getFileEntryForID(FID);
  if (!F)
    return SideProgram::None;
  // Not watched (no preprocessor hook: a unit test of the utilities): no
  // file rule.
  std::shared_ptr<TestFiles> Index = indexFor(SM);
  if (!Index)
    return SideProgram::None;
  if (!Index->Computed && Index->UseTestFiles)
    compute(*Index, Ctx);
  if (Index->Test.contains(F))
    return SideProgram::Test;
  return inExampleDir(*Index, FID, SM) ? SideProgram::Example
                                       : SideProgram::None;
}

// The records and enumerations a template argument names, through
// pointers, references, arrays and the arguments of template
// specialisations.
SideProgram namesTestType(QualType T, ASTContext &Ctx, unsigned Depth) {
  if (T.isNull() || Depth > 4)
    return SideProgram::None;
  T = T.getNonReferenceType();
  while (true) {
    if (const auto *P = T->getAs<PointerType>())
      T = P->getPointeeType();
    else if (const auto *A = Ctx.getAsArrayType(T))
      T = A->getElementType();
    else
      break;
  }
  // A record or an enumeration (onetbb's logic_sim example instantiates
  // overwrite_node<signal_t> for its enum).
  const TagDecl *TD = T->getAsTagDecl();
  if (!TD)
    return SideProgram::None;
  if (SideProgram P = programAt(TD->getLocation(), Ctx); P != SideProgram::None)
    return P;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(TD))
    for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
      if (A.getKind() == TemplateArgument::Type)
        if (SideProgram P = namesTestType(A.getAsType(), Ctx, Depth + 1);
            P != SideProgram::None)
          return P;
  return SideProgram::None;
}

SideProgram anyTestType(llvm::ArrayRef<TemplateArgument> Args,
                        ASTContext &Ctx) {
  for (const TemplateArgument &A : Args) {
    SideProgram P = SideProgram::None;
    if (A.getKind() == TemplateArgument::Type)
      P = namesTestType(A.getAsType(), Ctx, 0);
    else if (A.getKind() == TemplateArgument::Pack)
      P = anyTestType(A.getPackAsArray(), Ctx);
    if (P != SideProgram::None)
      return P;
  }
  return SideProgram::None;
}

} // namespace

void watchTestCode(const SourceManager &SM, Preprocessor *PP,
                   llvm::ArrayRef<std::string> ExampleDirs,
                   bool WithTestFiles) {
  if (!PP)
    return;
  std::shared_ptr<TestFiles> Index;
  {
    std::lock_guard<std::mutex> Lock(RegistryMu);
    auto &Slot = registry()[&SM];
    if (Slot && Slot->PP == PP)
      return; // another check installed it for this TU
    Slot = Index = std::make_shared<TestFiles>();
    Index->PP = PP;
    Index->ExampleDirs.assign(ExampleDirs.begin(), ExampleDirs.end());
    Index->UseTestFiles = WithTestFiles;
  }
  PP->addPPCallbacks(std::make_unique<IncludeRecorder>(SM, Index));
}

bool definedByTestMacro(const FunctionDecl &FD) {
  const FunctionDecl *Def = FD.getDefinition();
  if (!Def || !Def->getLocation().isMacroID())
    return false;
  const ASTContext &Ctx = Def->getASTContext();
  llvm::SmallVector<char, 32> Buf;
  return isTestMacroName(outermostMacro(
      Def->getLocation(), Ctx.getSourceManager(), Ctx.getLangOpts(), Buf));
}

SideProgram programFile(const Decl &D) {
  const Decl *Def = &D;
  if (const auto *FD = dyn_cast<FunctionDecl>(&D))
    if (const FunctionDecl *Body = FD->getDefinition())
      Def = Body;
  // An instantiation lives where its pattern was written.
  if (const auto *FD = dyn_cast<FunctionDecl>(Def))
    if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern())
      Def = Pattern;
  return programAt(Def->getLocation(), Def->getASTContext());
}

SideProgram instantiatedFor(const Decl &D) {
  ASTContext &Ctx = D.getASTContext();
  for (const Decl *Cur = &D; Cur;
       Cur = dyn_cast_or_null<Decl>(Cur->getDeclContext())) {
    SideProgram P = SideProgram::None;
    if (const auto *FD = dyn_cast<FunctionDecl>(Cur))
      if (const TemplateArgumentList *Args =
              FD->getTemplateSpecializationArgs())
        P = anyTestType(Args->asArray(), Ctx);
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Cur))
      P = anyTestType(Spec->getTemplateArgs().asArray(), Ctx);
    if (P != SideProgram::None || isa<TranslationUnitDecl>(Cur))
      return P;
  }
  return SideProgram::None;
}

SideProgram firstNeededBy(const RecordDecl &RD) {
  ASTContext &Ctx = RD.getASTContext();
  for (const Decl *Cur = &RD; Cur && !isa<TranslationUnitDecl>(Cur);
       Cur = dyn_cast_or_null<Decl>(Cur->getDeclContext())) {
    const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Cur);
    // An explicit specialisation is written by hand for its arguments.
    if (!Spec || !isTemplateInstantiation(Spec->getSpecializationKind()))
      continue;
    SourceLocation POI = Spec->getPointOfInstantiation();
    if (POI.isValid())
      return programAt(POI, Ctx);
  }
  return SideProgram::None;
}

} // namespace clang::tidy::hotpath::relevance
