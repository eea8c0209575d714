//===--- Hotness.cpp - hotpath --------------------------------------------===//

#include "relevance/Hotness.h"
#include "../../profile/Load.h"
#include "analyses/TripCount.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include <atomic>
#include <cstdlib>

namespace clang::tidy::hotpath::relevance {

namespace prof = ::hotpath::profile;

std::string withSeparators(uint64_t N) {
  std::string Digits = std::to_string(N), Out;
  for (size_t I = 0; I < Digits.size(); ++I) {
    if (I && (Digits.size() - I) % 3 == 0)
      Out += ',';
    Out += Digits[I];
  }
  return Out;
}

Hotness::Hotness(ClangTidyCheck::OptionsView &Options,
                 ClangTidyContext *Context) {
  std::string Path = Options.getLocalOrGlobal(support::ProfileOption, "").str();
  if (Path.empty()) {
    Sites = Options.getLocalOrGlobal(support::HotnessSitesOption, false);
    return;
  }
  Notes = Options.getLocalOrGlobal(support::HotnessNotesOption, false);
  prof::LoadRequest R;
  R.Path = Path;
  R.Binaries = prof::splitList(
      Options.getLocalOrGlobal(support::ProfileBinariesOption, "").str());
  std::string Error;
  P = prof::loadCached(R, Error);
  // Every check of every translation unit asks; say it once per process.
  static std::atomic<bool> Said{false};
  if (Said.exchange(true))
    return;
  if (!P) {
    Context->configurationDiag("hotpath: %0; findings carry no hotness")
        << Error;
    return;
  }
  for (const std::string &W : P->Warnings)
    Context->configurationDiag("hotpath: %0") << W;
}

// Presumed locations: the profile's debug line tables follow line markers
// and #line, so a preprocessed file (a distributed compile) or generated
// code is measured where the profile says it ran.
std::string Hotness::fileOf(SourceLocation Loc, const SourceManager &SM) const {
  SourceLocation E = SM.getExpansionLoc(Loc);
  FileID FID = SM.getFileID(E);
  OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID);
  if (!FE)
    return "";
  PresumedLoc P = SM.getPresumedLoc(E);
  if (P.isValid() && llvm::StringRef(P.getFilename()) != FE->getName()) {
    llvm::SmallString<256> Abs(P.getFilename());
    SM.getFileManager().makeAbsolutePath(Abs);
    llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    return Abs.str().str();
  }
  llvm::StringRef Real = FE->getFileEntry().tryGetRealPathName();
  if (!Real.empty())
    return Real.str();
  return std::string(SM.getFileManager().getCanonicalName(*FE));
}

static prof::Position position(SourceLocation Loc, const SourceManager &SM) {
  PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(Loc));
  if (P.isInvalid())
    return {};
  return {P.getLine(), P.getColumn()};
}

std::optional<Hot> Hotness::resolve(Site S, Hot::Kind K) const {
  if (P)
    return measureSite(*P, S, K);
  if (!Sites)
    return std::nullopt;
  Hot H;
  H.File = S.R.File;
  H.FirstLine = S.R.Begin.Line;
  H.LastLine = S.R.End.Line;
  H.K = K;
  H.Where = std::move(S);
  return H;
}

std::optional<Hot> measureSite(const prof::Profile &P, const Site &S,
                               Hot::Kind K) {
  if (K == Hot::Record) {
    // The hottest user: by weight, then executions.
    std::optional<Hot> Best;
    for (const prof::Range &F : S.Functions) {
      Site One;
      One.R = F;
      std::optional<Hot> H = measureSite(P, One, Hot::Function);
      if (H && (!Best || H->M.Weight > Best->M.Weight ||
                (H->M.Weight == Best->M.Weight &&
                 H->M.Executions.value_or(0) > Best->M.Executions.value_or(0))))
        Best = H;
    }
    if (Best)
      Best->K = Hot::Record;
    return Best;
  }
  std::optional<prof::Measure> M =
      K == Hot::Loop ? P.measure(S.R, S.CountAt, S.EntryAt, S.CallLine)
                     : P.measureFunction(S.R);
  if (!M)
    return std::nullopt;
  return Hot{*M, P.source(), S.R.File, S.R.Begin.Line, S.R.End.Line, K, {}};
}

