"""The corpus report: the triage sample, the triage files
(test/corpus/triage/<project>.md), the tables and docs/corpus.md."""

import datetime
import os
import platform
import random
import re
from pathlib import Path

from .setup import LLVM, log

ROOT = Path(__file__).resolve().parent.parent.parent
TRIAGE = ROOT / "test/corpus/triage"
# At most this many findings per check are triaged per project (the issue's
# rule: all of them below 30, else a random sample of 30).
SAMPLE = 30
VERDICTS = ("worth acting on", "harmless", "false")


def triage_sample(name, findings):
    """The findings to triage: all below SAMPLE per check, else a seeded
    random sample of SAMPLE (stable across runs of the same findings)."""
    by = {}
    for f in findings:
        by.setdefault(f["check"], []).append(f)
    out = []
    for check, fs in sorted(by.items()):
        if len(fs) > SAMPLE:
            fs = random.Random(f"{name}/{check}").sample(fs, SAMPLE)
        out += sorted(fs, key=lambda f: (f["file"], f["line"]))
    return out


def sample_rows(name, src, findings):
    """The sample as rows of a triage table, the verdict left open."""
    rows = ["| location | check | verdict | why |", "|---|---|---|---|"]
    for f in triage_sample(name, findings):
        rel = os.path.relpath(f["file"], src)
        msg = f["message"].replace("|", "\\|")
        rows.append(f"| `{rel}:{f['line']}` | {f['check']} | ? | {msg} |")
    return rows


# A verdict row: | `file:line` | hotpath-check | verdict | why |. Rows of
# earlier runs (the findings a check change removed) live under a heading
# "Fixed in earlier runs" as a list, not as rows, and are not counted.
ROW_RE = re.compile(
    r"^\|\s*`([^`|]+):(\d+)`\s*\|\s*`?(hotpath-[a-z-]+)`?\s*\|\s*"
    r"\**(worth acting on|harmless|false|\?)\**\s*\|", re.M)


def read_triage(name):
    """[(file, line, check, verdict)] from test/corpus/triage/<name>.md."""
    md = TRIAGE / f"{name}.md"
    if not md.is_file():
        return []
    return [(f, int(l), c, v) for f, l, c, v in ROW_RE.findall(md.read_text())]


def triage_of(res, findings=None):
    """The triage of one project against its current findings: verdict
    counts over the rows that match a sampled finding, the sampled findings
    no row covers (untriaged) and the rows no finding matches (stale), and
    per check the findings shown and the rows triaged."""
    rows = read_triage(res["name"])
    want = {}
    shown = res.get("findings", {})
    if findings is not None:
        for f in triage_sample(res["name"], findings):
            key = (os.path.relpath(f["file"], res["src"]), f["line"], f["check"])
            want[key] = want.get(key, 0) + 1
    out = {"verdicts": {v: 0 for v in VERDICTS}, "per_check": {},
           "untriaged": 0, "stale": 0}
    for f, line, check, verdict in rows:
        key = (f, line, check)
        if findings is not None and not want.get(key):
            out["stale"] += 1
            continue
        if findings is not None:
            want[key] -= 1
        if verdict == "?":
            out["untriaged"] += 1
            continue
        out["verdicts"][verdict] += 1
        c = out["per_check"].setdefault(
            check, {"shown": shown.get(check, 0), "rows": 0,
                    **{v: 0 for v in VERDICTS}})
        c["rows"] += 1
        c[verdict] += 1
    out["untriaged"] += sum(want.values())
    return out


def fmt_checks(d):
    return ", ".join(f"{k.removeprefix('hotpath-')} {v}"
                     for k, v in d.items()) or "—"


def pct(a, b):
    return f"{100 * a / b:.0f}%" if b else "—"


def table(results):
    head = ["project", "version", "TUs", "parse fail", "crashes",
            "findings shown", "held back (run-once)", "fixes applied",
            "TUs recompiled", "fix breaks"]
    rows = []
    for r in results:
        rows.append([
            r["name"], r.get("version", "?"), str(r.get("tus", "—")),
            str(len(r.get("parse_failures", []))),
            str(len(r.get("crashes", []))),
            f"{r.get('findings_total', 0)} ({fmt_checks(r.get('findings', {}))})",
            str(r.get("held_back", "—")),
            str(r.get("fixes_applied", "—")), str(r.get("tus_recompiled", "—")),
            str(len(r.get("fix_breaks", [])))])
    return head, rows


