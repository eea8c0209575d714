#!/usr/bin/env python3
"""superset.py <clang-tidy> <module> <file> [compiler args...]: runs
performance-inefficient-vector-operation and hotpath-missing-reserve over the
file and fails when the first reports a location the second does not (or
when the first reports nothing: the comparison would prove nothing)."""
import re
import subprocess
import sys

tidy, module, path = sys.argv[1:4]
args = sys.argv[4:]
cmd = [tidy, "--load=" + module,
       "-checks=-*,performance-inefficient-vector-operation,hotpath-missing-reserve",
       path, "--"] + args
out = subprocess.run(cmd, capture_output=True, text=True).stdout
found = {}
for m in re.finditer(r"^.*?:(\d+):(\d+): warning: .*\[([\w-]+)\]$", out, re.M):
    # The same growing call: upstream points at the object, hotpath at the
    # member name; compare lines.
    found.setdefault(m.group(3), set()).add(int(m.group(1)))
upstream = found.get("performance-inefficient-vector-operation", set())
ours = found.get("hotpath-missing-reserve", set())
if not upstream:
    sys.exit("superset.py: performance-inefficient-vector-operation reported nothing\n" + out)
missing = sorted(upstream - ours)
for line in missing:
    print("missed by hotpath-missing-reserve: %s:%d" % (path, line))
print("performance-inefficient-vector-operation: %d, hotpath-missing-reserve: %d, missed: %d"
      % (len(upstream), len(ours), len(missing)))
sys.exit(1 if missing else 0)
