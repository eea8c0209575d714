//===--- ReportCommand.h - hotpath report -----------------------*- C++ -*-===//
//
// `hotpath report <dir|file>...`: the findings of a build (the compiler
// plugin's export files, -fplugin-arg-hotpath-export-dir) or of the shards
// of a CI matrix (`hotpath --shard=i/n --format=json`), merged as one run of
// the tool would merge them, printed as text, JSON or SARIF, with --fix and
// --export-fixes. A file whose sources changed since it was written is
// reported as stale and left out.
//
//===----------------------------------------------------------------------===//

#ifndef HOTPATH_REPORT_REPORTCOMMAND_H
#define HOTPATH_REPORT_REPORTCOMMAND_H

namespace hotpath::report {

/// After main() parsed the command line (findings/CommandLine.h).
int runReport(const char *Argv0);

/// What `hotpath report --help` prints after the options.
const char *reportHelp();

} // namespace hotpath::report

#endif
