#!/usr/bin/env python3
"""Writes a synthetic access log for logproc, the workload scripts/demo
profiles (generated here, nothing downloaded):

  make_log.py --lines 200000 --files 4 --out DIR     DIR/access-<i>.log

Each line: "<ms timestamp> <client ip> <method> <path> <status> <bytes>",
the format logproc parses; the mix (5% errors, a few slow requests) is fixed
by a seed, so every run profiles the same work."""
import argparse
import os
import random

METHODS = ["GET", "POST", "GET", "PUT", "GET", "DELETE"]
PATHS = ["/", "/login", "/api/items", "/api/cart", "/static/app.js",
         "/api/items/42", "/health"]

parser = argparse.ArgumentParser()
parser.add_argument("--lines", type=int, default=200000)
parser.add_argument("--files", type=int, default=4)
parser.add_argument("--out", required=True)
parser.add_argument("--seed", type=int, default=42)
args = parser.parse_args()

rng = random.Random(args.seed)
os.makedirs(args.out, exist_ok=True)
per_file = args.lines // args.files
stamp = 1700000000000
for i in range(args.files):
    with open(os.path.join(args.out, "access-%d.log" % i), "w") as f:
        for _ in range(per_file):
            stamp += rng.randint(0, 20)
            status = 503 if rng.random() < 0.05 else 200
            f.write("%d 10.0.%d.%d %s %s %d %d\n" % (
                stamp, rng.randint(0, 3), rng.randint(1, 254),
                rng.choice(METHODS), rng.choice(PATHS), status,
                rng.randint(0, 400000)))
