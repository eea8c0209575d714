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

/// argv[0] is the program; the "report" word already removed.
int runReport(int Argc, const char **Argv);

} // namespace hotpath::report

#endif
