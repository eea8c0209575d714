#!/usr/bin/env python3
"""Before/after comparison for hotpath's benchmarks, benchstat style.

Runs a Google Benchmark binary whose benchmarks come in pairs named
`<name>/before` and `<name>/after`, interleaved (random interleaving) with
repetitions, and prints for each pair the median time per item, its spread,
the change, a two-sided Mann-Whitney U p-value, the number of samples, and the
allocation counters (allocs/op, B/op) before -> after.

  bench/compare.py build/bin/hotpath-bench-checks [--reps 10] [--filter REGEX]
                   [--min-time 0.1] [--json out.json] [--markdown out.md]

Spread is half the interquartile range, relative to the median. A p-value
above 0.05 means the difference is not significant at this sample size and
is shown as "~".
"""
import argparse
import json
import math
import platform
import statistics
import subprocess
import sys
from itertools import combinations


def mann_whitney_p(a, b):
    """Two-sided p-value of the Mann-Whitney U test (exact without ties for
    small samples, normal approximation with tie correction otherwise)."""
    n1, n2 = len(a), len(b)
    if n1 == 0 or n2 == 0:
        return float("nan")
    pooled = sorted([(v, 0) for v in a] + [(v, 1) for v in b])
    ranks = [0.0] * len(pooled)
    i, ties = 0, []
    while i < len(pooled):
        j = i
        while j + 1 < len(pooled) and pooled[j + 1][0] == pooled[i][0]:
            j += 1
        r = (i + j) / 2 + 1
        for k in range(i, j + 1):
            ranks[k] = r
        if j > i:
            ties.append(j - i + 1)
        i = j + 1
    r1 = sum(r for r, (_, g) in zip(ranks, pooled) if g == 0)
    u1 = r1 - n1 * (n1 + 1) / 2
    u = min(u1, n1 * n2 - u1)
    if not ties and n1 + n2 <= 40:
        # Exact: count rank-sum arrangements with U <= u by dynamic programming
        # over the number of ways to get each U with i of a's in the first j.
        counts = _u_distribution(n1, n2)
        total = sum(counts)
        p = 2 * sum(counts[: int(math.floor(u)) + 1]) / total
        return min(1.0, p)
    n = n1 + n2
    mu = n1 * n2 / 2
    tie_term = sum(t ** 3 - t for t in ties) / (n * (n - 1)) if n > 1 else 0
    sigma = math.sqrt(n1 * n2 / 12 * ((n + 1) - tie_term))
    if sigma == 0:
        return 1.0
    z = (abs(u1 - mu) - 0.5) / sigma
    return min(1.0, math.erfc(max(z, 0) / math.sqrt(2)))


def _u_distribution(n1, n2):
    # f[i][j] = list of counts of U values for samples of size i and j.
    f = {}
    def dist(i, j):
        if (i, j) in f:
            return f[(i, j)]
        if i == 0 or j == 0:
            res = [1]
        else:
            # The largest element belongs to sample 1 (adds j to U) or sample 2.
            d1 = [0] * j + dist(i - 1, j)
            d2 = dist(i, j - 1)
            size = max(len(d1), len(d2))
            res = [(d1[k] if k < len(d1) else 0) + (d2[k] if k < len(d2) else 0) for k in range(size)]
        f[(i, j)] = res
        return res
    return dist(n1, n2)


def quartiles(xs):
    xs = sorted(xs)
    if len(xs) < 2:
        return xs[0], xs[0]
    q = statistics.quantiles(xs, n=4, method="inclusive")
    return q[0], q[2]


def fmt_time(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return "%.3g %s" % (ns / scale, unit)
    return "%.3g ns" % ns


def fmt_count(x):
    if x is None:
        return "-"
    return "%.3g" % x if x < 1000 else "%.4g" % x


def run(binary, reps, flt, min_time):
    cmd = [binary, "--benchmark_format=json", "--benchmark_repetitions=%d" % reps,
           "--benchmark_enable_random_interleaving=true",
           "--benchmark_min_time=%s" % min_time]
    if flt:
        cmd.append("--benchmark_filter=" + flt)
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out)


