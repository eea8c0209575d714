"""The crash hunt's results: the machine, the table printed at the end, the
Markdown section of docs/corpus.md (scripts/crash-hunt writes them)."""
import collections
import subprocess
import sys
from pathlib import Path

from corpus_lib.report import machine

ROOT = Path(__file__).resolve().parent.parent.parent
LLVM = "19"
PACKAGE = "gcc-12"


def log(msg):
    print(f"crash-hunt: {msg}", file=sys.stderr, flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, text=True, errors="replace", **kw)


def by_check(findings):
    return dict(sorted(collections.Counter(
        f["check"] for f in findings).items()))


def rows(res):
    s = res["selection"]
    skipped = ", ".join(f"{n} {why}" for why, n in s["skipped"].items())
    checked = "" if s["clang_checked"] == s["candidates"] else \
        f" (of {s['clang_checked']} asked)"
    fc = res["findings_by_check"]
    return [
        ("files found (*.cc)", str(s["found"])),
        ("skipped before clang", f"{sum(s['skipped'].values())} ({skipped})"),
        (f"accepted by clang-{LLVM} -std=c++20",
         f"{s['accepted']}{checked}"),
        ("files analysed", f"{res['analysed']}"
         + (f" (sample of {res['sample']})" if res["sample"] else "")
         + ("" if res["complete"] else ", stopped at the first crash")),
        ("findings", f"{sum(fc.values())}" + (" (" + ", ".join(
            f"{c.removeprefix('hotpath-')} {n}" for c, n in fc.items())
            + ")" if fc else "")),
        ("parse failures", str(len(res["parse_failures"]))),
        ("crashes", str(sum(c["kind"] == "crash" for c in res["crashes"]))),
        ("assertion failures",
         str(sum(c["kind"] == "assertion" for c in res["crashes"]))),
        ("hangs", str(len(res["hangs"]))),
        ("seconds (hotpath / clang acceptance / total)",
         f"{res['analysis_seconds']} / {res['clang_seconds']} / "
         f"{res['total_seconds']}"),
    ]


def problem_lines(res):
    out = []
    for c in res["crashes"]:
        what = "assertion failure" if c["kind"] == "assertion" else "crash"
        out.append(f"- {what} in `{c['file']}`, check "
                   f"`{c['check'] or 'unknown'}` (found by {c['found_by']}"
                   f"{'' if c['reproduced'] else '; not reproduced alone'})"
                   + (f", {c['signal']}" if c.get("signal") else ""))
        if c["assertion"]:
            out.append(f"  - `{c['assertion']}`")
        for frame in c["stack"][:6]:
            out.append(f"  - `{frame}`")
    for h in res["hangs"]:
        out.append(f"- hang: `{h['file']}` (killed after {h['seconds']} s)")
    fails = res["parse_failures"]
    for p in fails[:20]:
        out.append(f"- parse failure: `{p['file']}`: {p['reason']}")
    if len(fails) > 20:
        out.append(f"- ... {len(fails) - 20} more parse failures "
                   "(results.json)")
    return out


def print_table(res):
    print(f"\ncrash hunt: libstdc++ testsuite of {PACKAGE} "
          f"{res['source_version']}, clang {res['clang_version']}, "
          f"{res['tool']}")
    width = max(len(k) for k, _ in rows(res))
    for k, v in rows(res):
        print(f"  {k.ljust(width)}  {v}")
    lines = problem_lines(res)
    if lines:
        print()
        print("\n".join(lines))


def markdown(res):
    n, cpu = machine()
    lines = [
        f"Run of {res['date']} at commit `{res['commit']}` on {n} × {cpu} "
        f"(nproc {n}): `{res['tool']}`"
        + (" (assertions on)" if res["tool"] == "build-assert/bin/hotpath"
           else " (given with --tool)")
        + f", libstdc++ testsuite of Debian's `{PACKAGE}` "
        f"{res['source_version']}, "
        f"clang {res['clang_version']}.", "",
        "| | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in rows(res)]
    lines += ["", "Crashes, assertion failures, hangs and files that did "
              "not parse:", ""]
    lines += problem_lines(res) or ["- none"]
    lines += ["", f"Rerun: `{res['command']}`"]
    return "\n".join(lines) + "\n"


DOCS_INTRO = """
## Crash hunt

`scripts/crash-hunt` runs every hotpath check, every option at its default,
over the `*.cc` files of libstdc++'s own testsuite (Debian's `gcc-12` source
package: thousands of small files exercising every corner of the library)
that clang-19 accepts with `-std=c++20`, in a build with assertions
(`build-assert/`, `-DHOTPATH_ASSERTIONS=ON`). Files marked `dg-error`,
`dg-excess-errors`, `dg-ice` or `dg-do preprocess`, or that include a header
this machine lacks, are skipped. A batch that dies or passes its timeout is
bisected down to the file; each crash is named with its check and stack.
A crash, a failed assertion or a hang fails the run (exit status 1).
`scripts/crash-hunt --sample 150` analyses a seeded sample spread over the
testsuite's directories. The source package and which files clang accepts
are cached in `/var/cache/hotpath-crash-hunt` (`$HOTPATH_CRASH_HUNT_CACHE`,
or `$HOTPATH_CACHE_DIR/crash-hunt`):
only the first run pays for them.

"""


def write_docs(md):
    doc = ROOT / "docs/corpus.md"
    begin, end = "<!-- crash-hunt:begin -->", "<!-- crash-hunt:end -->"
    text = doc.read_text()
    if begin not in text or end not in text:
        text = text.rstrip("\n") + "\n" + DOCS_INTRO + f"{begin}\n{end}\n"
    pre, rest = text.split(begin, 1)
    _, post = rest.split(end, 1)
    doc.write_text(f"{pre}{begin}\n{md}{end}{post}")
    log(f"wrote {doc.relative_to(ROOT)}")


def source_commit():
    """HEAD, marked when the analyzer's sources differ from it (the tool is
    then built from uncommitted code). Taken before the build, not after a
    commit made meanwhile."""
    git = ["git", "-C", str(ROOT)]
    head = run(git + ["rev-parse", "--short", "HEAD"],
               capture_output=True).stdout.strip() or "?"
    dirty = run(git + ["status", "--porcelain", "--", "checks",
                       "clang-plugin", "cmake", "CMakeLists.txt"],
                capture_output=True).stdout.strip()
    return f"{head} + uncommitted changes" if dirty else head
