//===--- ProfileSites.cpp - hotpath report --------------------------------===//

#include "ProfileSites.h"
#include "relevance/Hotness.h"

namespace hotpath::report {

namespace utils = clang::tidy::hotpath::utils;

static bool isSite(const clang::tooling::DiagnosticMessage &N) {
  return llvm::StringRef(N.Message).starts_with(utils::SiteNotePrefix);
}

void applyProfile(const profile::Profile &P, clang::tidy::ClangTidyError &E) {
  for (clang::tooling::DiagnosticMessage &N : E.Notes) {
    if (!isSite(N))
      continue;
    utils::Site S;
    utils::Hot::Kind K;
    uint64_t PerCount = 0;
    std::string Unit;
    bool Ok = parseSiteNote(
        llvm::StringRef(N.Message).drop_front(utils::SiteNotePrefix.size()), S,
        K, PerCount, Unit);
    std::optional<utils::Hot> H;
    if (Ok)
      H = utils::measureSite(P, S, K);
    if (!H)
      break; // not covered: no figures, as in a run with the profile
    E.Message.Message += utils::hotnessText(*H, {PerCount, Unit});
    N.Message = (utils::HotnessNotePrefix + utils::hotnessNoteJson(*H)).str();
    return;
  }
  dropSites(E);
}

void dropSites(clang::tidy::ClangTidyError &E) {
  llvm::erase_if(E.Notes, isSite);
}

} // namespace hotpath::report