def per_item_ns(b):
    # Benchmarks that process several items per iteration report per item.
    ips = b.get("items_per_second")
    if ips:
        return 1e9 / ips
    scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[b.get("time_unit", "ns")]
    return b["real_time"] * scale


def summarise(data):
    runs = {}
    for b in data["benchmarks"]:
        if b.get("run_type") != "iteration":
            continue
        name = b.get("run_name", b["name"])
        if name.endswith("/real_time"):
            name = name[: -len("/real_time")]
        r = runs.setdefault(name, {"ns": [], "allocs": [], "bytes": []})
        r["ns"].append(per_item_ns(b))
        if "allocs/op" in b:
            r["allocs"].append(b["allocs/op"])
        if "B/op" in b:
            r["bytes"].append(b["B/op"])
    rows = []
    for name in sorted(runs):
        if not name.endswith("/before"):
            continue
        base = name[: -len("/before")]
        after = runs.get(base + "/after")
        if not after:
            continue
        before = runs[name]
        mb, ma = statistics.median(before["ns"]), statistics.median(after["ns"])
        qb, qa = quartiles(before["ns"]), quartiles(after["ns"])
        p = mann_whitney_p(before["ns"], after["ns"])
        med = lambda xs: statistics.median(xs) if xs else None
        rows.append({
            "name": base,
            "before_ns": mb, "before_spread": (qb[1] - qb[0]) / 2 / mb if mb else 0,
            "after_ns": ma, "after_spread": (qa[1] - qa[0]) / 2 / ma if ma else 0,
            "delta": (ma - mb) / mb if mb else 0, "speedup": mb / ma if ma else float("inf"),
            "p": p, "n": (len(before["ns"]), len(after["ns"])),
            "before_allocs": med(before["allocs"]), "after_allocs": med(after["allocs"]),
            "before_bytes": med(before["bytes"]), "after_bytes": med(after["bytes"]),
        })
    return rows


def table(rows, ctx):
    head = ["benchmark", "before ns/op", "after ns/op", "delta", "speedup", "p", "n",
            "allocs/op", "B/op"]
    lines = []
    for r in rows:
        delta = "~" if r["p"] > 0.05 else "%+.1f%%" % (100 * r["delta"])
        lines.append([
            r["name"],
            "%s ± %.0f%%" % (fmt_time(r["before_ns"]), 100 * r["before_spread"]),
            "%s ± %.0f%%" % (fmt_time(r["after_ns"]), 100 * r["after_spread"]),
            delta, "%.1fx" % r["speedup"], "%.3f" % r["p"], "%d+%d" % r["n"],
            "%s → %s" % (fmt_count(r["before_allocs"]), fmt_count(r["after_allocs"])),
            "%s → %s" % (fmt_count(r["before_bytes"]), fmt_count(r["after_bytes"])),
        ])
    return head, lines


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--filter")
    ap.add_argument("--min-time", default="0.1")
    ap.add_argument("--json")
    ap.add_argument("--markdown")
    a = ap.parse_args()
    data = run(a.binary, a.reps, a.filter, a.min_time)
    rows = summarise(data)
    ctx = data.get("context", {})
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            model = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = ctx.get("load_avg") or []
    machine = "%s, %s CPUs @ %s MHz, load %s, %d repetitions interleaved" % (
        model, ctx.get("num_cpus"), ctx.get("mhz_per_cpu"),
        " ".join("%.2f" % x for x in load[:1]) or "?", a.reps)
    head, lines = table(rows, ctx)
    widths = [max(len(h), *(len(l[i]) for l in lines)) if lines else len(h) for i, h in enumerate(head)]
    print("machine: " + machine)
    print("  ".join(h.ljust(w) for h, w in zip(head, widths)))
    for l in lines:
        print("  ".join(c.ljust(w) for c, w in zip(l, widths)))
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"context": ctx, "rows": rows}, f, indent=2)
    if a.markdown:
        with open(a.markdown, "w") as f:
            f.write("| " + " | ".join(head) + " |\n|" + "---|" * len(head) + "\n")
            for l in lines:
                f.write("| " + " | ".join(l) + " |\n")
    if not rows:
        sys.exit("compare.py: no before/after pairs found")


if __name__ == "__main__":
    main()
