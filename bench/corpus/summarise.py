#!/usr/bin/env python3
"""Records and summarises corpus benchmark runs (used by bench/corpus/run.sh). Standard library only.

    summarise.py record --file F --mode M ...   one JSON record (a line) from one solve + verify
    summarise.py build --jsonl results.jsonl    results.json and RESULTS.md from the records
    summarise.py report [--results results.json] [--out RESULTS.md]
                                                RESULTS.md again from an existing results.json

A record's `outcome` is one of
  optimal      a rota, proven optimal                       (status "optimal")
  feasible     a rota, not proven                           (status "feasible")
  infeasible   no rota, and the solver says why             (status "infeasible", a diagnosis)
  infeasible-no-diagnosis                                   (status "infeasible", no diagnosis)
  timeout      no rota within the limit                     (status "timeout")
  file-error   heltid refused the file (exit 2)
  crash        exit code outside 0/1/2 (a panic is 101), or a signal
  killed       the safety timeout (2 × limit + 60 s) killed it
  no-json      stdout was not JSON
"""

from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ANSWERED = ("optimal", "feasible")


def read_text(path: str, limit: int = 4000) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return ""
    return text if len(text) <= limit else "…" + text[-limit:]


def read_json(path: str):
    """(value, error): the parsed JSON, or None and why not."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        return None, f"unreadable: {e}"
    if not text.strip():
        return None, "empty output"
    try:
        return json.loads(text), None
    except json.JSONDecodeError as e:
        return None, f"not JSON ({e}); starts {text[:200]!r}"


def rel(path: str) -> str:
    path = os.path.abspath(path)
    return os.path.relpath(path, ROOT) if path.startswith(ROOT + os.sep) else path


def record(args) -> int:
    rec = {
        "unit": os.path.splitext(os.path.basename(args.file))[0],
        "file": rel(args.file),
        "mode": args.mode,
        "time_limit": float(args.time_limit),
        "exit_code": int(args.solve_rc),
        "wall_seconds": round(float(args.wall), 3),
        "build_busy": args.busy not in ("", "00"),
    }
    rc = rec["exit_code"]
    solve, error = read_json(args.solve_json)
    stderr = read_text(args.solve_err, 1500).strip()
    if stderr:
        rec["stderr"] = stderr
    if rc in (124, 137) or (rc == 143):
        outcome = "killed"
    elif rc not in (0, 1, 2):
        outcome = "crash"
        if rc > 128:
            rec["signal"] = rc - 128
    elif solve is None or not isinstance(solve, dict):
        outcome = "no-json"
        rec["json_error"] = error or "not a JSON object"
    elif rc == 2 or solve.get("status") == "error":
        outcome = "file-error"
        rec["errors"] = solve.get("errors", [])
    else:
        status = solve.get("status")
        if status == "infeasible":
            outcome = "infeasible" if solve.get("diagnosis") else "infeasible-no-diagnosis"
        elif status in ("optimal", "feasible", "timeout"):
            outcome = status
        else:
            outcome = f"status-{status}"
    rec["outcome"] = outcome
    if isinstance(solve, dict):
        rec["status"] = solve.get("status")
        bounds = solve.get("bounds") or {}
        after = solve.get("after") or {}
        problem = solve.get("problem") or {}
        rules = problem.get("rules") or {}
        positions = after.get("positions_pct") or []
        for key in ("solve_seconds", "gap_pct", "heads", "proven_lower_bound_heads",
                    "average_position_pct"):
            rec[key] = solve.get(key)
        rec["weekend_heads"] = bounds.get("weekend_heads")
        rec["weekend_bound_heads"] = bounds.get("weekend_bound_heads")
        rec["hours_bound_heads"] = bounds.get("hours_bound_heads")
        rec["arithmetic_bound_heads"] = arithmetic_bound(
            bounds.get("weekend_heads"), bounds.get("weekend_frequency"), problem.get("weeks"),
            bounds.get("hours_bound_heads"))
        rec["max_average_position_pct"] = bounds.get("max_average_position_pct")
        rec["full_time_hours"] = bounds.get("full_time_hours")
        rec["weeks"] = problem.get("weeks")
        if rec["outcome"] in ANSWERED:
            rec["full_time_share_pct"] = after.get("full_time_share_pct")
            rec["under_50_share_pct"] = after.get("under_50_share_pct")
            rec["smallest_position_pct"] = min(positions) if positions else None
            floor = rules.get("min_position_pct")
            rec["min_position_pct"] = floor
            if floor is not None and positions:
                rec["lines_under_min"] = sum(1 for p in positions if p < floor - 1e-6)
        quality = solve.get("quality") or {}
        before = quality.get("before_phase")
        if rec["outcome"] in ANSWERED and before:
            # The quality phase (--quality-seconds > 0): the score and the singles before and after.
            rec["quality"] = {
                "score_before": before.get("score"),
                "score_after": quality.get("score"),
                "singles_before": before.get("singles_per_line_per_6_weeks"),
                "singles_after": quality.get("singles_per_line_per_6_weeks"),
                "spread_before": before.get("average_week_hours_spread"),
                "spread_after": quality.get("average_week_hours_spread"),
                "phase_seconds": quality.get("phase_seconds"),
            }
        rec["diagnosis"] = solve.get("diagnosis") or []
        if solve.get("targets"):
            rec["targets"] = solve.get("targets")  # missed targets (min position, full time, wishes)
        sv = solve.get("violations") or []
        rec["solve_breaches"] = sum(1 for v in sv if v.get("severity") == "breach")
        rec["solve_agreements"] = sum(1 for v in sv if v.get("severity") == "agreement")
    else:
        rec["status"] = None
    # The independent check of the saved proposal.
    if args.verify_rc != "":
        verify, verror = read_json(args.verify_json)
        rec["verify_exit_code"] = int(args.verify_rc)
        if isinstance(verify, dict):
            vv = verify.get("violations") or []
            breaches = [v for v in vv if v.get("severity") == "breach"]
            rec["verify_ok"] = bool(verify.get("ok"))
            rec["verify_breaches"] = len(breaches)
            rec["verify_agreements"] = sum(1 for v in vv if v.get("severity") == "agreement")
            if breaches:
                rec["verify_breach_messages"] = [
                    f"{v.get('rule')}: {v.get('message')}" for v in breaches[:10]]
            if verify.get("errors"):
                rec["verify_errors"] = verify.get("errors")
        else:
            rec["verify_ok"] = False
            rec["verify_error"] = verror
            err = read_text(args.verify_err, 1000).strip()
            if err:
                rec["verify_stderr"] = err
    elif rec["outcome"] in ANSWERED:
        rec["verify_error"] = "a rota was reported but no proposal file was saved"
    rec["anomalies"] = anomalies(rec)
    print(json.dumps(rec, ensure_ascii=False))
    return 0


def arithmetic_bound(w, f, weeks, hours_bound):
    """max(hours bound, ⌈W · weeks / ⌊weeks / f⌋⌉): in a cycle that is not a multiple of f a line
    works at most ⌊weeks / f⌋ of its weekends, so the weekends need more than f · W heads."""
    if not all(isinstance(x, int) for x in (w, f, weeks)) or f < 1 or weeks < f:
        return hours_bound
    cyclic = -(-w * weeks // (weeks // f))
    return max(cyclic, hours_bound or 0)


def anomalies(rec) -> list[str]:
    """Things a reader should look at: disagreements between exit code, status and files."""
    notes = []
    out, rc = rec["outcome"], rec["exit_code"]
    if out in ANSWERED and rc != 0:
        notes.append(f"status {out} but exit code {rc}")
    if out in ("infeasible", "infeasible-no-diagnosis", "timeout") and rc != 1:
        notes.append(f"status {out} but exit code {rc}")
    if out == "infeasible-no-diagnosis":
        notes.append("infeasible without a diagnosis")
    if out == "timeout" and not rec.get("diagnosis"):
        notes.append("timeout without a diagnosis")
    limit = rec["time_limit"]
    secs = rec.get("solve_seconds")
    if isinstance(secs, (int, float)) and secs > limit * 1.1 + 1:
        notes.append(f"solve_seconds {secs:.1f} over the {limit:g} s limit")
    if rec["wall_seconds"] > limit * 1.1 + 3:
        notes.append(f"wall clock {rec['wall_seconds']:.1f} s over the {limit:g} s limit")
    if isinstance(secs, (int, float)) and rec["wall_seconds"] > secs + 5:
        notes.append(f"wall clock {rec['wall_seconds']:.1f} s against solve_seconds {secs:.1f}")
    if out in ("infeasible", "timeout") and isinstance(secs, (int, float)) and secs < limit * 0.5:
        for line in rec.get("diagnosis") or []:
            low = line.lower()
            if "within" in low and ("did not finish" in low or "not finish" in low or "time" in low):
                notes.append(f"says it ran out of time after {secs:.1f} of {limit:g} s")
                break
    if rec.get("verify_breaches"):
        notes.append(f"verify found {rec['verify_breaches']} breach(es)")
    if rec.get("solve_breaches"):
        notes.append(f"solve reported {rec['solve_breaches']} breach(es)")
    if rec.get("verify_error"):
        notes.append(f"verify: {rec['verify_error']}")
    heads, lb = rec.get("heads"), rec.get("proven_lower_bound_heads")
    if out in ANSWERED and isinstance(heads, int) and isinstance(lb, int) and lb > heads:
        notes.append(f"proven lower bound {lb} above the {heads} heads found")
    bound = rec.get("arithmetic_bound_heads")
    if not isinstance(bound, int):
        bounds = [b for b in (rec.get("weekend_bound_heads"), rec.get("hours_bound_heads"))
                  if isinstance(b, int)]
        bound = max(bounds) if bounds else None
    if isinstance(lb, int) and isinstance(bound, int) and lb < bound and out in (*ANSWERED, "timeout"):
        notes.append(f"proven_lower_bound_heads {lb} below the arithmetic bound {bound}")
    fw = rec.get("weekend_bound_heads")
    if isinstance(bound, int) and isinstance(fw, int) and bound > max(fw, rec.get("hours_bound_heads") or 0):
        said = " ".join(rec.get("diagnosis") or [])
        if f"from {fw} heads" in said:
            notes.append(f"diagnosis cites {fw} heads (f·W); this cycle needs at least {bound}")
    return notes


# ---------------------------------------------------------------------------------------------

def git(*args) -> str:
    try:
        return subprocess.run(["git", "-C", ROOT, *args], capture_output=True, text=True,
                              timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def sha256(path: str) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return ""
    return h.hexdigest()


def build(args) -> int:
    records = []
    with open(args.jsonl, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as e:
                records.append({"unit": f"line {number}", "mode": "?", "outcome": "record-failed",
                                "anomalies": [f"unreadable record: {e}"]})
    heltid = os.path.join(ROOT, args.heltid) if not os.path.isabs(args.heltid) else args.heltid
    dirty = [line.split(None, 1)[-1] for line in git(
        "status", "--porcelain", "--untracked-files=no", "--", "src", "Cargo.toml", "Cargo.lock"
    ).splitlines() if line.strip()]
    built = args.binary_built
    if not built:
        try:
            built = datetime.datetime.fromtimestamp(os.path.getmtime(heltid), datetime.timezone.utc)
            built = built.strftime("%Y-%m-%d %H:%M:%S UTC")
        except OSError:
            built = ""
    meta = {
        "commit": git("rev-parse", "--short", "HEAD"),
        "commit_date": git("log", "-1", "--format=%cd", "--date=iso"),
        "source_dirty": bool(dirty),
        "dirty_files": dirty,
        "binary": rel(heltid),
        "binary_built": built,
        "binary_sha256": args.binary_sha256 or sha256(heltid),
        "started": args.started,
        "finished": args.finished,
        "modes": args.modes.split(","),
        "time_limit": float(args.time_limit),
        "slice": int(args.slice),
        "units": int(args.units),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "note": args.note,
        "command": f"bench/corpus/run.sh --modes {args.modes} --time-limit {args.time_limit}"
                   + (f" --slice {args.slice}" if int(args.slice) > 0 else ""),
    }
    results = {"meta": meta, "records": records}
    path = os.path.join(args.out_dir, "results.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(results, f, ensure_ascii=False, indent=1)
        f.write("\n")
    md = os.path.join(args.out_dir, "RESULTS.md")
    with open(md, "w", encoding="utf-8") as f:
        f.write(render(results))
    print(f"wrote {rel(path)} ({len(records)} records) and {rel(md)}", file=sys.stderr)
    print(summary_table(records, meta["modes"]))
    return 0


def report(args) -> int:
    with open(args.results, encoding="utf-8") as f:
        results = json.load(f)
    if args.note is not None:
        results["meta"]["note"] = args.note
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(render(results))
    print(summary_table(results["records"], results["meta"]["modes"]))
    return 0


# ---------------------------------------------------------------------------------------------

def seconds(rec):
    s = rec.get("solve_seconds")
    return s if isinstance(s, (int, float)) else rec.get("wall_seconds")


def fmt_s(x) -> str:
    return "–" if x is None else f"{x:.2f}"


def table(rows) -> str:
    head, *body = rows
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in body]
    return "\n".join(out)


def mode_stats(records, mode):
    rs = [r for r in records if r.get("mode") == mode]
    count = lambda *outs: sum(1 for r in rs if r.get("outcome") in outs)
    secs = [seconds(r) for r in rs if seconds(r) is not None]
    answered_secs = [seconds(r) for r in rs if r.get("outcome") in ANSWERED and seconds(r) is not None]
    walls = [r["wall_seconds"] for r in rs if "wall_seconds" in r]
    at_bound = sum(1 for r in rs if r.get("outcome") in ANSWERED and r.get("heads") is not None
                   and r.get("heads") == (r.get("arithmetic_bound_heads") or r.get("weekend_bound_heads")))
    verified = [r for r in rs if "verify_breaches" in r]
    bounded = sum(1 for r in rs if r.get("outcome") in ANSWERED and every_level_bounded(r))
    return {
        "runs": len(rs),
        "answered": count(*ANSWERED),
        "optimal": count("optimal"),
        "feasible": count("feasible"),
        "infeasible": count("infeasible"),
        "infeasible_no_diag": count("infeasible-no-diagnosis"),
        "timeout": count("timeout"),
        "errors": len(rs) - count(*ANSWERED, "infeasible", "infeasible-no-diagnosis", "timeout"),
        "median": statistics.median(secs) if secs else None,
        "max": max(secs) if secs else None,
        "median_answered": statistics.median(answered_secs) if answered_secs else None,
        "max_wall": max(walls) if walls else None,
        "total_wall": sum(walls),
        "at_bound": at_bound,
        "bounded": bounded,
        "verified": len(verified),
        "verify_runs_with_breaches": sum(1 for r in verified if r["verify_breaches"]),
        "verify_breaches": sum(r["verify_breaches"] for r in verified),
        "verify_failed": sum(1 for r in rs if r.get("verify_error")),
        "build_busy": sum(1 for r in rs if r.get("build_busy")),
    }


def every_level_bounded(rec) -> bool:
    """Each level of the objective proven, or its bound stated: the heads by a proven lower
    bound, each target by `proven` or a `best_possible` with the reason it was not reached."""
    if not rec.get("proven_lower_bound_heads"):
        return False
    return all(t.get("proven") or (t.get("best_possible") is not None and t.get("explanation"))
               for t in rec.get("targets") or [])


def pct(part, whole) -> str:
    return f"{part} ({part / whole * 100:.0f} %)" if whole else str(part)


def summary_table(records, modes) -> str:
    rows = [["mode", "runs", "answered (a rota)", "proven optimal", "feasible, not proven",
             "infeasible, diagnosed", "infeasible, no diagnosis", "timeout", "crash / error",
             "every level proven or bounded", "median s", "max s", "median s (answered)",
             "heads = bound",
             "verify breaches"]]
    for mode in modes:
        s = mode_stats(records, mode)
        n = s["runs"]
        breaches = (f"{s['verify_breaches']} in {s['verify_runs_with_breaches']} of {s['verified']} rotas"
                    if s["verify_breaches"] else f"0 ({s['verified']} rotas checked)")
        if s["verify_failed"]:
            breaches += f"; verify failed on {s['verify_failed']}"
        rows.append([mode, n, pct(s["answered"], n), pct(s["optimal"], n), s["feasible"],
                     s["infeasible"], s["infeasible_no_diag"], s["timeout"], s["errors"],
                     pct(s["bounded"], n), fmt_s(s["median"]), fmt_s(s["max"]), fmt_s(s["median_answered"]),
                     s["at_bound"], breaches])
    return table(rows)


def load_index():
    path = os.path.join(HERE, "units", "index.csv")
    try:
        with open(path, encoding="utf-8") as f:
            return {row["file"].removesuffix(".ron"): row for row in csv.DictReader(f)}
    except OSError:
        return {}


def unit_bound(row) -> str:
    """The arithmetic bound on heads from the generator's index row."""
    try:
        fte = float(row["need_fte"])
        hours = int(-(-fte // 1)) if abs(fte - round(fte)) > 1e-9 else round(fte)
        return str(max(int(row["cyclic_weekend_bound"]), hours))
    except (KeyError, ValueError):
        return "?"


def short(rec) -> str:
    out = rec.get("outcome", "?")
    if out in ANSWERED:
        text = f"{out} {rec.get('heads')}/{rec.get('arithmetic_bound_heads') or rec.get('weekend_bound_heads')}"
    else:
        text = out
    s = seconds(rec)
    return f"{text}, {s:.1f} s" if s is not None else text


def quality_section(records) -> list[str]:
    """The quality phase, when the run had one: the score before and after on every rota."""
    rows = [r for r in records if r.get("quality") and r["quality"].get("score_before")]
    if not rows:
        return []
    halved = [r for r in rows if r["quality"]["score_after"] <= r["quality"]["score_before"] / 2]
    ratios = sorted(r["quality"]["score_after"] / r["quality"]["score_before"] for r in rows)
    median = ratios[len(ratios) // 2]
    out = [
        "## Quality phase",
        "",
        f"The score fell by at least half on {len(halved)} of {len(rows)} rotas; the median score "
        f"after the phase is {median * 100:.0f} % of the score before it.",
        "",
        "| unit | mode | score before → after | after / before | singles per line per 6 weeks | "
        "weekly spread, h | phase s |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        q = r["quality"]
        out.append(
            f"| {r['unit']} | {r['mode']} | {q['score_before']:.0f} → {q['score_after']:.0f} | "
            f"{q['score_after'] / q['score_before'] * 100:.0f} % | "
            f"{q['singles_before']:.1f} → {q['singles_after']:.1f} | "
            f"{q['spread_before']:.1f} → {q['spread_after']:.1f} | {fmt_s(q.get('phase_seconds'))} |")
    out.append("")
    return out


def render(results) -> str:
    meta, records = results["meta"], results["records"]
    modes = meta["modes"]
    for rec in records:  # the checks may be newer than the records
        if "exit_code" in rec and "wall_seconds" in rec:
            rec["anomalies"] = anomalies(rec)
    index = load_index()
    date = (meta.get("started") or "")[:10]
    dirty = " + uncommitted changes in " + ", ".join(
        sorted({"/".join(path.split("/")[:2]) for path in meta.get("dirty_files", [])})
    ) if meta.get("source_dirty") else ""
    lines = [
        "# Corpus benchmark results",
        "",
        f"**Run: commit `{meta.get('commit')}`{dirty}, {date}** "
        f"(`{meta.get('command')}`; {meta.get('units')} units, time limit "
        f"{meta.get('time_limit'):g} s, {meta.get('started')} – {meta.get('finished')}).",
        "",
    ]
    if meta.get("note"):
        lines += [meta["note"], ""]
    lines += [
        f"- binary `{meta.get('binary')}`, built {meta.get('binary_built')}, sha256 "
        f"`{(meta.get('binary_sha256') or '')[:16]}…`",
        f"- machine: {meta.get('machine')}; one solve at a time",
        "- generated by `bench/corpus/summarise.py` from `results.json`; the corpus and the "
        "scripts are described in [README.md](README.md)",
    ]
    busy = sum(1 for r in records if r.get("build_busy"))
    if busy:
        lines.append(f"- **{busy} run(s) overlapped a cargo/rustc build**: their times are inflated")
    if meta.get("source_dirty"):
        lines.append("- the working tree had uncommitted changes when the run ended; the binary was presumably built from them "
                     "(" + ", ".join(f"`{f}`" for f in meta.get("dirty_files", [])) + ")")
    lines += [
        "",
        "Seconds are heltid's own `solve_seconds` (wall clock where there is none). "
        "\"heads = bound\" counts rotas whose head count equals the arithmetic lower bound: the "
        "larger of the hours bound ⌈FTE⌉ and the weekend bound, which is f·W when the cycle is a "
        "multiple of f and ⌈W · weeks / ⌊weeks / f⌋⌉ otherwise (a line works at most ⌊weeks / f⌋ "
        "weekends in the cycle). "
        "\"every level proven or bounded\" counts rotas where each level of the objective is "
        "proven or has its bound in the report: the heads a proven lower bound, each target "
        "(minimum position, full time, wishes) proven or its best possible with the reason it "
        "was not reached. "
        "\"verify breaches\" are breaches found by `heltid verify` on the saved proposal "
        "(the independent checker); they should be 0.",
        "",
        "## Per mode",
        "",
        summary_table(records, modes),
        "",
    ]
    for mode in modes:
        s = mode_stats(records, mode)
        lines.append(f"- {mode}: {s['runs']} runs took {s['total_wall'] / 60:.1f} min of wall clock "
                     f"(max {fmt_s(s['max_wall'])} s).")
    lines.append("")

    lines += quality_section(records)

    # Anything a reader should look at.
    odd = [r for r in records if r.get("anomalies") or r.get("outcome") not in ANSWERED]
    lines += ["## Runs without a rota, and anomalies", ""]
    if not odd:
        lines.append("None: every run returned a rota, and nothing odd was seen.")
    else:
        rows = [["unit", "mode", "outcome", "s", "exit", "diagnosis / message", "anomalies"]]
        for r in odd:
            message = " ".join(r.get("diagnosis") or [])
            if not message:
                message = r.get("json_error") or r.get("stderr") or "; ".join(r.get("errors", []))
            message = (message or "").replace("|", "\\|").replace("\n", " ")
            if len(message) > 400:
                message = message[:400] + "…"
            rows.append([r.get("unit"), r.get("mode"), r.get("outcome"), fmt_s(seconds(r)),
                         r.get("exit_code"), message or "–",
                         "; ".join(r.get("anomalies") or []).replace("|", "\\|") or "–"])
        lines.append(table(rows))
    lines.append("")

    # One row per unit.
    units = sorted({r.get("unit") for r in records if r.get("unit")})
    by = {(r.get("unit"), r.get("mode")): r for r in records}
    head = ["unit", "weeks", "f", "shifts", "full time", "staff (FTE % of need)", "W", "f·W",
            "bound", "min pos %"]
    head += [f"{m}: outcome heads/bound, s" for m in modes]
    rows = [head]
    for unit in units:
        row = index.get(unit, {})
        multiple = "" if row.get("weeks_multiple_of_f", "True") == "True" else "*"
        ratio = row.get("staff_ratio")
        staff = f"{row.get('staff', '?')} ({float(ratio) * 100:.0f} %)" if ratio else "?"
        cells = [unit, f"{row.get('weeks', '?')}{multiple}", row.get("weekend_frequency", "?"),
                 row.get("shifts", "?"), row.get("full_time", "?").replace("Hours(", "").rstrip(")"),
                 staff, row.get("weekend_heads", "?"), row.get("weekend_bound", "?"),
                 unit_bound(row), row.get("min_position_pct", "?")]
        cells += [short(by[(unit, m)]) if (unit, m) in by else "–" for m in modes]
        rows.append(cells)
    lines += ["## Per unit", "",
              "`*`: the cycle is not a multiple of the weekend frequency. W: people per weekend day; "
              "bound: the arithmetic lower bound on heads (see above); both from the generator's "
              "arithmetic in `units/index.csv`. A cell shows the outcome, heads / the bound the "
              "solver's own numbers give, and solve_seconds.", "", table(rows), ""]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("record", help="one record from one solve + verify, printed as a JSON line")
    r.add_argument("--file", required=True)
    r.add_argument("--mode", required=True)
    r.add_argument("--time-limit", required=True)
    r.add_argument("--solve-rc", required=True)
    r.add_argument("--wall", required=True)
    r.add_argument("--solve-json", required=True)
    r.add_argument("--solve-err", default="")
    r.add_argument("--verify-rc", default="")
    r.add_argument("--verify-json", default="")
    r.add_argument("--verify-err", default="")
    r.add_argument("--busy", default="")
    b = sub.add_parser("build", help="results.json and RESULTS.md from the records")
    b.add_argument("--jsonl", required=True)
    b.add_argument("--out-dir", default=HERE)
    b.add_argument("--heltid", default="target/release/heltid")
    b.add_argument("--binary-built", default="")
    b.add_argument("--binary-sha256", default="")
    b.add_argument("--modes", default="ideal,today,rotating")
    b.add_argument("--time-limit", default="20")
    b.add_argument("--slice", default="0")
    b.add_argument("--units", default="0")
    b.add_argument("--started", default="")
    b.add_argument("--finished", default="")
    b.add_argument("--note", default="", help="a sentence printed under the title")
    p = sub.add_parser("report", help="RESULTS.md again from results.json")
    p.add_argument("--results", default=os.path.join(HERE, "results.json"))
    p.add_argument("--out", default=os.path.join(HERE, "RESULTS.md"))
    p.add_argument("--note", default=None, help="replace the run's note")
    args = parser.parse_args(argv)
    return {"record": record, "build": build, "report": report}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
