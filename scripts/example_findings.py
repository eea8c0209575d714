#!/usr/bin/env python3
"""Runs the hotpath checks over the example project and compares the findings
with the `// expect: <check>` markers in its sources: every marker must be
reported on its line, and nothing else may be (for the checks that exist).

  example_findings.py --build-dir examples/build --clang-tidy clang-tidy-19 \
      --module build/lib/hotpath-tidy.so [--print]
"""
import argparse
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

WARNING = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): warning: .*\[(?P<check>hotpath-[a-z0-9-]+)\]$", re.M)
MARKER = re.compile(r"//.*\bexpect: (hotpath-[a-z0-9-]+(?:, *hotpath-[a-z0-9-]+)*)")


def registered_checks(tidy, module):
    out = subprocess.run([tidy, "--load=" + module, "-checks=-*,hotpath-*", "--list-checks"],
                         capture_output=True, text=True, check=True).stdout
    return {l.strip() for l in out.splitlines() if l.strip().startswith("hotpath-")}


def run_tidy(tidy, module, build_dir, source):
    p = subprocess.run([tidy, "--load=" + module, "-checks=-*,hotpath-*", "-p", build_dir,
                        "--header-filter=.*/examples/.*", source],
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stdout + p.stderr)
        raise SystemExit("clang-tidy failed on " + source)
    return p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build-dir", required=True)
    ap.add_argument("--source-dir", help="where the markers are (default: examples/ of this repository)")
    ap.add_argument("--clang-tidy", required=True)
    ap.add_argument("--module", required=True)
    ap.add_argument("--print", action="store_true", help="print the findings as clang-tidy does")
    a = ap.parse_args()

    with open(os.path.join(a.build_dir, "compile_commands.json")) as f:
        sources = sorted({os.path.join(e["directory"], e["file"]) for e in json.load(f)})
    checks = registered_checks(a.clang_tidy, a.module)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        outputs = list(pool.map(lambda s: run_tidy(a.clang_tidy, a.module, a.build_dir, s), sources))

    found = set()
    for out in outputs:
        if a.print:
            sys.stdout.write(out)
        for m in WARNING.finditer(out):
            found.add((os.path.realpath(m["file"]), int(m["line"]), m["check"]))

    src_root = os.path.realpath(a.source_dir or os.path.join(os.path.dirname(__file__), "..", "examples"))
    expected = set()
    for dirpath, _, files in os.walk(src_root):
        if os.path.basename(dirpath).startswith("build"):
            continue
        for name in files:
            if not name.endswith((".cpp", ".h", ".hpp", ".cc")):
                continue
            path = os.path.realpath(os.path.join(dirpath, name))
            with open(path, encoding="utf-8") as f:
                for n, line in enumerate(f, 1):
                    m = MARKER.search(line)
                    if m:
                        for check in re.split(r", *", m.group(1)):
                            if check in checks:
                                expected.add((path, n, check))

    missed = sorted(expected - found)
    extra = sorted(found - expected)
    for p, n, c in missed:
        print("MISSED  %s:%d %s" % (p, n, c))
    for p, n, c in extra:
        print("UNEXPECTED  %s:%d %s" % (p, n, c))
    print("example findings: %d expected, %d found, %d missed, %d unexpected (checks: %s)"
          % (len(expected), len(found), len(missed), len(extra), ", ".join(sorted(checks))))
    return 1 if missed or extra else 0


if __name__ == "__main__":
    sys.exit(main())
