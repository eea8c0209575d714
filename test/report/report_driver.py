"""Helpers of the `hotpath report` tests.

  report_driver.py cdb DIR CXX FLAGS... -- FILE...
      DIR/compile_commands.json: FILE... compiled by CXX with FLAGS, with
      absolute paths (as CMake writes them).
  report_driver.py build DIR EXPORT PLUGIN [--launcher CMD] [--config] [ARG...]
      compiles every entry of DIR/compile_commands.json (to DIR/obj/) with the
      compiler plugin exporting to EXPORT, plugin arguments ARG (name=value).
      --launcher: prefix every command (distcc); --config: pass the plugin
      through a clang configuration file (DIR/hotpath.cfg), the form that
      reaches a distccd (it refuses -fplugin= on its command line).
  report_driver.py distcc DIR EXPORT PLUGIN [ARG...]
      `build` through a real distributed compiler: starts distccd on
      127.0.0.1 only (a free port, a private log and state directory), runs
      every compile as `distcc <compiler> --config=...` (pump mode off: the
      client preprocesses, the server compiles the .ii with the plugin),
      with no local fallback, then checks in distccd's log that every TU
      was compiled by the server.
  report_driver.py same A.json B.json
      the two JSON outputs hold the same findings (every field, in order).
  report_driver.py shards N FILE...
      the shard outputs FILE... (JSON) have main-file findings of disjoint
      sets of sources whose union is every source with findings in the
      first FILE (a run without --shard).
"""
import json
import os
import shlex
import subprocess
import sys


def cdb(args):
    d = os.path.abspath(args[0])
    sep = args.index("--")
    cxx, flags, files = args[1], args[2:sep], args[sep + 1:]
    entries = []
    for f in files:
        src = os.path.join(d, f)
        entries.append({"directory": d, "file": src,
                        "arguments": [cxx] + flags + ["-c", src]})
    with open(os.path.join(d, "compile_commands.json"), "w") as out:
        json.dump(entries, out, indent=1)


def build(args):
    d, export, plugin = os.path.abspath(args[0]), args[1], args[2]
    rest = args[3:]
    launcher, use_config = [], False
    while rest and rest[0].startswith("--"):
        if rest[0] == "--launcher":
            launcher = shlex.split(rest[1])
            rest = rest[2:]
        elif rest[0] == "--config":
            use_config = True
            rest = rest[1:]
    plugin_args = ["-fplugin=" + plugin,
                   "-fplugin-arg-hotpath-export-dir=" + export] + \
        ["-fplugin-arg-hotpath-" + a for a in rest]
    if use_config:
        # -C: the client's preprocessing keeps comments, so the server sees
        # the sources' own lines (fixes are checked against them, NOLINT
        # works); the compile proper ignores it.
        cfg = os.path.join(d, "hotpath.cfg")
        with open(cfg, "w") as f:
            f.write("\n".join(plugin_args + ["-C"]) + "\n")
        plugin_args = ["--config=" + cfg]
    os.makedirs(os.path.join(d, "obj"), exist_ok=True)
    entries = json.load(open(os.path.join(d, "compile_commands.json")))
    failed = 0
    for i, e in enumerate(entries):
        cmd = e.get("arguments") or shlex.split(e["command"])
        cmd = launcher + [cmd[0]] + plugin_args + cmd[1:] + \
            ["-o", os.path.join(d, "obj", "%d.o" % i)]
        r = subprocess.run(cmd, cwd=e["directory"], capture_output=True,
                           text=True, timeout=300)
        if r.returncode:
            failed += 1
            sys.stderr.write("failed: %s\n%s" % (" ".join(cmd), r.stderr))
    sys.exit(1 if failed else 0)