def speed_table(results):
    head = ["project", "TUs timed", "parse floor s", "hotpath-* s",
            "over the floor", "hotpath checks s", "performance-* s", "ratio",
            "slowest check (s)"]
    rows = []
    for r in results:
        t = r.get("timing")
        if not t:
            continue
        floor, hot = t.get("floor_wall_s"), t.get("hotpath_plain_wall_s")
        rows.append([
            r["name"], str(t.get("tus", "—")), str(floor or "—"),
            str(hot or "—"),
            f"{100 * (hot - floor) / floor:+.1f}%" if floor and hot else "—",
            str(t.get("hotpath_checks_s", "—")),
            str(t.get("performance_checks_s", "—")),
            str(t.get("ratio", "—")),
            f"{t.get('slowest_check', '—').removeprefix('hotpath-')} "
            f"({t.get('slowest_check_s', '—')})"])
    return head, rows


def triage_table(results, triages):
    head = ["project", "findings shown", "triaged", "worth acting on",
            "harmless", "false", "TRUE", "worth acting on %", "untriaged"]
    rows = []
    for r in results:
        t = triages[r["name"]]
        v = t["verdicts"]
        n = sum(v.values())
        rows.append([r["name"], str(r.get("findings_total", 0)), str(n),
                     str(v["worth acting on"]), str(v["harmless"]),
                     str(v["false"]), pct(n - v["false"], n),
                     pct(v["worth acting on"], n),
                     str(t["untriaged"]) + (f" ({t['stale']} stale rows)"
                                            if t["stale"] else "")])
    return head, rows


def per_check(triages):
    """Verdicts per check over every project, and the same weighted by the
    findings shown (a check sampled at 30 of 90 counts each row 3 times)."""
    out = {}
    for t in triages.values():
        for check, c in t["per_check"].items():
            o = out.setdefault(check, {"shown": 0, "rows": 0,
                                       **{v: 0 for v in VERDICTS},
                                       **{"w " + v: 0.0 for v in VERDICTS}})
            o["shown"] += c["shown"]
            o["rows"] += c["rows"]
            w = c["shown"] / c["rows"] if c["rows"] else 0
            for v in VERDICTS:
                o[v] += c[v]
                o["w " + v] += c[v] * w
    return dict(sorted(out.items()))


def md_table(head, rows):
    return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + \
        ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |"
         for row in rows]


def speed_lines(results):
    ts = [r["timing"] for r in results if r.get("timing")]
    if not ts:
        return []
    tot = {k: sum(t.get(k) or 0 for t in ts) for k in
           ("tus", "floor_wall_s", "hotpath_plain_wall_s", "floor_cpu_s",
            "hotpath_plain_cpu_s", "hotpath_checks_s", "performance_checks_s")}
    lines = ["", "Speed, per TU of a seeded sample (`--timing-tus`): "
             "clang-tidy with only `performance-avoid-endl` (the parse floor) "
             "and with every hotpath check, both without profiling, wall "
             "clock summed over the sample; then the check time in "
             "`--enable-check-profile` of hotpath-* against performance-*:",
             ""]
    lines += md_table(*speed_table(results))
    f, h = tot["floor_wall_s"], tot["hotpath_plain_wall_s"]
    if f and h:
        fc, hc = tot["floor_cpu_s"], tot["hotpath_plain_cpu_s"]
        lines += ["", f"All projects ({tot['tus']} TUs timed): parse floor "
                  f"{f:.1f} s, every hotpath check {h:.1f} s of wall clock, "
                  f"**{100 * (h - f) / f:+.1f}%** over the floor"
                  + (f" (CPU time {fc:.1f} s against {hc:.1f} s, "
                     f"{100 * (hc - fc) / fc:+.1f}%)" if fc and hc else "")
                  + "."]
    hp, pp = tot["hotpath_checks_s"], tot["performance_checks_s"]
    if pp:
        lines += ["", f"Check time: hotpath checks {hp:.2f} s, performance-* "
                  f"{pp:.2f} s, ratio {hp / pp:.2f}."]
    return lines