std::optional<Hot> Hotness::ofLoop(const Stmt *Loop, SourceLocation Finding,
                                   const SourceManager &SM) const {
  if (!active() || !Loop)
    return std::nullopt;
  const Stmt *Body = analyses::loopBody(*Loop);
  Site S;
  S.R.File = fileOf(Loop->getBeginLoc(), SM);
  S.R.Begin = position(Loop->getBeginLoc(), SM);
  S.R.End = position(Loop->getEndLoc(), SM);
  if (S.R.File.empty() || S.R.End.Line < S.R.Begin.Line)
    return std::nullopt;
  S.CountAt = Body ? position(Body->getBeginLoc(), SM) : S.R.Begin;
  S.EntryAt = S.R.Begin;
  S.CallLine = position(Finding, SM).Line;
  return resolve(std::move(S), Hot::Loop);
}

// The body's range, which a function finding measures.
static std::optional<prof::Range>
bodyRange(const FunctionDecl *FD, const SourceManager &SM, std::string File) {
  if (!FD || !FD->getBody())
    return std::nullopt;
  const Stmt *Body = FD->getBody();
  prof::Range R;
  R.File = std::move(File);
  R.Begin = position(Body->getBeginLoc(), SM);
  R.End = position(Body->getEndLoc(), SM);
  if (R.File.empty() || R.End.Line < R.Begin.Line)
    return std::nullopt;
  return R;
}

std::optional<Hot> Hotness::ofFunction(const FunctionDecl *FD,
                                       const SourceManager &SM) const {
  if (!active() || !FD || !FD->getBody())
    return std::nullopt;
  std::optional<prof::Range> R =
      bodyRange(FD, SM, fileOf(FD->getBody()->getBeginLoc(), SM));
  if (!R)
    return std::nullopt;
  Site S;
  S.R = std::move(*R);
  return resolve(std::move(S), Hot::Function);
}

namespace {
const RecordDecl *definitionOf(const RecordDecl *RD) {
  const RecordDecl *Def = RD->getDefinition();
  return Def ? Def : RD;
}

// Which of the wanted records each function body names.
class RecordUsers : public RecursiveASTVisitor<RecordUsers> {
public:
  RecordUsers(const llvm::DenseSet<const RecordDecl *> &Wanted,
              llvm::function_ref<bool(const FunctionDecl *)> Covered)
      : Wanted(Wanted), Covered(Covered) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }

  /// Walks the declarations of \p DC down to function bodies, and only the
  /// bodies (and member initialisers) of functions in covered files: types,
  /// template parameters and uncovered headers are not visited at all.
  void walk(const DeclContext *DC) {
    // In memory only: in clangd, decls() would deserialise the preamble.
    for (Decl *D : DC->noload_decls())
      walkDecl(D);
  }

  // Inside a body: local classes' member functions are part of the
  // function that holds them; only their bodies are walked.
  bool TraverseDecl(Decl *D) {
    if (auto *FD = dyn_cast_or_null<FunctionDecl>(D))
      return !FD->doesThisDeclarationHaveABody() || TraverseStmt(FD->getBody());
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitMemberExpr(MemberExpr *E) {
    if (const auto *Parent =
            dyn_cast<RecordDecl>(E->getMemberDecl()->getDeclContext()))
      use(Parent);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    use(E->getConstructor()->getParent());
    return true;
  }

  llvm::DenseMap<const RecordDecl *, llvm::SmallPtrSet<const FunctionDecl *, 4>>
      Users;

private:
  void walkDecl(Decl *D) {
    if (auto *FTD = dyn_cast<FunctionTemplateDecl>(D)) {
      for (FunctionDecl *Spec : FTD->specializations())
        walkDecl(Spec);
      D = FTD->getTemplatedDecl();
    } else if (auto *CTD = dyn_cast<ClassTemplateDecl>(D)) {
      for (ClassTemplateSpecializationDecl *Spec : CTD->specializations())
        walk(Spec);
      D = CTD->getTemplatedDecl();
    }
    if (auto *FD = dyn_cast<FunctionDecl>(D)) {
      if (!FD->doesThisDeclarationHaveABody() || !Covered(FD))
        return;
      Current = FD;
      if (auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
        for (CXXCtorInitializer *Init : Ctor->inits())
          if (Init->isWritten())
            TraverseStmt(Init->getInit());
      TraverseStmt(FD->getBody());
      Current = nullptr;
      return;
    }
    if (isa<NamespaceDecl, LinkageSpecDecl, CXXRecordDecl, ExportDecl>(D))
      walk(cast<DeclContext>(D));
  }

  void use(const RecordDecl *RD) {
    if (!Current || !RD)
      return;
    RD = definitionOf(RD);
    if (Wanted.contains(RD))
      Users[RD].insert(Current);
  }

  const llvm::DenseSet<const RecordDecl *> &Wanted;
  llvm::function_ref<bool(const FunctionDecl *)> Covered;
  const FunctionDecl *Current = nullptr;
};
} // namespace

llvm::DenseMap<const RecordDecl *, Hot>
Hotness::ofRecords(ASTContext &Ctx,
                   llvm::ArrayRef<const RecordDecl *> Records) const {
  llvm::DenseMap<const RecordDecl *, Hot> Out;
  if (!active() || Records.empty())
    return Out;
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::DenseSet<const RecordDecl *> Wanted;
  for (const RecordDecl *RD : Records)
    Wanted.insert(definitionOf(RD));
  llvm::DenseMap<FileID, bool> CoveredFiles;
  auto Covered = [&](const FunctionDecl *FD) {
    FileID FID = SM.getFileID(SM.getExpansionLoc(FD->getLocation()));
    auto [It, New] = CoveredFiles.try_emplace(FID, false);
    // Site mode: the profile comes later; every user outside system headers.
    if (New)
      It->second =
          P ? P->file(fileOf(FD->getLocation(), SM)) != nullptr
            : !SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation()));
    return It->second;
  };
  RecordUsers V(Wanted, Covered);
  V.walk(Ctx.getTranslationUnitDecl());
  for (const RecordDecl *RD : Records) {
    const RecordDecl *Key = definitionOf(RD);
    auto It = V.Users.find(Key);
    if (It == V.Users.end())
      continue;
    llvm::SmallVector<const Decl *, 8> Fns(It->second.begin(),
                                           It->second.end());
    if (std::optional<Hot> Best = ofHottest(Fns, SM))
      Out[RD] = *Best;
  }
  return Out;
}

