"""hotpath-clangd and the standalone tool agree: every main-file finding the
tool reports for a file (check, line, column; for a header, as part of the
sources that include it) is a diagnostic when an editor opens it, and hotpath-clangd reports nothing the tool does not. clangd runs
the checks over the main file's top-level declarations only, so an analysis
that needs the rest of the TU would show here as a difference.

  same_findings.py --tool T --server S --root DIR FILE...   (DIR has the CDB)

Prints one line per finding, `SAME <file>:<line>:<col> <check>`, then
`ONLY-TOOL ...` / `ONLY-CLANGD ...` for differences (the test's FileCheck
lines say which are expected).
"""

import argparse
import json
import os
import shlex
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lsp_client  # noqa: E402


def tool_findings(tool, root, files):
    # Headers are analysed as part of the sources that include them.
    sources = [f for f in files if not f.endswith((".h", ".hpp"))]
    out = subprocess.run([tool, "-p", root, "--format=json", "--quiet", "--header-filter=.*"] + sources,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=root)
    if out.returncode not in (0, 1):
        sys.exit("the tool failed (%d): %s" % (out.returncode, out.stderr))
    found = set()
    wanted = {os.path.realpath(f) for f in files}
    for f in json.loads(out.stdout):
        path = os.path.realpath(f["file"])
        if path in wanted:
            found.add((os.path.basename(path), f["line"], f["column"], f["check"]))
    return found


def clangd_findings(server, root, files):
    client = lsp_client.Client(shlex.split(server), cwd=root)
    found = set()
    try:
        client.initialize(root)
        for version, path in enumerate(files, 1):
            uri = lsp_client.file_uri(path)
            client.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "cpp", "version": version,
                "text": open(path, encoding="utf-8").read()}})
            for d in client.wait_for_diagnostics(uri, version)["diagnostics"]:
                code = str(d.get("code", ""))
                if code.startswith("hotpath-"):
                    start = d["range"]["start"]
                    found.add((os.path.basename(path), start["line"] + 1,
                               start["character"] + 1, code))
            client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    finally:
        client.shutdown()
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True)
    ap.add_argument("--server", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    files = [os.path.abspath(f) for f in args.files]
    args.tool = os.path.abspath(args.tool)
    tool = tool_findings(args.tool, args.root, files)
    clangd = clangd_findings(args.server, args.root, files)
    for f in sorted(tool & clangd):
        print("SAME %s:%d:%d %s" % f)
    for f in sorted(tool - clangd):
        print("ONLY-TOOL %s:%d:%d %s" % f)
    for f in sorted(clangd - tool):
        print("ONLY-CLANGD %s:%d:%d %s" % f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
