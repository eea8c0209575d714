"""The crash hunt's inputs: libstdc++'s testsuite from Debian's source
package (fetched once into the cache), the files clang accepts on their own,
and the seeded sample of them that a run analyses (scripts/crash-hunt)."""
import collections
import concurrent.futures as cf
import json
import time
import os
import random
import re
import shutil
import subprocess
from pathlib import Path

from corpus_lib import setup as apt
from corpus_lib.crash_report import LLVM, PACKAGE, log, run

CLANGXX = f"/usr/lib/llvm-{LLVM}/bin/clang++"
CACHE = Path(os.environ.get("HOTPATH_CRASH_HUNT_CACHE") or apt.cache_dir(
    "crash-hunt", "/var/cache/hotpath-crash-hunt"))
SEED = "hotpath-crash-hunt"


class SetupError(Exception):
    pass


# Tests that are meant not to compile (or only to be preprocessed).
SKIP_MARKERS = [
    ("dg-error", re.compile(r"dg-error\b")),
    ("dg-excess-errors", re.compile(r"dg-excess-errors\b")),
    ("dg-ice", re.compile(r"dg-ice\b")),
    ("dg-do preprocess", re.compile(r"\{\s*dg-do\s+preprocess\b")),
]
INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
IF_RE = re.compile(r"^\s*#\s*if")          # #if, #ifdef, #ifndef
ENDIF_RE = re.compile(r"^\s*#\s*endif\b")


def fetch_testsuite():
    """libstdc++-v3/testsuite of Debian's gcc-12, extracted once into CACHE.
    Returns (testsuite dir, source package version)."""
    ts, stamp = CACHE / "testsuite", CACHE / "testsuite.version"
    if stamp.is_file() and (ts / "util").is_dir():
        return ts, stamp.read_text().strip()
    dl = CACHE / "download"
    dl.mkdir(parents=True, exist_ok=True)
    if not list(dl.glob(f"{PACKAGE}_*.orig.tar.*")):
        try:
            apt.ensure_deb_src()
            cmd = ["apt-get", "source", "--download-only", "-qq", PACKAGE]
            log(f"{' '.join(cmd)} (into {dl})")
            r = run(cmd, cwd=dl, capture_output=True)
            if r.returncode:
                apt.apt_update(force=True)
                r = run(cmd, cwd=dl, capture_output=True)
        except apt.SetupError as e:
            raise SetupError(str(e))
        if r.returncode:
            raise SetupError(f"apt-get source {PACKAGE} failed:\n"
                             f"{r.stdout}{r.stderr}")
    orig = sorted(dl.glob(f"{PACKAGE}_*.orig.tar.*"))[-1]
    dsc = sorted(dl.glob(f"{PACKAGE}_*.dsc"))
    version = dsc[-1].name[len(PACKAGE) + 1:-4] if dsc else orig.name
    # Debian's orig tarball wraps upstream's (beside newlib and gm2).
    r = run(["tar", "-tf", str(orig)], capture_output=True)
    inner = [m for m in r.stdout.split()
             if re.search(r"(^|/)gcc-[0-9][^/]*\.tar\.(xz|gz|bz2)$", m)]
    if r.returncode or len(inner) != 1:
        raise SetupError(f"no single gcc-*.tar.* inside {orig}: {inner}")
    unpack = {"xz": "-J", "gz": "-z", "bz2": "-j"}[inner[0].rsplit(".", 1)[1]]
    tmp = CACHE / "extract.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    log(f"extracting */libstdc++-v3/testsuite/* from {orig.name}:{inner[0]}")
    r = run(["bash", "-c", 'set -o pipefail; tar -xOf "$1" "$2" | '
             'tar -x "$3" -C "$4" --wildcards "*/libstdc++-v3/testsuite/*"',
             "-", str(orig), inner[0], unpack, str(tmp)], capture_output=True)
    found = list(tmp.glob("*/libstdc++-v3/testsuite"))
    if r.returncode or len(found) != 1:
        raise SetupError(f"extracting the testsuite failed:\n{r.stderr}")
    shutil.rmtree(ts, ignore_errors=True)
    found[0].rename(ts)
    shutil.rmtree(tmp)
    stamp.write_text(version + "\n")
    return ts, version


def clang_search_dirs():
    r = run([CLANGXX, "-std=c++20", "-xc++", "-E", "-v", "-"],
            input="", capture_output=True)
    dirs, inside = [], False
    for line in r.stderr.splitlines():
        if line.startswith("#include <...> search starts here"):
            inside = True
        elif line.startswith("End of search list"):
            break
        elif inside:
            dirs.append(Path(line.strip().split(" (")[0]))
    return dirs