std::optional<Hot> Hotness::ofHottest(llvm::ArrayRef<const Decl *> Functions,
                                      const SourceManager &SM) const {
  if (!active())
    return std::nullopt;
  Site S;
  for (const Decl *D : Functions) {
    const auto *FD = dyn_cast_or_null<FunctionDecl>(D);
    if (!FD || !FD->getBody())
      continue;
    if (std::optional<prof::Range> R =
            bodyRange(FD, SM, fileOf(FD->getBody()->getBeginLoc(), SM)))
      S.Functions.push_back(std::move(*R));
  }
  if (S.Functions.empty())
    return std::nullopt;
  S.R = S.Functions.front();
  return resolve(std::move(S), Hot::Record);
}

static std::string percent(double Share) {
  if (Share > 0 && Share < 0.001)
    return "<0.1%";
  return llvm::formatv("{0:f1}%", Share * 100.0).str();
}

std::string Hotness::text(const std::optional<Hot> &H, PerExecution Per) const {
  if (!H || H->Where)
    return "";
  return hotnessText(*H, Per);
}

std::string hotnessText(const Hot &Measured, PerExecution Per) {
  const Hot *H = &Measured;
  const prof::Measure &M = H->M;
  llvm::StringRef Where = H->K == Hot::Record ? "code using it: " : "";
  if (M.Cold)
    return (" [profile: " + Where +
            (H->Src == prof::Source::Perf ? "cold, no samples"
                                          : "cold, never ran") +
            "]")
        .str();
  std::string S = " [profile: " + Where.str();
  auto Add = [&](const std::string &Part) {
    if (S.back() != ' ')
      S += ", ";
    S += Part;
  };
  if (M.Executions) {
    uint64_t N = *M.Executions;
    if (H->K == Hot::Loop) {
      std::string Part =
          withSeparators(N) + (N == 1 ? " iteration" : " iterations");
      if (M.Entries && *M.Entries) {
        Part += " in " + withSeparators(*M.Entries) +
                (*M.Entries == 1 ? " entry" : " entries");
        if (*M.Entries > 1)
          Part += " (" + withSeparators(N / *M.Entries) + " per entry)";
      }
      Add(Part);
    } else {
      Add(withSeparators(N) + (N == 1 ? " call" : " calls"));
    }
    if (Per.Count && N)
      Add(withSeparators(N * Per.Count) + " " + Per.Unit.str());
  }
  if (M.Samples)
    Add(withSeparators(*M.Samples) +
        (*M.Samples == 1 ? " sample" : " samples"));
  if (M.Cost)
    Add(withSeparators(*M.Cost) + " instructions");
  Add(percent(M.Share) + " of the profile");
  return S + "]";
}

