#!/usr/bin/env python3
"""Runs the hotpath checks over the example project and compares the findings
with the `// expect: <check>` markers in its sources: every marker must be
reported on its line, and nothing else may be (for the checks that exist).
Every front-end given is run, and each must give exactly the marked findings.

  example_findings.py --build-dir examples/build --source-dir examples \
      [--clang-tidy clang-tidy-19 --module build/lib/hotpath-tidy.so] \
      [--tool build/bin/hotpath] \
      [--clangxx clang++-19 --plugin build/lib/hotpath-plugin.so] [--print]
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

WARNING = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?:warning|error): .*\[(?P<check>hotpath-[a-z0-9-]+)\]$", re.M)
MARKER = re.compile(r"//.*\bexpect: (hotpath-[a-z0-9-]+(?:, *hotpath-[a-z0-9-]+)*)")
HEADER_FILTER = ".*/examples/.*"


def run(cmd, cwd=None):
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd)
    if p.returncode != 0:
        sys.stderr.write(p.stdout + p.stderr)
        raise SystemExit("failed (%d): %s" % (p.returncode, " ".join(cmd)))
    return p.stdout + p.stderr


def registered_checks(a):
    if a.tool:
        out = run([a.tool, "-p", a.build_dir, "--list-checks"])
    else:
        out = run([a.clang_tidy, "--load=" + a.module, "-checks=-*,hotpath-*", "--list-checks"])
    return {l.split()[0] for l in out.splitlines() if l.strip().startswith("hotpath-")}


def entries(build_dir):
    with open(os.path.join(build_dir, "compile_commands.json")) as f:
        return json.load(f)


def via_tidy(a, db):
    srcs = sorted({os.path.join(e["directory"], e["file"]) for e in db})
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return "".join(pool.map(lambda s: run(
            [a.clang_tidy, "--load=" + a.module, "-checks=-*,hotpath-*", "-p", a.build_dir,
             "--header-filter=" + HEADER_FILTER, s]), srcs))


def via_tool(a, db):
    return run([a.tool, "-p", a.build_dir, "--header-filter=" + HEADER_FILTER, "--quiet"])


def via_plugin(a, db):
    def one(e):
        args = e.get("arguments") or shlex.split(e["command"])
        out, skip = [a.clangxx], False
        for x in args[1:]:
            if skip:
                skip = False
                continue
            if x == "-o":
                skip = True
                continue
            if x == "-c":
                continue
            out.append(x)
        out += ["-fsyntax-only", "-fplugin=" + a.plugin,
                "-fplugin-arg-hotpath-header-filter=" + HEADER_FILTER]
        return run(out, cwd=e["directory"])
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return "".join(pool.map(one, db))


def findings(out):
    found = set()
    for m in WARNING.finditer(out):
        found.add((os.path.realpath(m["file"]), int(m["line"]), m["check"]))
    return found


def markers(src_root, checks):
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
    return expected


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build-dir", required=True)
    ap.add_argument("--source-dir", help="where the markers are (default: examples/ of this repository)")
    ap.add_argument("--clang-tidy")
    ap.add_argument("--module")
    ap.add_argument("--tool")
    ap.add_argument("--clangxx")
    ap.add_argument("--plugin")
    ap.add_argument("--print", action="store_true", help="print the findings of the first front-end")
    a = ap.parse_args()
    for attr in ("module", "tool", "plugin", "build_dir"):
        if getattr(a, attr):
            setattr(a, attr, os.path.abspath(getattr(a, attr)))

    db = entries(a.build_dir)
    src_root = os.path.realpath(a.source_dir or os.path.join(os.path.dirname(__file__), "..", "examples"))
    expected = markers(src_root, registered_checks(a))
    routes = []
    if a.tool:
        routes.append(("hotpath tool", via_tool))
    if a.clang_tidy and a.module:
        routes.append(("clang-tidy --load", via_tidy))
    if a.clangxx and a.plugin:
        routes.append(("clang++ -fplugin", via_plugin))
    if not routes:
        raise SystemExit("give at least one front-end")
    status = 0
    for i, (name, fn) in enumerate(routes):
        out = fn(a, db)
        if a.print and i == 0:
            sys.stdout.write(out)
        found = findings(out)
        missed, extra = sorted(expected - found), sorted(found - expected)
        for p, n, c in missed:
            print("MISSED (%s)  %s:%d %s" % (name, p, n, c))
        for p, n, c in extra:
            print("UNEXPECTED (%s)  %s:%d %s" % (name, p, n, c))
        print("%s: %d expected, %d found, %d missed, %d unexpected"
              % (name, len(expected), len(found), len(missed), len(extra)))
        status |= bool(missed or extra)
    return status


if __name__ == "__main__":
    sys.exit(main())
