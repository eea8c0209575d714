//===--- RegexPerCallCheck.h - hotpath ------------------------------------===//
//
// Finds a regular expression (`std::regex`, `std::wregex`, any configured
// regex class such as `boost::regex` or `RE2`) compiled from a constant
// pattern with constant flags on every call of a function or every
// iteration of a loop: a local that is never modified, moved or escapes
// (fix-it: `static const`), or a temporary handed to a call
// (`std::regex_match(s, std::regex("a+b"))`; the message says to keep one
// function-local static).
// Documentation: docs/checks/hotpath-regex-per-call.md
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_CHECKS_REGEXPERCALLCHECK_H
#define HOTPATH_CHECKS_REGEXPERCALLCHECK_H

#include "HotpathCheck.h"
#include <string>
#include <vector>

namespace clang::tidy::hotpath {

class RegexPerCallCheck : public HotpathCheck {
public:
  RegexPerCallCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;

private:
  /// Where a construction sits: the innermost function (or lambda) whose
  /// body holds it, and the walk of that body.
  struct Site {
    const FunctionDecl *Function = nullptr;
    const analyses::FunctionUsage *Usage = nullptr;
  };
  Site siteOf(const CXXConstructExpr &C);
  /// The same, searching the declarations of \p DC whose source range
  /// holds \p L (the construction's expansion location): no matcher over
  /// every function and no TU-wide parent map; nothing is walked in a
  /// translation unit that builds no regex.
  Site search(const DeclContext &DC, const CXXConstructExpr &C,
              SourceLocation L, unsigned Depth);
  /// \p C in \p Body (of \p FD, or of a global's initialiser when \p FD is
  /// null): the innermost lambda around it, else \p FD.
  Site inBody(const FunctionDecl *FD, const Stmt &Body,
              const CXXConstructExpr &C);
  bool holds(SourceRange R, SourceLocation L) const;
  /// True when \p E has the same value on every call: a string literal, a
  /// constant expression, a const variable initialised from constants, a
  /// std::string built from them.
  bool isConstant(const Expr *E, unsigned Depth) const;
  bool isConstantVariable(const VarDecl &VD, unsigned Depth) const;
  /// True when \p RD is one of RegexTypes.
  bool isRegexRecord(const CXXRecordDecl &RD) const;
  void judge(const CXXConstructExpr &C);
  void reportVariable(const CXXConstructExpr &C, const VarDecl &Var,
                      const DeclStmt &DS, const Site &S);
  void reportTemporary(const CXXConstructExpr &C, const Site &S);
  /// The pattern as written, for the message.
  std::string patternText(const CXXConstructExpr &C) const;

  std::vector<StringRef> RegexTypes;
  ASTContext *Ctx = nullptr;
  /// Constructions found by the matcher, judged at the end of the
  /// translation unit: only the bodies around one are walked.
  std::vector<const CXXConstructExpr *> Constructions;
};

} // namespace clang::tidy::hotpath

#endif // HOTPATH_CHECKS_REGEXPERCALLCHECK_H
