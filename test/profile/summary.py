#!/usr/bin/env python3
"""summary.py json|sarif FILE: one line per finding with its hotness, in the
order of the output: 'LINE CHECK source=.. executions=.. entries=..
samples=.. cost=.. cold=.. share=ok' (SARIF adds rank=ok when the rank is
the share in percent). The share is checked for range here, not printed:
exact shares depend on the compiler's line table."""
import json
import sys

kind, path = sys.argv[1], sys.argv[2]
with open(path) as f:
    data = json.load(f)


def describe(line, check, hot, rank=None):
    if hot is None:
        return "%s %s no-hotness" % (line, check)
    share = hot["share"]
    assert 0.0 <= share <= 1.0, share
    out = "%s %s source=%s executions=%s entries=%s samples=%s cost=%s cold=%s" % (
        line, check, hot["source"], hot["executions"], hot["entries"],
        hot["samples"] if hot["samples"] is None else "N",
        hot["cost"] if hot["cost"] is None else "N",
        str(hot["cold"]).lower())
    if rank is not None:
        assert abs(rank - min(100.0, share * 100.0)) < 1e-6, (rank, share)
        out += " rank=ok"
    return out


if kind == "json":
    for f in data:
        print(describe(f["line"], f["check"], f.get("hotness")))
else:
    for r in data["runs"][0]["results"]:
        line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
        hot = r.get("properties", {}).get("hotness")
        print(describe(line, r["ruleId"], hot, r.get("rank") if hot else None))