def triage_lines(results, triages):
    lines = ["", "Triage of the findings shown, from "
             "`test/corpus/triage/<project>.md` (every finding while a "
             "check has at most 30 in a project, else the seeded sample of "
             "30 that `--sample` prints): **worth acting on** (true, on a "
             "path that runs often enough to matter), **harmless** (true, "
             "but rare or too small a saving), **false** (the claim or the "
             "fix is wrong):", ""]
    lines += md_table(*triage_table(results, triages))
    pc = per_check(triages)
    if not pc:
        return lines
    # Weighted columns only when a check was sampled somewhere: each
    # triaged row then stands for shown/triaged findings of its project.
    sampled = any(c["rows"] < c["shown"] for c in pc.values())
    lines += ["", "Per check over all projects"
              + (" (weighted: each triaged row stands for shown/triaged "
                 "findings of its project):" if sampled else ":"), ""]
    head = ["check", "shown", "triaged", "worth acting on", "harmless",
            "false", "TRUE", "worth acting on %"]
    if sampled:
        head += ["TRUE (weighted)", "worth (weighted)"]
    rows, tot = [], {}
    for check, c in pc.items():
        for k, v in c.items():
            tot[k] = tot.get(k, 0) + v
        rows.append(check_row(check, c, sampled))
    rows.append(check_row("**all**", tot, sampled))
    lines += md_table(head, rows)
    return lines


def check_row(name, c, weighted):
    n, wn = c["rows"], sum(c["w " + v] for v in VERDICTS)
    row = [name, str(c["shown"]), str(n), str(c["worth acting on"]),
           str(c["harmless"]), str(c["false"]), pct(n - c["false"], n),
           pct(c["worth acting on"], n)]
    if weighted:
        row += [pct(wn - c["w false"], wn), pct(c["w worth acting on"], wn)]
    return row


def machine():
    """The number of CPUs and the CPU's model name."""
    cpu = "?"
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in
                   Path("/proc/cpuinfo").read_text().splitlines()
                   if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return os.cpu_count(), cpu


def markdown(results, commit, triages):
    _, cpu = machine()
    lines = [
        f"Run of {datetime.date.today().isoformat()} at commit `{commit}`, "
        f"clang {LLVM}, on {os.cpu_count()} × {cpu}, "
        f"{platform.freedesktop_os_release().get('PRETTY_NAME', 'Linux')}.",
        "Reproduce with `scripts/corpus --write-docs`.", ""]
    lines += md_table(*table(results))
    tus = sum(r.get("tus", 0) for r in results)
    shown = sum(r.get("findings_total", 0) for r in results)
    held = sum(r.get("held_back", 0) for r in results)
    secs = sum(r.get("seconds", 0) for r in results)
    lines += ["", f"All projects: {tus} TUs, {shown} findings shown, "
              f"{held} held back as run-once"
              + (f"; {secs / 60:.0f} minutes." if secs else ".")]
    problems = []
    for r in results:
        for c in r.get("crashes", []):
            problems.append(f"- {r['name']}: crash in `{c['file']}`")
        for b in r.get("fix_breaks", []):
            problems.append(f"- {r['name']}: fixed `{b['file']}` does not "
                            f"compile: {b['errors'][0] if b['errors'] else ''}")
        for pf in r.get("parse_failures", []):
            problems.append(f"- {r['name']}: `{pf['file']}` not analysed: "
                            f"{pf['reason']}")
        if r.get("setup_error"):
            problems.append(f"- {r['name']}: not set up: "
                            f"{r['setup_error'].splitlines()[0]}")
    lines += ["", "Crashes, broken fixes and TUs that did not parse:", ""]
    lines += problems or ["- none"]
    lines += speed_lines(results)
    lines += triage_lines(results, triages)
    return "\n".join(lines) + "\n"


def print_table(results):
    for head, rows in (table(results), speed_table(results)):
        if not rows:
            continue
        widths = [max(len(x) for x in col) for col in zip(head, *rows)]
        for row in [head] + rows:
            print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        print()


def write_docs(md):
    doc = ROOT / "docs/corpus.md"
    begin, end = "<!-- corpus:begin -->", "<!-- corpus:end -->"
    text = doc.read_text() if doc.is_file() else \
        f"# hotpath over real code\n\n{begin}\n{end}\n"
    if begin not in text or end not in text:
        text += f"\n{begin}\n{end}\n"
    pre, rest = text.split(begin, 1)
    _, post = rest.split(end, 1)
    doc.write_text(f"{pre}{begin}\n{md}{end}{post}")
    log(f"wrote {doc.relative_to(ROOT)}")
