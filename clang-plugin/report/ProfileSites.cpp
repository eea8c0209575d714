//===--- ProfileSites.cpp - hotpath report --------------------------------===//

#include "ProfileSites.h"
#include "findings/FindingData.h"
#include "relevance/Hotness.h"

namespace hotpath::report {

namespace relevance = clang::tidy::hotpath::relevance;
namespace findings = clang::tidy::hotpath::findings;

void applyProfile(const profile::Profile &P, clang::tidy::ClangTidyError &E) {
  clang::tidy::hotpath::support::FindingData D = findings::findingData(E);
  if (!D.Site)
    return;
  relevance::Site S;
  relevance::Hot::Kind K;
  uint64_t PerCount = 0;
  std::string Unit;
  std::optional<relevance::Hot> H;
  if (relevance::parseSite(*D.Site, S, K, PerCount, Unit))
    H = relevance::measureSite(P, S, K);
  D.Site.reset();
  // Not covered: no figures, as in a run with the profile.
  if (H) {
    E.Message.Message += relevance::hotnessText(*H, {PerCount, Unit});
    D.Hotness = relevance::hotnessJson(*H);
  }
  findings::setFindingData(E, D);
}

void dropSites(clang::tidy::ClangTidyError &E) {
  clang::tidy::hotpath::support::FindingData D = findings::findingData(E);
  if (!D.Site)
    return;
  D.Site.reset();
  findings::setFindingData(E, D);
}

} // namespace hotpath::report
