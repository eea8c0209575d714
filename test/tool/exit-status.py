#!/usr/bin/env python3
"""exit-status.py N cmd args...: runs cmd, passes its output through, and
succeeds only if it exited with status N (lit's `not` only knows non-zero)."""
import subprocess
import sys

want = int(sys.argv[1])
got = subprocess.call(sys.argv[2:])
if got != want:
    sys.stderr.write("exit-status.py: expected exit status %d, got %d: %s\n" % (want, got, " ".join(sys.argv[2:])))
    sys.exit(1)
