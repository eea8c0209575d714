//===--- FieldReorder.cpp - hotpath ---------------------------------------===//

#include "analyses/FieldReorder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::hotpath::analyses {

static bool isBlank(char C) { return C == ' ' || C == '\t' || C == '\r'; }

bool onlyCommentsToEndOfLine(llvm::StringRef Buf, size_t &I) {
  while (I < Buf.size() && Buf[I] != '\n') {
    if (isBlank(Buf[I])) {
      ++I;
    } else if (Buf.substr(I).starts_with("//")) {
      I = Buf.find('\n', I);
      if (I == llvm::StringRef::npos)
        I = Buf.size();
    } else if (Buf.substr(I).starts_with("/*")) {
      size_t End = Buf.find("*/", I + 2);
      if (End == llvm::StringRef::npos || Buf.substr(I, End - I).contains('\n'))
        return false;
      I = End + 2;
    } else {
      return false;
    }
  }
  return true;
}

size_t lineStart(llvm::StringRef Buf, size_t I) {
  while (I > 0 && Buf[I - 1] != '\n')
    --I;
  return I;
}

bool isCommentLine(llvm::StringRef Line) {
  Line = Line.trim();
  return Line.starts_with("//") ||
         (Line.starts_with("/*") && Line.ends_with("*/"));
}

std::string stripLeadingBlankLines(llvm::StringRef Text) {
  while (true) {
    size_t NL = Text.find('\n');
    if (NL == llvm::StringRef::npos || !Text.substr(0, NL).trim().empty())
      break;
    Text = Text.substr(NL + 1);
  }
  return Text.str();
}

bool reorderInitializers(const CXXConstructorDecl &Ctor,
                         llvm::ArrayRef<unsigned> Rank, const ASTContext &Ctx,
                         std::vector<FixItHint> &Fixes) {
  const SourceManager &SM = Ctx.getSourceManager();
  struct Written {
    unsigned Rank;
    CharSourceRange Range;
  };
  std::vector<Written> Inits; // in source order
  for (const CXXCtorInitializer *Init : Ctor.inits()) {
    if (!Init->isWritten() || !Init->isMemberInitializer())
      continue;
    SourceRange R = Init->getSourceRange();
    if (R.getBegin().isMacroID() || R.getEnd().isMacroID())
      return false;
    Inits.push_back({Rank[Init->getMember()->getFieldIndex()],
                     CharSourceRange::getTokenRange(R)});
  }
  std::vector<Written> Sorted = Inits;
  // Ranks are distinct: a member is initialised at most once.
  llvm::sort(Sorted, [](const Written &A, const Written &B) {
    return A.Rank < B.Rank;
  });
  for (unsigned I = 0; I < Inits.size(); ++I) {
    if (Inits[I].Rank == Sorted[I].Rank)
      continue;
    bool Invalid = false;
    StringRef Src =
        Lexer::getSourceText(Sorted[I].Range, SM, Ctx.getLangOpts(), &Invalid);
    if (Invalid)
      return false;
    Fixes.push_back(FixItHint::CreateReplacement(Inits[I].Range, Src));
  }
  return true;
}

} // namespace clang::tidy::hotpath::analyses
