"""Writes DIR/compile_commands.json: one entry per FILE, compiled by CXX with
-std=c++17 in DIR.  make_cdb.py DIR CXX FILE..."""
import json
import os
import sys

root, cxx, files = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3:]
with open(os.path.join(root, "compile_commands.json"), "w") as f:
    json.dump([{"directory": root, "file": os.path.join(root, name),
                "arguments": [cxx, "-std=c++17", "-c", name]} for name in files], f, indent=1)
