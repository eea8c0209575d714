"""Drives one editing session against an LSP server and prints what an editor
would show, one line per fact, for FileCheck:

  SERVER <serverInfo.name> <serverInfo.version>
  DIAG <line>:<col>-<line>:<col> <severity> <source> <code> | <message>
    LINK <codeDescription.href>
    RELATED [<file>:]<line>:<col> <message>   (the file when not the open one)
  ACTION <kind> preferred=<bool> | <title>
  APPLIED <n> edits to <file>
  AFTER ...          (the diagnostics once the edited text is sent)
  AGAIN ...          (the diagnostics after --then-run)
  EXIT <server's exit status>

Lines and columns are 1-based, as compilers print them.

  lsp_session.py --server 'hotpath-clangd ...' --root DIR --open FILE
                 [--fix CODE] [--write FILE] [--then-run CMD]

--fix asks for the quick fixes of the first diagnostic with that code, applies
the first and sends the edited text; --then-run runs a shell command (say, one
that records a new profile) and sends the text again, unchanged.
"""

import argparse
import os
import shlex
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lsp_client  # noqa: E402

SEVERITY = {1: "error", 2: "warning", 3: "information", 4: "hint"}


def pos(p):
    return "%d:%d" % (p["line"] + 1, p["character"] + 1)


def print_diagnostics(diags, prefix="", uri=None):
    for d in sorted(diags, key=lambda d: (d["range"]["start"]["line"],
                                          d["range"]["start"]["character"])):
        r = d["range"]
        print("%sDIAG %s-%s %s %s %s | %s" % (
            prefix, pos(r["start"]), pos(r["end"]), SEVERITY.get(d.get("severity"), "?"),
            d.get("source", "-"), d.get("code", "-"), d["message"].replace("\n", " / ")))
        if "codeDescription" in d:
            print("%s  LINK %s" % (prefix, d["codeDescription"]["href"]))
        for rel in d.get("relatedInformation", []):
            where = rel["location"]["uri"]
            where = "" if where == uri else os.path.basename(where) + ":"
            print("%s  RELATED %s%s %s" % (prefix, where, pos(rel["location"]["range"]["start"]),
                                           rel["message"]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True, help="the server's command line")
    ap.add_argument("--root", required=True)
    ap.add_argument("--open", required=True, help="the file to open")
    ap.add_argument("--fix", help="ask for code actions on the first diagnostic with this code")
    ap.add_argument("--write", help="where to write the text after the fix")
    ap.add_argument("--then-run", help="a shell command to run before sending the text again")
    ap.add_argument("--stderr", help="keep the server's log here")
    ap.add_argument("--timeout", type=int, default=120)
    args = ap.parse_args()

    path = os.path.abspath(args.open)
    uri = lsp_client.file_uri(path)
    text = open(path, encoding="utf-8").read()
    client = lsp_client.Client(shlex.split(args.server), cwd=args.root,
                               stderr_path=args.stderr)
    try:
        info = client.initialize(args.root).get("serverInfo", {})
        print("SERVER %s %s" % (info.get("name"), info.get("version")))
        client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp", "version": 1, "text": text}})
        diags = client.wait_for_diagnostics(uri, 1, args.timeout)["diagnostics"]
        print_diagnostics(diags, uri=uri)

        if args.fix:
            target = [d for d in diags if d.get("code") == args.fix]
            if not target:
                print("NO DIAGNOSTIC %s" % args.fix)
                return 1
            d = target[0]
            actions = client.request("textDocument/codeAction", {
                "textDocument": {"uri": uri}, "range": d["range"],
                "context": {"diagnostics": [d], "only": ["quickfix"]}}, args.timeout)
            for a in actions or []:
                print("ACTION %s preferred=%s | %s" % (a.get("kind"), a.get("isPreferred", False),
                                                       a["title"]))
            fixes = [a for a in actions or [] if a.get("kind") == "quickfix" and "edit" in a]
            if not fixes:
                print("NO QUICKFIX")
                return 1
            edits = lsp_client.workspace_edit_for(fixes[0]["edit"], uri)
            text = lsp_client.apply_text_edits(text, edits)
            if args.write:
                with open(args.write, "w", encoding="utf-8") as f:
                    f.write(text)
            print("APPLIED %d edits to %s" % (len(edits), os.path.basename(path)))
            # The editor sends the edited text; the finding must go away.
            client.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": 2},
                "contentChanges": [{"text": text}]})
            after = client.wait_for_diagnostics(uri, 2, args.timeout)["diagnostics"]
            print_diagnostics(after, prefix="AFTER ", uri=uri)
        if args.then_run:
            subprocess.run(args.then_run, shell=True, check=True, cwd=args.root,
                           stdout=subprocess.DEVNULL)
            # clangd skips a rebuild for identical text: add a blank line at
            # the end, which moves nothing.
            client.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": 3},
                "contentChanges": [{"text": text + "\n"}]})
            again = client.wait_for_diagnostics(uri, 3, args.timeout)["diagnostics"]
            print_diagnostics(again, prefix="AGAIN ", uri=uri)
    finally:
        status = client.shutdown()
    print("EXIT %s" % status)
    return 0


if __name__ == "__main__":
    sys.exit(main())
