#!/usr/bin/env python3
"""Runs one hotpath check over a test file and verifies it, with clang-tidy's
test conventions (as in upstream's check_clang_tidy.py, reimplemented here):

  check_hotpath.py [options] <source> <check-name> <temp-file> \
      [-- <front-end args> [-- <compiler args>]]

  -check-suffix=S / -check-suffixes=A,B   use CHECK-MESSAGES-S, CHECK-FIXES-S, ...
  -std=c++17 | -std=c++17-or-later        language standards to run (default c++17)
  --frontends=tidy,plugin,tool            front-ends to run the test under

The test file may hold CHECK-MESSAGES (warnings; every warning or error not
matched fails), CHECK-NOTES (notes too), CHECK-FIXES (the fixed file). With no
message lines, the check must print no warning at all. Without CHECK-FIXES the
file must come out unchanged. The fixed file is compiled with -fsyntax-only so
that a fix-it that breaks the code fails the test.
"""

import argparse
import difflib
import os
import re
import shlex
import subprocess
import sys

STD_LATER = {
    "c++11": ["c++11", "c++14", "c++17", "c++20", "c++23"],
    "c++14": ["c++14", "c++17", "c++20", "c++23"],
    "c++17": ["c++17", "c++20", "c++23"],
    "c++20": ["c++20", "c++23"],
    "c++23": ["c++23"],
}


def fail(msg, output=None):
    sys.stderr.write("check_hotpath: FAIL: " + msg + "\n")
    if output:
        sys.stderr.write("------ output ------\n" + output + "\n--------------------\n")
    sys.exit(1)


def run(cmd, **kw):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, **kw)
    return p.returncode, p.stdout


def expand_std(spec):
    if spec.endswith("-or-later"):
        base = spec[: -len("-or-later")]
        if base not in STD_LATER:
            fail("unknown standard " + spec)
        return STD_LATER[base]
    return spec.split(",")


def split_args(extra):
    # [-- tidy args [-- clang args]]
    if not extra:
        return [], []
    if extra[0] == "--":
        extra = extra[1:]
    if "--" in extra:
        i = extra.index("--")
        return extra[:i], extra[i + 1 :]
    return extra, []


def strip_check_lines(text):
    # Keep line numbers, drop the expectations so the check never sees them.
    return re.sub(r"//\s*CHECK-(?:FIXES|MESSAGES|NOTES)[A-Za-z0-9_-]*:[^\r\n]*", "//", text)


UNEXPECTED = re.compile(r"^.*:\d+:\d+: (warning|error): .*$", re.M)
FIXIT_NOISE = re.compile(
    r"^.*(note: FIX-IT applied suggested code changes|clang-tidy applied \d+ of \d+ suggested fixes"
    r"|\d+ warnings? generated\.|\d+ errors? generated\.|\d+ warnings? and \d+ errors? generated\."
    r"|Suppressed \d+ warnings"
    r"|Use -header-filter=|Use -system-headers).*\n?",
    re.M,
)


