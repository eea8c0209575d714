//===--- ProfileSites.cpp - hotpath report --------------------------------===//

#include "ProfileSites.h"
#include "relevance/Hotness.h"

namespace hotpath::report {

namespace relevance = clang::tidy::hotpath::relevance;
namespace support = clang::tidy::hotpath::support;

static bool isSite(const clang::tooling::DiagnosticMessage &N) {
  return llvm::StringRef(N.Message).starts_with(support::SiteNotePrefix);
}

void applyProfile(const profile::Profile &P, clang::tidy::ClangTidyError &E) {
  for (clang::tooling::DiagnosticMessage &N : E.Notes) {
    if (!isSite(N))
      continue;
    relevance::Site S;
    relevance::Hot::Kind K;
    uint64_t PerCount = 0;
    std::string Unit;
    bool Ok = parseSiteNote(
        llvm::StringRef(N.Message).drop_front(support::SiteNotePrefix.size()),
        S, K, PerCount, Unit);
    std::optional<relevance::Hot> H;
    if (Ok)
      H = relevance::measureSite(P, S, K);
    if (!H)
      break; // not covered: no figures, as in a run with the profile
    E.Message.Message += relevance::hotnessText(*H, {PerCount, Unit});
    N.Message =
        (support::HotnessNotePrefix + relevance::hotnessNoteJson(*H)).str();
    return;
  }
  dropSites(E);
}

void dropSites(clang::tidy::ClangTidyError &E) {
  llvm::erase_if(E.Notes, isSite);
}

} // namespace hotpath::report
