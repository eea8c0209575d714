"""Setting up a corpus project: the project list, Debian sources and build
dependencies (apt), the prepare commands and the CMake configuration."""

import json
import os
import platform
import re
import shlex
import shutil
import subprocess
from pathlib import Path

LLVM = "19"
CLANG = f"/usr/lib/llvm-{LLVM}/bin/clang"
CLANGXX = f"/usr/lib/llvm-{LLVM}/bin/clang++"


class SetupError(Exception):
    pass


def log(msg):
    print(f"corpus: {msg}", flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, text=True, **kw)


def sudo():
    # sudo resets the environment: keep an isolated apt state's APT_CONFIG.
    return [] if os.geteuid() == 0 else ["sudo", "--preserve-env=APT_CONFIG"]


# ------------------------------------------------------------------ projects

class Project:
    def __init__(self, name, package, deps, args):
        self.name, self.package = name, package
        # "build-dep", "pkgs:a,b" or "build-dep+pkgs:a,b" (the Debian build
        # dependencies without the test profile, plus what the test suite
        # needs).
        self.build_dep = deps.split("+")[0] == "build-dep"
        self.pkgs = [x for x in deps.partition("pkgs:")[2].split(",") if x]
        self.prepare = [a[8:] for a in args if a.startswith("prepare=")]
        self.cmake_args = [a for a in args if not a.startswith("prepare=")]