def missing_include(path, util, system):
    """The first #include outside any #if that no search directory has
    (a header of another compiler, target or build), else None."""
    depth = 0
    for line in path.read_text(errors="replace").splitlines():
        if IF_RE.match(line):
            depth += 1
        elif ENDIF_RE.match(line):
            depth = max(0, depth - 1)
        elif depth == 0 and (m := INCLUDE_RE.match(line)):
            kind, name = m.groups()
            dirs = ([path.parent] if kind == '"' else []) + [util] + system
            if not any((d / name).is_file() for d in dirs):
                return name
    return None


def select_files(ts):
    """Every *.cc, and those worth asking clang about with why not."""
    found = sorted(ts.rglob("*.cc"))
    util, system = ts / "util", clang_search_dirs()
    keep, skipped = [], collections.Counter()
    for f in found:
        text = f.read_text(errors="replace")
        why = next((name for name, rx in SKIP_MARKERS if rx.search(text)),
                   None)
        if why is None and missing_include(f, util, system):
            why = "includes a missing header"
        if why:
            skipped[why] += 1
        else:
            keep.append(f)
    return found, keep, skipped


def spread_order(files, ts):
    """A seeded order that walks the testsuite's top directories in step:
    each directory's files shuffled, then interleaved by their fraction of
    the directory, so any prefix is spread like the whole and has at least
    one file from each directory once it is longer than the directory count."""
    groups = collections.defaultdict(list)
    for f in files:
        rel = f.relative_to(ts)
        groups[rel.parts[0] if len(rel.parts) > 1 else "."].append(f)
    keyed = []
    for d, fs in sorted(groups.items()):
        random.Random(f"{SEED}:{d}").shuffle(fs)
        keyed += [(i / len(fs), d, str(f), f) for i, f in enumerate(fs)]
    return [k[-1] for k in sorted(keyed)]


class Acceptance:
    """Whether clang-19 compiles a file with -std=c++20, cached per clang
    version: file (relative to the testsuite) -> null or its first error."""

    def __init__(self, ts, jobs):
        r = run([CLANGXX, "--version"], capture_output=True)
        m = re.search(r"version (\S+)", r.stdout)
        self.version = m.group(1) if m else LLVM
        self.ts, self.jobs = ts, jobs
        self.path = CACHE / f"accepted-clang-{self.version}.json"
        self.known = json.loads(self.path.read_text()) \
            if self.path.is_file() else {}
        self.seconds = 0.0  # spent asking clang in this run

    def _one(self, f):
        cmd = [CLANGXX, "-std=c++20", "-fsyntax-only", "-w",
               "-I", str(self.ts / "util"), str(f)]
        try:
            r = run(cmd, capture_output=True, cwd=f.parent, timeout=300)
        except subprocess.TimeoutExpired:
            return "timeout after 300 s"
        if r.returncode == 0:
            return None
        err = next((l for l in r.stderr.splitlines() if " error: " in l),
                   r.stderr.strip()[:200] or f"exit {r.returncode}")
        return err.replace(str(self.ts) + "/", "")

    def check(self, files):
        """Asks clang about the files it does not know; the accepted ones."""
        todo = [f for f in files if self.key(f) not in self.known]
        if todo:
            log(f"clang++-{LLVM} -std=c++20 -fsyntax-only over {len(todo)} "
                f"files ({len(files) - len(todo)} cached)")
        t0 = time.monotonic()
        with cf.ThreadPoolExecutor(self.jobs) as ex:
            results = zip(todo, ex.map(self._one, todo))
            for n, (f, err) in enumerate(results, 1):
                self.known[self.key(f)] = err
                if n % 250 == 0 or n == len(todo):
                    self.save()
                    log(f"  {n}/{len(todo)} in {time.monotonic() - t0:.0f} s")
        self.seconds += time.monotonic() - t0
        return [f for f in files if self.known[self.key(f)] is None]

    def key(self, f):
        return str(f.relative_to(self.ts))

    def save(self):
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.known, indent=0, sort_keys=True))
        tmp.replace(self.path)


def choose(ts, candidates, acc, sample):
    """Every accepted file, or the first `sample` accepted ones in
    spread_order (asking clang only as far as needed)."""
    if not sample:
        return acc.check(candidates)
    order, chosen, i = spread_order(candidates, ts), [], 0
    while len(chosen) < sample and i < len(order):
        # A little more than what is missing: most files are accepted.
        n = (sample - len(chosen)) * 5 // 4 + acc.jobs
        chosen += acc.check(order[i:i + n])
        i += n
    return sorted(chosen[:sample])
