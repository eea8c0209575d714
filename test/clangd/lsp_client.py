"""A small Language Server Protocol client over stdio, for hotpath-clangd's
tests (test/clangd/lsp.test) and its latency benchmark (scripts/clangd-latency).

It speaks the base protocol (Content-Length framed JSON-RPC), answers the
requests a server sends a client (configuration, progress, registration) with
null, and keeps every notification so a caller can wait for the one it wants.
"""

import json
import os
import queue
import subprocess
import threading
import time
import urllib.parse


def file_uri(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


def uri_path(uri):
    assert uri.startswith("file://"), uri
    return urllib.parse.unquote(uri[len("file://"):])


class LspError(Exception):
    pass


class Client:
    def __init__(self, command, cwd, stderr_path=None):
        self._stderr = open(stderr_path, "wb") if stderr_path else subprocess.DEVNULL
        self.proc = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self._stderr)
        self._next_id = 0
        self._replies = {}
        self._reply_ready = threading.Condition()
        self.notifications = queue.Queue()
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()

    # ------------------------------------------------------------ transport
    def _send(self, message):
        body = json.dumps(message).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _read_message(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                return None
            line = line.strip()
            if not line:
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        if length is None:
            raise LspError("a message without Content-Length")
        return json.loads(self.proc.stdout.read(length))

    def _read_loop(self):
        while True:
            message = self._read_message()
            if message is None:
                with self._reply_ready:
                    self._replies["eof"] = True
                    self._reply_ready.notify_all()
                self.notifications.put(None)
                return
            if "id" in message and "method" in message:
                # A request from the server: we support none of them.
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            elif "id" in message:
                with self._reply_ready:
                    self._replies[message["id"]] = message
                    self._reply_ready.notify_all()
            else:
                self.notifications.put(message)

    # ------------------------------------------------------------- requests
    def request(self, method, params, timeout=120):
        self._next_id += 1
        rid = self._next_id
        self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        with self._reply_ready:
            while rid not in self._replies:
                if "eof" in self._replies:
                    raise LspError("the server exited while we waited for " + method)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise LspError("no reply to %s in %ds" % (method, timeout))
                self._reply_ready.wait(left)
            reply = self._replies.pop(rid)
        if "error" in reply:
            raise LspError("%s failed: %s" % (method, reply["error"]))
        return reply.get("result")

    def notify(self, method, params):
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_for(self, predicate, timeout=120):
        """The first notification for which predicate(message) holds."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise LspError("timed out waiting for a notification")
            try:
                message = self.notifications.get(timeout=left)
            except queue.Empty:
                continue
            if message is None:
                raise LspError("the server exited while we waited")
            if predicate(message):
                return message

    def wait_for_diagnostics(self, uri, version=None, timeout=120):
        def match(m):
            if m.get("method") != "textDocument/publishDiagnostics":
                return False
            p = m["params"]
            return p["uri"] == uri and (version is None or p.get("version") == version)
        return self.wait_for(match, timeout)["params"]

    # ------------------------------------------------------------ lifecycle
    def initialize(self, root):
        capabilities = {
            "textDocument": {
                "publishDiagnostics": {"relatedInformation": True,
                                       "codeDescriptionSupport": True,
                                       "versionSupport": True},
                "codeAction": {"codeActionLiteralSupport": {
                    "codeActionKind": {"valueSet": ["quickfix", "refactor", "source"]}}},
                "synchronization": {"didSave": True},
            },
            "workspace": {"workspaceEdit": {"documentChanges": True}},
        }
        result = self.request("initialize", {
            "processId": os.getpid(), "rootUri": file_uri(root),
            "capabilities": capabilities})
        self.notify("initialized", {})
        return result

    def shutdown(self, timeout=60):
        try:
            self.request("shutdown", None, timeout=timeout)
            self.notify("exit", None)
            return self.proc.wait(timeout=timeout)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            if self._stderr is not subprocess.DEVNULL:
                self._stderr.close()


# ------------------------------------------------------------------ edits
def _offset(text, position):
    """Offset of an LSP position (UTF-16 code units) in text."""
    lines = text.split("\n")
    line = position["line"]
    offset = sum(len(l) + 1 for l in lines[:line])
    units = 0
    column = 0
    current = lines[line] if line < len(lines) else ""
    while units < position["character"] and column < len(current):
        units += 2 if ord(current[column]) > 0xFFFF else 1
        column += 1
    return offset + column


def apply_text_edits(text, edits):
    """Applies LSP TextEdits (non-overlapping) to text."""
    spans = sorted(((_offset(text, e["range"]["start"]), _offset(text, e["range"]["end"]),
                     e["newText"]) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def workspace_edit_for(edit, uri):
    """The TextEdits of a WorkspaceEdit that touch uri."""
    edits = list(edit.get("changes", {}).get(uri, []))
    for change in edit.get("documentChanges", []):
        if change.get("textDocument", {}).get("uri") == uri:
            edits.extend(change["edits"])
    return edits