def read_projects(path):
    out = []
    for n, line in enumerate(path.read_text().splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        f = shlex.split(line)
        if len(f) < 3 or not re.fullmatch(
                r"build-dep|pkgs:[^+]+|build-dep\+pkgs:[^+]+", f[2]):
            raise SetupError(f"{path}:{n}: expected 'name package deps [cmake args]'")
        out.append(Project(f[0], f[1], f[2], f[3:]))
    return out


# ---------------------------------------------------------------- apt setup

def cache_dir(name, default):
    """Where a script keeps what it downloads or computes once: under
    $HOTPATH_CACHE_DIR/<name> when that is set (the cold-path test points it
    at an empty directory), else the script's own default."""
    root = os.environ.get("HOTPATH_CACHE_DIR")
    return Path(root) / name if root else Path(default)


def apt_dirs():
    """apt's sources.list and sources.list.d as apt itself resolves them, so
    that $APT_CONFIG (an isolated apt state, as the cold-path test uses) is
    honoured like everywhere else in apt."""
    r = run(["apt-config", "shell", "L", "Dir::Etc::sourcelist/f",
             "D", "Dir::Etc::sourceparts/d"], capture_output=True)
    found = dict(re.findall(r"^(L|D)='([^']*)'$", r.stdout, re.M))
    return (Path(found.get("L", "/etc/apt/sources.list")),
            Path(found.get("D", "/etc/apt/sources.list.d")))


def ensure_deb_src():
    """A deb-src entry mirroring the machine's own Debian 'deb' entry."""
    sources_list, parts = apt_dirs()
    lists = [sources_list] + sorted(
        f for f in parts.glob("*") if f.suffix in (".list", ".sources"))
    text = "\n".join(p.read_text(errors="replace") for p in lists if p.is_file())
    if re.search(r"^\s*deb-src\s", text, re.M) or re.search(
            r"^Types:.*\bdeb-src\b", text, re.M):
        return
    uri, suites, signed = "http://deb.debian.org/debian", "", ""
    for stanza in re.split(r"\n\s*\n", text):
        if re.search(r"^Types:.*\bdeb\b", stanza, re.M) and \
                "security" not in stanza:
            m = re.search(r"^URIs:\s*(\S+)", stanza, re.M)
            uri = m.group(1) if m else uri
            m = re.search(r"^Suites:\s*(.+)$", stanza, re.M)
            suites = m.group(1).strip() if m else ""
            m = re.search(r"^Signed-By:\s*(\S+)", stanza, re.M)
            signed = m.group(1) if m else ""
            break
    if not suites:
        m = re.search(r"^\s*deb\s+(?:\[[^]]*\]\s+)?(\S+)\s+(\S+)", text, re.M)
        if m and "security" not in m.group(2):
            uri, suites = m.group(1), m.group(2)
    if not suites:
        codename = platform.freedesktop_os_release().get(
            "VERSION_CODENAME", "bookworm")
        suites = codename
    entry = f"Types: deb-src\nURIs: {uri}\nSuites: {suites}\nComponents: main\n"
    if signed:
        entry += f"Signed-By: {signed}\n"
    dest = str(parts / "hotpath-deb-src.sources")
    log(f"adding a deb-src entry ({uri} {suites}) in {dest}")
    r = run(sudo() + ["tee", dest], input=entry, stdout=subprocess.DEVNULL)
    if r.returncode:
        raise SetupError(f"cannot write {dest}")
    apt_update(force=True)


_updated = False


def apt_update(force=False):
    global _updated
    if _updated and not force:
        return
    r = run(sudo() + ["apt-get", "update", "-qq"])
    if r.returncode:
        raise SetupError("apt-get update failed")
    _updated = True


def apt_env():
    return dict(os.environ, DEBIAN_FRONTEND="noninteractive")


def missing_packages(pkgs):
    missing = []
    for p in pkgs:
        r = run(["dpkg-query", "-W", "-f=${Status}", p],
                capture_output=True)
        if "install ok installed" not in r.stdout:
            missing.append(p)
    return missing


def install_packages(pkgs):
    missing = missing_packages(pkgs)
    if not missing:
        return
    apt_update()
    log(f"installing {' '.join(missing)}")
    r = run(sudo() + ["apt-get", "install", "-y", "-qq",
                      "--no-install-recommends"] + missing, env=apt_env())
    if r.returncode:
        raise SetupError(f"apt-get install {' '.join(missing)} failed")


def fetch(p, work):
    """Unpacks the source package into work/<name>/src (once)."""
    src = work / p.name / "src"
    if (src / "debian" / "control").is_file():
        return src
    ensure_deb_src()
    tmp = work / p.name / "fetch"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    log(f"{p.name}: apt-get source {p.package}")
    r = run(["apt-get", "source", "-qq", p.package], cwd=tmp,
            capture_output=True)
    if r.returncode:
        apt_update()
        r = run(["apt-get", "source", "-qq", p.package], cwd=tmp,
                capture_output=True)
    dirs = [d for d in tmp.iterdir() if d.is_dir()]
    if r.returncode or len(dirs) != 1:
        raise SetupError(f"{p.name}: apt-get source {p.package} failed:\n"
                         f"{r.stdout}{r.stderr}")
    shutil.rmtree(src, ignore_errors=True)
    dirs[0].rename(src)
    shutil.rmtree(tmp)
    return src


def install_deps(p, src):
    install_packages(p.pkgs)
    if not p.build_dep:
        return
    # Only what the architecture-dependent build needs, without the doc and
    # test profiles: no doxygen, sphinx or LaTeX for an analysis.
    check = run(["dpkg-checkbuilddeps", "-B", "-Pnocheck,nodoc"], cwd=src,
                capture_output=True)
    if check.returncode == 0:
        return
    apt_update()
    log(f"{p.name}: apt-get build-dep {p.package}")
    r = run(sudo() + ["apt-get", "build-dep", "-y", "-qq",
                      "--no-install-recommends", "--arch-only",
                      "-Pnocheck,nodoc", p.package], env=apt_env())
    if r.returncode:
        raise SetupError(f"{p.name}: apt-get build-dep {p.package} failed")


def prepare(p, src):
    """What the package's own build generates before CMake can configure
    (re2's Debian source drops its generated Unicode tables)."""
    for cmd in p.prepare:
        r = run(["sh", "-c", cmd], cwd=src, capture_output=True)
        if r.returncode:
            raise SetupError(f"{p.name}: '{cmd}' failed:\n{r.stdout[-2000:]}"
                             f"{r.stderr[-2000:]}")


def configure(p, src, work):
    build = work / p.name / "build"
    args = [a.replace("{src}", str(src)) for a in p.cmake_args]
    stamp = build / "hotpath-configure.args"
    want = json.dumps(args)
    if (build / "compile_commands.json").is_file() and stamp.is_file() and \
            stamp.read_text() == want:
        return build
    shutil.rmtree(build, ignore_errors=True)
    cmd = ["cmake", "-S", str(src), "-B", str(build), "-G", "Ninja",
           f"-DCMAKE_C_COMPILER={CLANG}", f"-DCMAKE_CXX_COMPILER={CLANGXX}",
           "-DCMAKE_BUILD_TYPE=Release", "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON",
           "-Wno-dev"] + args
    log(f"{p.name}: configuring")
    r = run(cmd, capture_output=True)
    if r.returncode or not (build / "compile_commands.json").is_file():
        raise SetupError(f"{p.name}: cmake failed:\n{r.stdout[-3000:]}"
                         f"{r.stderr[-3000:]}")
    stamp.write_text(want)
    return build