void Hotness::describe(const std::optional<Hot> &H, PerExecution Per,
                       support::FindingData &Data) const {
  if (!H)
    return;
  if (H->Where)
    Data.Site = siteJson(*H->Where, H->K, Per);
  else if (Notes)
    Data.Hotness = hotnessJson(*H);
}

llvm::json::Object hotnessJson(const Hot &H) {
  auto Num = [](const std::optional<uint64_t> &V) -> llvm::json::Value {
    if (!V)
      return nullptr;
    return static_cast<int64_t>(*V);
  };
  const prof::Measure &M = H.M;
  // Six decimals, as the figures have always had.
  double Share =
      std::strtod(llvm::formatv("{0:f6}", M.Share).str().c_str(), nullptr);
  return llvm::json::Object{{"source", prof::sourceName(H.Src)},
                            {"executions", Num(M.Executions)},
                            {"entries", Num(M.Entries)},
                            {"samples", Num(M.Samples)},
                            {"cost", Num(M.Cost)},
                            {"weight", static_cast<int64_t>(M.Weight)},
                            {"share", Share},
                            {"cold", M.Cold},
                            {"range", (H.File + ":" + llvm::Twine(H.FirstLine) +
                                       "-" + llvm::Twine(H.LastLine))
                                          .str()}};
}

static llvm::json::Array pos(prof::Position P) {
  return llvm::json::Array{P.Line, P.Column};
}
static llvm::json::Object range(const prof::Range &R) {
  return llvm::json::Object{
      {"file", R.File}, {"begin", pos(R.Begin)}, {"end", pos(R.End)}};
}

llvm::json::Object siteJson(const Site &S, Hot::Kind K, PerExecution Per) {
  llvm::json::Object O = range(S.R);
  O["kind"] = K == Hot::Loop       ? "loop"
              : K == Hot::Function ? "function"
                                   : "record";
  if (K == Hot::Loop) {
    O["count_at"] = pos(S.CountAt);
    if (S.EntryAt)
      O["entry_at"] = pos(*S.EntryAt);
    O["call_line"] = S.CallLine;
  }
  if (K == Hot::Record) {
    llvm::json::Array Fns;
    for (const prof::Range &F : S.Functions)
      Fns.push_back(range(F));
    O["functions"] = std::move(Fns);
  }
  if (Per.Count) {
    O["per"] = static_cast<int64_t>(Per.Count);
    O["unit"] = Per.Unit;
  }
  return O;
}

static bool readPos(const llvm::json::Object &O, llvm::StringRef Key,
                    prof::Position &P) {
  const llvm::json::Array *A = O.getArray(Key);
  if (!A || A->size() != 2 || !(*A)[0].getAsInteger() ||
      !(*A)[1].getAsInteger())
    return false;
  P.Line = static_cast<unsigned>(*(*A)[0].getAsInteger());
  P.Column = static_cast<unsigned>(*(*A)[1].getAsInteger());
  return true;
}
static bool readRange(const llvm::json::Object &O, prof::Range &R) {
  auto File = O.getString("file");
  if (!File)
    return false;
  R.File = File->str();
  return readPos(O, "begin", R.Begin) && readPos(O, "end", R.End);
}

bool parseSite(const llvm::json::Object &Obj, Site &S, Hot::Kind &K,
               uint64_t &PerCount, std::string &Unit) {
  const llvm::json::Object *O = &Obj;
  if (!readRange(*O, S.R))
    return false;
  llvm::StringRef Kind = O->getString("kind").value_or("");
  K = Kind == "loop"       ? Hot::Loop
      : Kind == "function" ? Hot::Function
                           : Hot::Record;
  if (K == Hot::Loop) {
    if (!readPos(*O, "count_at", S.CountAt))
      return false;
    prof::Position E;
    if (readPos(*O, "entry_at", E))
      S.EntryAt = E;
    S.CallLine = static_cast<unsigned>(O->getInteger("call_line").value_or(0));
  }
  if (const llvm::json::Array *Fns = O->getArray("functions"))
    for (const llvm::json::Value &F : *Fns) {
      prof::Range R;
      if (const llvm::json::Object *FO = F.getAsObject();
          FO && readRange(*FO, R))
        S.Functions.push_back(std::move(R));
    }
  PerCount = static_cast<uint64_t>(O->getInteger("per").value_or(0));
  Unit = O->getString("unit").value_or("").str();
  return true;
}

} // namespace clang::tidy::hotpath::relevance