def distcc(args):
    import socket
    import tempfile
    import time
    d, export = os.path.abspath(args[0]), os.path.abspath(args[1])
    # distccd drops root privileges to its own user: the export directory
    # must be writable by it, like a build's shared output directory.
    os.makedirs(export, exist_ok=True)
    os.chmod(export, 0o1777)
    # Not lit's TMPDIR (private to this user): distccd writes its log and
    # temporary files here.
    state = tempfile.mkdtemp(prefix="hotpath-distcc-", dir="/tmp")
    os.chmod(state, 0o1777)
    log = os.path.join(state, "distccd.log")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    daemon = subprocess.Popen(
        ["distccd", "--daemon", "--no-detach", "--listen", "127.0.0.1",
         "--allow", "127.0.0.1", "--port", str(port), "--jobs", "2",
         "--log-file", log, "--log-level", "info"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=dict(os.environ, TMPDIR=state))
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), 0.1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            log_text = open(log).read() if os.path.exists(log) else ""
            print("distccd did not start on 127.0.0.1:%d\n%s" %
                  (port, log_text))
            sys.exit(1)
        env = dict(os.environ, DISTCC_HOSTS="127.0.0.1:%d/2" % port,
                   DISTCC_FALLBACK="0", DISTCC_SKIP_LOCAL_RETRY="1",
                   DISTCC_BACKOFF_PERIOD="0", DISTCC_DIR=state)
        os.environ.update(env)
        try:
            build([args[0], export, args[2], "--launcher", "distcc",
                   "--config"] + args[3:])
        except SystemExit as e:
            if e.code:
                raise
        # A server child logs its job summary after it has sent the object
        # back, so the client can finish before the last line is written:
        # wait for it rather than cut it off by stopping the daemon.
        want = len(json.load(open(os.path.join(d, "compile_commands.json"))))
        for _ in range(200):
            if os.path.exists(log) and open(log).read().count("COMPILE_OK") >= want:
                break
            time.sleep(0.05)
    finally:
        daemon.terminate()
        daemon.wait()
        log_text = open(log).read() if os.path.exists(log) else ""
        subprocess.run(["rm", "-rf", state])
    entries = json.load(open(os.path.join(d, "compile_commands.json")))
    done = log_text.count("COMPILE_OK")
    if done != len(entries):
        print("distccd compiled %d of %d TUs:\n%s" %
              (done, len(entries), log_text[-3000:]))
        sys.exit(1)
    print("distccd on 127.0.0.1 compiled %d of %d TUs" % (done, len(entries)))


def load(path):
    with open(path) as f:
        return json.load(f)


def same(args):
    a, b = load(args[0]), load(args[1])
    if a == b:
        print("same: %d findings" % len(a))
        return
    print("DIFFERENT: %d against %d findings" % (len(a), len(b)))
    for x in a:
        if x not in b:
            print("only in %s: %s" % (args[0], json.dumps(x)[:400]))
    for x in b:
        if x not in a:
            print("only in %s: %s" % (args[1], json.dumps(x)[:400]))
    sys.exit(1)


def shards(args):
    n, whole, parts = int(args[0]), load(args[1]), args[2:]
    assert len(parts) == n, "expected %d shard outputs" % n
    everything = {f["file"] for f in whole if f["file"].endswith(".cpp")}
    seen = {}
    for p in parts:
        # Not the entries a shard hands on for the resolution across TUs
        # (every source sends its effect summaries).
        mine = {f["file"] for f in load(p) if f["file"].endswith(".cpp")
                and "effect_summaries" not in f and "pending" not in f}
        for src in mine:
            if src in seen:
                print("%s analysed by %s and %s" % (src, seen[src], p))
                sys.exit(1)
            seen[src] = p
    if set(seen) != everything:
        print("missing: %s" % sorted(everything - set(seen)))
        sys.exit(1)
    print("%d shards: each of %d sources exactly once" % (n, len(seen)))


{"cdb": cdb, "build": build, "distcc": distcc, "same": same,
 "shards": shards}[sys.argv[1]](
    sys.argv[2:])