class Runner:
    def __init__(self, a):
        self.a = a
        self.source = a.source
        with open(a.source, encoding="utf-8") as f:
            self.original = f.read()
        self.check = a.check
        self.frontend_args, self.compiler_args = split_args(a.extra)
        # "-check-suffixes=,FOO" uses both CHECK-MESSAGES and CHECK-MESSAGES-FOO.
        raw = a.check_suffixes if a.check_suffixes is not None else a.check_suffix
        self.suffixes = raw.split(",") if raw is not None else [""]

    def prefixes(self, kind):
        return ["CHECK-%s-%s" % (kind, s) if s else "CHECK-" + kind for s in self.suffixes]

    def has(self, kind):
        return any(re.search(r"//\s*%s(?:-DAG|-NEXT|-SAME)?:" % re.escape(p), self.original)
                   for p in self.prefixes(kind))

    def tidy_cmd(self, path, std, fix):
        cmd = [self.a.clang_tidy, "--load=" + self.a.module, "-checks=-*," + self.check]
        if not any(x.startswith(("-config=", "--config=", "-config-file", "--config-file")) for x in self.frontend_args):
            cmd.append("--config={}")
        if fix:
            cmd.append("-fix")
        cmd += self.frontend_args + [path, "--", "-std=" + std] + self.compiler_args
        return cmd

    def plugin_cmd(self, path, std):
        # The same test through the compiler plugin: tidy options become
        # -fplugin-arg-hotpath-*, and -Xclang -fixit applies the fix-its.
        args = []
        has_config = False
        for x in self.frontend_args:
            key, _, value = x.lstrip("-").partition("=")
            if key == "config":
                args.append("-fplugin-arg-hotpath-config=" + value)
                has_config = True
            elif key == "header-filter":
                args.append("-fplugin-arg-hotpath-header-filter=" + value)
            elif key == "warnings-as-errors":
                args.append("-fplugin-arg-hotpath-warnings-as-errors=" + value)
            else:
                fail("front-end argument %r has no compiler-plugin equivalent" % x)
        if not has_config:
            args.append("-fplugin-arg-hotpath-config={}")
        return ([self.a.clangxx, "-fsyntax-only", "-fplugin=" + self.a.plugin,
                 "-fplugin-arg-hotpath-checks=-*," + self.check, "-Xclang", "-fixit",
                 "-std=" + std] + args + self.compiler_args + [path])

    def tool_cmd(self, path, std):
        # The standalone tool takes clang-tidy's option names.
        cmd = [self.a.tool, "--quiet", "--fix", "--checks=-*," + self.check]
        if not any(x.lstrip("-").startswith(("config=", "config-file=")) for x in self.frontend_args):
            cmd.append("--config={}")
        return cmd + self.frontend_args + [path, "--", "-std=" + std] + self.compiler_args

    def filecheck(self, input_path, prefixes, implicit):
        cmd = [self.a.filecheck, "-input-file=" + input_path, self.source,
               "-check-prefixes=" + ",".join(prefixes), "--allow-unused-prefixes"]
        cmd += ["-implicit-check-not=" + i for i in implicit]
        return run(cmd)

    def one(self, frontend, std):
        tag = "%s.%s" % (frontend, std.replace("+", "x"))
        ext = os.path.splitext(self.source)[1] or ".cpp"
        path = "%s.%s%s" % (self.a.temp, tag, ext)
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        stripped = strip_check_lines(self.original)
        with open(path, "w", encoding="utf-8") as f:
            f.write(stripped)

        if frontend == "tidy":
            code, out = run(self.tidy_cmd(path, std, fix=True))
        elif frontend == "plugin":
            code, out = run(self.plugin_cmd(path, std))
        elif frontend == "tool":
            code, out = run(self.tool_cmd(path, std))
        else:
            fail("front-end '%s' is not available in this build" % frontend)
        out = FIXIT_NOISE.sub("", out)
        where = "[%s, -std=%s] " % (frontend, std)
        if code != 0:
            fail(where + "front-end exited with %d" % code, out)

        out_path = path + ".msgs"
        with open(out_path, "w", encoding="utf-8") as f:
            f.write(out)

        has_msgs, has_notes = self.has("MESSAGES"), self.has("NOTES")
        if has_msgs and has_notes:
            fail("use CHECK-MESSAGES or CHECK-NOTES, not both")
        if has_notes:
            c, o = self.filecheck(out_path, self.prefixes("NOTES"), ["{{note|warning|error}}:"])
            if c:
                fail(where + "CHECK-NOTES did not match", o + "\n" + out)
        elif has_msgs:
            c, o = self.filecheck(out_path, self.prefixes("MESSAGES"), ["{{warning|error}}:"])
            if c:
                fail(where + "CHECK-MESSAGES did not match", o + "\n" + out)
        else:
            m = UNEXPECTED.search(out)
            if m:
                fail(where + "expected no diagnostics, got: " + m.group(0), out)

        with open(path, encoding="utf-8") as f:
            fixed = f.read()
        if self.has("FIXES"):
            c, o = self.filecheck(path, self.prefixes("FIXES"), [])
            if c:
                fail(where + "CHECK-FIXES did not match the fixed file " + path, o)
        elif fixed != stripped:
            diff = "".join(difflib.unified_diff(stripped.splitlines(True), fixed.splitlines(True),
                                                "original", "fixed"))
            fail(where + "fix-its changed the file but the test has no CHECK-FIXES: " + path, diff)

        # A fix-it that breaks the code is a bug: compile what the fixes produced.
        # Moving fields must also move the constructors' member initialisers.
        c, o = run([self.a.clangxx, "-fsyntax-only", "-Werror=reorder-ctor", "-std=" + std] +
                   self.compiler_args + [path])
        if c:
            fail(where + "the fixed file does not compile: " + path, o)

    def all(self):
        stds = expand_std(self.a.std or "c++17")
        for fe in [f for f in self.a.frontends.split(",") if f]:
            for std in stds:
                self.one(fe, std)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-check-suffix", "--check-suffix", dest="check_suffix")
    p.add_argument("-check-suffixes", "--check-suffixes", dest="check_suffixes")
    p.add_argument("-std", "--std", dest="std")
    p.add_argument("--frontends", default="tidy")
    p.add_argument("--clang-tidy", required=True)
    p.add_argument("--module", required=True)
    p.add_argument("--plugin")
    p.add_argument("--tool")
    p.add_argument("--clangxx", required=True)
    p.add_argument("--filecheck", required=True)
    p.add_argument("source")
    p.add_argument("check")
    p.add_argument("temp")
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i:]
    a = p.parse_args(argv)
    a.extra = extra
    Runner(a).all()


if __name__ == "__main__":
    main()
