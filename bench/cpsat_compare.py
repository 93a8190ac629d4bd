#!/usr/bin/env python3
"""Side-by-side: heltid (HiGHS via good_lp) against OR-Tools CP-SAT on the same rota model.

Usage:
    python3 bench/cpsat_compare.py FILE.ron [FILE.ron ...] [--json] [--time-limit 60]
                                   [--no-objective] [--no-below] [--heltid target/release/heltid]

For every scenario file:

1. Runs `heltid solve FILE --json --time-limit 60` (ideal mode) and takes the echoed `problem`
   (weeks, weekend frequency, full-time hours, shifts, needs, rules), the heads per line family
   (night lines = lines whose worked shifts are all night shifts, when night and day lines are
   kept apart) and heltid's `solve_seconds` (wall clock of the whole solve: every head count
   tried, the full-time search and the internal rule check; process start-up is not included).
2. Builds, per line family, the same feasibility model as src/solve/model.rs (`Goal::Feasible`,
   as `feasibility_model` in src/solve/mod.rs builds it) at the H heltid reported, and solves it with CP-SAT, num_workers=1 (heltid runs HiGHS with threads=1):
   "first" = seconds to the first rota at H (that is what proves the heads, given the bound).
3. Optionally (default on) maximises the number of full-time lines at H with CP-SAT, with the
   same arithmetic upper bound heltid uses (`most_full_time_lines`) as a redundant constraint.
4. Optionally (default on) asks CP-SAT to prove H-1 infeasible, capped at the time limit, twice:
   with heltid's fixed weekend groups (line l in group l mod f) and with solver-chosen groups
   (model.rs `weekend_frequency` for lines without a group), the latter being the proof that the
   weekend bound makes unnecessary.
5. Writes the CP-SAT rota (all families, at H) into a copy of the scenario as a `proposal` and
   runs `heltid verify --json` on it (coverage, qualified coverage and every other rule), and
   also checks exact coverage itself.

Constraints modelled, as in src/solve/model.rs (line numbers of the version benchmarked):
  x[l,d,s] only where the family allows the shift and, with fixed groups, where the day is not
  weekend work or (d/7) mod f == l mod f; one shift per day; coverage == need (>= when
  coverage_exact is false); qualified coverage with per-line chosen, nested qualification levels
  q[l,k] and y <= x, y <= q; daily rest as forbidden successor pairs 1 and 2 days apart
  (gap < min_daily_rest); weekly rest as a rest day r[l,d] (r + work <= 1, r + x[d-1,s] +
  x[d+1,t] <= 2 for pairs with a 2-day gap < min_weekly_rest, >= 1 rest day per calendar week);
  at most M consecutive work days (cyclic windows of M+1); <= max_hours_per_7_days in every
  cyclic 7-day window only when longest shift * (7 - 7 // (M+1)) exceeds it; weekend frequency
  (fixed groups, or group binaries when weeks mod f == 0, else at most 1 worked weekend in f
  consecutive); whole weekends (work Sat == work Sun); Sunday off after Sunday work only when
  f < 2 (else implied); floor <= hours <= FT * weeks (floor = smallest sum of whole shifts
  >= min_position_pct % of FT * weeks); hours(l) >= hours(next line of the same group).

Differences from heltid's model (none changes the feasible set):
  * Hours are integers in minutes (heltid: floats in hours). Shift hours are whole minutes in
    every example, so the sets are the same; the 100 % cap is rounded down to whole minutes.
  * The continuous y/r/w variables of the MIP are Booleans here (CP-SAT has no continuous
    variables); the constraints force them to 0/1-valid values in the MIP too.
  * The first-rota model has no full-time binaries (heltid before commit 122fde9 kept them with a
    zero objective, where they were free). Step 3 adds them with the objective.
  * heltid finds the full-time optimum by repeated feasibility runs with the first k lines
    designated full time (mod.rs `lines_at`); CP-SAT here maximises the count in one run.
  * qualified_needs and `full_time` / `three_shift_full_time_hours` are not in the echoed
    `problem`, so they are read from the .ron file (simple regex parser, comments stripped).
  * Only ideal mode is compared; today mode (employees, vacancies) is not modelled.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

DAY = 1440
SATURDAY, SUNDAY, FRIDAY = 5, 6, 4
QUAL_ORDER = ["Assistent", "Helsefagarbeider", "Sykepleier"]


# --------------------------------------------------------------------------- the instance


@dataclass
class Shift:
    code: str
    start: int  # minutes after the start day's midnight
    end: int  # past 1440 when crossing midnight
    minutes: int  # paid minutes
    night: bool


@dataclass
class Instance:
    weeks: int
    f: int
    shifts: list[Shift]
    need: list[list[int]]  # [s][weekday]
    qualified_need: list[tuple[int, int, list[int]]]  # (s, level index, min per weekday)
    ft_hours: float
    separate: bool
    forbidden_next: list[list[int]]
    forbidden_two: list[list[int]]
    short_single: list[list[int]]
    sunday_work: list[list[bool]]
    weekend_work: list[list[bool]]
    max_consec: int
    max_minutes_7: float
    whole_weekends: bool
    sunday_off: bool
    min_position_pct: float
    tolerance_pct: float
    coverage_exact: bool
    days: int = field(init=False)

    def __post_init__(self):
        self.days = self.weeks * 7

    def only(self, keep) -> "Instance":
        kept = [i for i, s in enumerate(self.shifts) if keep(s)]
        new = {old: i for i, old in enumerate(kept)}

        def remap(pairs):
            return [[new[t] for t in pairs[s] if t in new] for s in kept]

        return Instance(
            weeks=self.weeks, f=self.f,
            shifts=[self.shifts[s] for s in kept],
            need=[self.need[s] for s in kept],
            qualified_need=[(new[s], q, m) for s, q, m in self.qualified_need if s in new],
            ft_hours=self.ft_hours, separate=self.separate,
            forbidden_next=remap(self.forbidden_next),
            forbidden_two=remap(self.forbidden_two),
            short_single=remap(self.short_single),
            sunday_work=[self.sunday_work[s] for s in kept],
            weekend_work=[self.weekend_work[s] for s in kept],
            max_consec=self.max_consec, max_minutes_7=self.max_minutes_7,
            whole_weekends=self.whole_weekends, sunday_off=self.sunday_off,
            min_position_pct=self.min_position_pct, tolerance_pct=self.tolerance_pct,
            coverage_exact=self.coverage_exact,
        )

    def full_cycle_minutes(self) -> float:
        return self.ft_hours * self.weeks * 60.0


def hhmm(text: str) -> int:
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def strip_comments(ron: str) -> str:
    return re.sub(r"//[^\n]*", "", ron)


def ron_extras(path: str) -> dict:
    """What the echoed problem lacks: qualified needs and how full time is set."""
    text = strip_comments(open(path, encoding="utf-8").read())
    extras = {"qualified_needs": [], "three_shift": False, "fixed_hours": None,
              "three_shift_full_time_hours": 33.6}
    m = re.search(r"full_time\s*:\s*(ThreeShift|Hours\(\s*([0-9.]+)\s*\))", text)
    if m:
        if m.group(1) == "ThreeShift":
            extras["three_shift"] = True
        else:
            extras["fixed_hours"] = float(m.group(2))
    m = re.search(r"three_shift_full_time_hours\s*:\s*([0-9.]+)", text)
    if m:
        extras["three_shift_full_time_hours"] = float(m.group(1))
    for q in re.finditer(
        r"\(\s*shift\s*:\s*\"([^\"]+)\"\s*,\s*qualification\s*:\s*(\w+)\s*,\s*min\s*:\s*\[([^\]]*)\]",
        text,
    ):
        mins = [max(0, int(v)) for v in q.group(3).replace(" ", "").split(",") if v]
        mins = (mins + [0] * 7)[:7]
        extras["qualified_needs"].append((q.group(1).strip(), q.group(2), mins))
    return extras


def build_instance(problem: dict, extras: dict) -> Instance:
    rules = problem["rules"]
    shifts = []
    need = []
    for s in problem["shifts"]:
        start, end = hhmm(s["start"]), hhmm(s["end"])
        if end <= start:
            end += DAY
        shifts.append(Shift(s["code"], start, end, round(s["hours"] * 60), bool(s["night"])))
        counts = [max(0, int(c)) for c in problem["needs"][s["code"]]][:7]
        need.append(counts + [0] * (7 - len(counts)))
    codes = [s.code for s in shifts]
    qualified = []
    for code, qual, mins in extras["qualified_needs"]:
        if code in codes and any(c > 0 for c in mins):
            qualified.append((codes.index(code), QUAL_ORDER.index(qual), mins))

    def shorter_than(days_apart: int, minutes: float):
        return [[j for j, b in enumerate(shifts) if days_apart * DAY + b.start - a.end < minutes]
                for a in shifts]

    def sunday_window(wd: int, s: Shift) -> bool:
        sat = (SATURDAY - wd) * DAY
        lo, hi = sat + 18 * 60, sat + DAY + 22 * 60
        return any(s.start < hi + k and s.end > lo + k for k in (-7 * DAY, 0, 7 * DAY))

    fri_night = bool(problem.get("friday_night_is_weekend", False))
    separate = (not extras["three_shift"]) and extras["fixed_hours"] is not None and \
        extras["fixed_hours"] > extras["three_shift_full_time_hours"] + 1e-9
    return Instance(
        weeks=int(problem["weeks"]), f=max(1, int(problem["weekend_frequency"])),
        shifts=shifts, need=need, qualified_need=qualified,
        ft_hours=float(problem["full_time_hours"]), separate=separate,
        forbidden_next=shorter_than(1, rules["min_daily_rest_hours"] * 60),
        forbidden_two=shorter_than(2, rules["min_daily_rest_hours"] * 60),
        short_single=shorter_than(2, rules["min_weekly_rest_hours"] * 60),
        sunday_work=[[sunday_window(wd, s) for wd in range(7)] for s in shifts],
        weekend_work=[[wd in (SATURDAY, SUNDAY) or (wd == FRIDAY and s.night and fri_night)
                       for wd in range(7)] for s in shifts],
        max_consec=int(rules["max_consecutive_work_days"]),
        max_minutes_7=float(rules["max_hours_per_7_days"]) * 60,
        whole_weekends=bool(rules["whole_weekends"]),
        sunday_off=bool(rules["sunday_off_after_sunday_work"]),
        min_position_pct=float(rules["min_position_pct"]),
        tolerance_pct=float(rules["full_time_tolerance_pct"]),
        coverage_exact=bool(problem.get("coverage_exact", True)),
    )


def smallest_line_minutes(inst: Instance, at_least_minutes: float) -> int:
    """mod.rs `smallest_line_hours`, in minutes."""
    minutes = [s.minutes for s in inst.shifts if s.minutes > 0]
    target = max(0, math.ceil(at_least_minutes - 1e-6))
    if not minutes:
        return target
    reachable = [False] * (target + max(minutes) + 1)
    reachable[0] = True
    for total in range(len(reachable)):
        if not reachable[total]:
            continue
        if total >= target:
            return total
        for m in minutes:
            if total + m < len(reachable):
                reachable[total + m] = True
    return target


def full_time_minutes(inst: Instance) -> int:
    return smallest_line_minutes(inst, (100 - inst.tolerance_pct) / 100 * inst.full_cycle_minutes())


def floor_minutes(inst: Instance) -> int:
    return smallest_line_minutes(inst, inst.min_position_pct / 100 * inst.full_cycle_minutes())


def family_need(inst: Instance) -> tuple[float, int]:
    """mod.rs `family_need` (on the family's own instance): cycle minutes, weekend heads."""
    total = sum(inst.need[s][wd] * sh.minutes for s, sh in enumerate(inst.shifts) for wd in range(7))
    heads = 0
    for wd in (FRIDAY, SATURDAY, SUNDAY):
        heads = max(heads, sum(inst.need[s][wd] for s in range(len(inst.shifts))
                               if inst.weekend_work[s][wd]))
    return total * inst.weeks, heads


def most_full_time_lines(inst: Instance, heads: int, cycle_minutes: float) -> int:
    ft, fl = full_time_minutes(inst), floor_minutes(inst)
    for k in range(heads, -1, -1):
        if k * ft + (heads - k) * fl <= cycle_minutes + 1e-6:
            return k
    return 0


# --------------------------------------------------------------------------- the CP-SAT model


class Model:
    def __init__(self, inst: Instance, heads: int, fixed_groups: bool, full_time_objective: bool):
        self.inst = inst
        self.heads = heads
        m = self.m = cp_model.CpModel()
        D, S, f = inst.days, len(inst.shifts), inst.f
        groups_fixed = fixed_groups and f > 1 and inst.weeks % f == 0
        self.group = [l % f if groups_fixed else None for l in range(heads)]
        # x[l][d][s], None where the line may not take the shift.
        self.x = []
        for l in range(heads):
            line = []
            for d in range(D):
                cells = []
                for s in range(S):
                    allowed = True
                    g = self.group[l]
                    if g is not None and inst.weekend_work[s][d % 7] and (d // 7) % f != g:
                        allowed = False
                    cells.append(m.NewBoolVar(f"x{l}_{d}_{s}") if allowed else None)
                line.append(cells)
            self.x.append(line)

        def cell(l, d, s):
            return self.x[l][d % D][s]

        def work(l, d):
            return [v for v in self.x[l][d % D] if v is not None]

        def minutes(l, days):
            return sum(inst.shifts[s].minutes * v for d in days
                       for s, v in enumerate(self.x[l][d % D]) if v is not None)

        self.minutes = minutes
        # One shift per day.
        for l in range(heads):
            for d in range(D):
                w = work(l, d)
                if len(w) > 1:
                    m.AddAtMostOne(w)
        # Coverage.
        for d in range(D):
            for s in range(S):
                planned = [cell(l, d, s) for l in range(heads) if cell(l, d, s) is not None]
                need = inst.need[s][d % 7]
                if inst.coverage_exact:
                    m.Add(sum(planned) == need)
                else:
                    m.Add(sum(planned) >= need)
        # Qualified coverage with chosen, nested levels.
        levels = sorted({q for _, q, _ in inst.qualified_need})
        self.q = []
        for l in range(heads):
            qs = {k: m.NewBoolVar(f"q{l}_{k}") for k in levels}
            for a, b in zip(levels, levels[1:]):
                m.AddImplication(qs[b], qs[a])
            self.q.append(qs)
        for s, level, mins in inst.qualified_need:
            for d in range(D):
                ys = []
                for l in range(heads):
                    x = cell(l, d, s)
                    if x is None:
                        continue
                    y = m.NewBoolVar("")
                    m.AddImplication(y, x)
                    m.AddImplication(y, self.q[l][level])
                    ys.append(y)
                m.Add(sum(ys) >= mins[d % 7])
        # Daily rest.
        for l in range(heads):
            for d in range(D):
                for s in range(S):
                    first = cell(l, d, s)
                    if first is None:
                        continue
                    for apart, forbidden in ((1, inst.forbidden_next), (2, inst.forbidden_two)):
                        nxt = [cell(l, d + apart, t) for t in forbidden[s]
                               if cell(l, d + apart, t) is not None]
                        if forbidden[s] and nxt:
                            m.AddAtMostOne([first] + nxt)
        # Weekly rest: a rest day per calendar week whose free period is long enough.
        for l in range(heads):
            rest = []
            for d in range(D):
                r = m.NewBoolVar("")
                for v in work(l, d):
                    m.AddImplication(r, v.Not())
                for s in range(S):
                    before = cell(l, d - 1, s)
                    if before is None or not inst.short_single[s]:
                        continue
                    for t in inst.short_single[s]:
                        after = cell(l, d + 1, t)
                        if after is not None:
                            m.AddBoolOr([r.Not(), before.Not(), after.Not()])
                rest.append(r)
            for week in range(inst.weeks):
                m.AddBoolOr(rest[week * 7:week * 7 + 7])
        # Consecutive work days.
        M = inst.max_consec
        if M < D:
            for l in range(heads):
                for start in range(D):
                    m.Add(sum(v for d in range(start, start + M + 1) for v in work(l, d)) <= M)
        # Hours in 7 days, only when it can bind.
        longest = max(s.minutes for s in inst.shifts)
        most_days = 7 - 7 // (M + 1)
        if longest * most_days > inst.max_minutes_7 + 1e-9:
            for l in range(heads):
                for start in range(D):
                    m.Add(minutes(l, range(start, start + 7)) <= int(math.floor(inst.max_minutes_7 + 1e-6)))
        # Weekend frequency for lines without a fixed group.
        if f > 1:
            for l in range(heads):
                if self.group[l] is not None:
                    continue
                worked = []
                for week in range(inst.weeks):
                    w = m.NewBoolVar("")
                    for wd in (FRIDAY, SATURDAY, SUNDAY):
                        for s in range(S):
                            if inst.weekend_work[s][wd] and cell(l, week * 7 + wd, s) is not None:
                                m.AddImplication(cell(l, week * 7 + wd, s), w)
                    worked.append(w)
                if inst.weeks % f == 0:
                    g = [m.NewBoolVar("") for _ in range(f)]
                    m.AddExactlyOne(g)
                    for week, w in enumerate(worked):
                        m.AddImplication(w, g[week % f])
                else:
                    for start in range(inst.weeks):
                        m.AddAtMostOne([worked[(start + k) % inst.weeks] for k in range(f)])
        # Whole weekends.
        if inst.whole_weekends:
            for l in range(heads):
                for week in range(inst.weeks):
                    m.Add(sum(work(l, week * 7 + SATURDAY)) == sum(work(l, week * 7 + SUNDAY)))
        # Sunday off after Sunday work (implied when f >= 2).
        if inst.sunday_off and f < 2:
            for l in range(heads):
                sunday = []
                for week in range(inst.weeks):
                    w = m.NewBoolVar("")
                    for wd in (SATURDAY, SUNDAY):
                        for s in range(S):
                            c = cell(l, week * 7 + wd, s)
                            if inst.sunday_work[s][wd] and c is not None:
                                m.AddImplication(c, w)
                    sunday.append(w)
                if inst.weeks >= 2:
                    for week in range(inst.weeks):
                        m.AddAtMostOne([sunday[week], sunday[(week + 1) % inst.weeks]])
        # Position size.
        cap = int(math.floor(inst.full_cycle_minutes() + 1e-6))
        fl = floor_minutes(inst)
        ftm = full_time_minutes(inst)
        self.ft = []
        for l in range(heads):
            h = minutes(l, range(D))
            m.Add(h <= cap)
            if fl > 0:
                m.Add(h >= fl)
            if full_time_objective:
                ft = m.NewBoolVar(f"ft{l}")
                m.Add(h >= ftm).OnlyEnforceIf(ft)
                self.ft.append(ft)
        # Symmetry breaking: lines of the same group ordered by hours.
        for l in range(heads):
            nxt = next((k for k in range(l + 1, heads) if self.group[k] == self.group[l]), None)
            if nxt is not None:
                m.Add(minutes(l, range(D)) >= minutes(nxt, range(D)))
        if full_time_objective:
            cycle, _ = family_need(inst)
            m.Add(sum(self.ft) <= most_full_time_lines(inst, heads, cycle))
            m.Maximize(sum(self.ft))

    def solve(self, seconds: float):
        wait_for_idle()
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = seconds
        solver.parameters.random_seed = 1
        started = time.perf_counter()
        status = solver.Solve(self.m)
        elapsed = time.perf_counter() - started
        return solver, status, elapsed

    def cells(self, solver) -> list[list[str]]:
        rows = []
        for l in range(self.heads):
            row = []
            for d in range(self.inst.days):
                code = "-"
                for s, v in enumerate(self.x[l][d]):
                    if v is not None and solver.Value(v):
                        code = self.inst.shifts[s].code
                row.append(code)
            rows.append(row)
        return rows

    def fix_to(self, rows: list[list[str]]) -> bool:
        """Fixes x to the given lines (model line order); False if a line uses a missing cell."""
        codes = [sh.code for sh in self.inst.shifts]
        for l, row in enumerate(rows):
            for d, code in enumerate(row):
                for s, v in enumerate(self.x[l][d]):
                    want = code == codes[s]
                    if v is None:
                        if want:
                            return False
                    else:
                        self.m.Add(v == int(want))
        return True

    def qualifications(self, solver) -> list[str | None]:
        out = []
        for qs in self.q:
            chosen = [k for k, v in qs.items() if solver.Value(v)]
            out.append(QUAL_ORDER[max(chosen)] if chosen else None)
        return out


STATUS = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible",
          cp_model.INFEASIBLE: "infeasible", cp_model.UNKNOWN: "unknown",
          cp_model.MODEL_INVALID: "invalid"}


# --------------------------------------------------------------------------- heltid side


def wait_for_idle():
    """Waits while cargo or rustc runs: on 2 cores a build or test run distorts the timings."""
    busy = lambda: any(subprocess.run(["pgrep", "-x", name], capture_output=True).returncode == 0
                       for name in ("rustc", "cargo"))
    while busy():
        print("# waiting: cargo/rustc is running", file=sys.stderr)
        time.sleep(20)


def run_heltid(heltid: str, path: str, time_limit: float) -> tuple[dict, float]:
    wait_for_idle()
    started = time.perf_counter()
    out = subprocess.run([heltid, "solve", path, "--json", "--time-limit", str(time_limit)],
                         capture_output=True, text=True)
    wall = time.perf_counter() - started
    if not out.stdout.strip():
        sys.exit(f"heltid solve {path} printed nothing (exit {out.returncode}): {out.stderr}")
    return json.loads(out.stdout), wall


def is_night_line(days: list[str], night_codes: set[str]) -> bool:
    worked = [c for c in days if c != "-"]
    return bool(worked) and all(c in night_codes for c in worked)


def to_model_order(inst: Instance, rows: list[list[str]]) -> list[list[str]] | None:
    """heltid's lines of one family in the model's line order: group g (first worked weekend
    week mod f) on lines g, g+f, ..., largest first; None if the group sizes do not fit."""
    f = inst.f
    if f <= 1 or inst.weeks % f:
        return sorted(rows, key=lambda r: -line_minutes(inst, r))
    codes = {sh.code: i for i, sh in enumerate(inst.shifts)}
    by_group: list[list[list[str]]] = [[] for _ in range(f)]
    floating = []
    for row in rows:
        weeks = [d // 7 for d, c in enumerate(row) if c != "-" and inst.weekend_work[codes[c]][d % 7]]
        if weeks:
            by_group[weeks[0] % f].append(row)
        else:
            floating.append(row)
    heads = len(rows)
    sizes = [len(range(g, heads, f)) for g in range(f)]
    for row in floating:
        g = next((g for g in range(f) if len(by_group[g]) < sizes[g]), None)
        if g is None:
            return None
        by_group[g].append(row)
    if [len(b) for b in by_group] != sizes:
        return None
    for b in by_group:
        b.sort(key=lambda r: -line_minutes(inst, r))
    return [by_group[l % f][l // f] for l in range(heads)]


def line_minutes(inst: Instance, row: list[str]) -> int:
    codes = {sh.code: sh.minutes for sh in inst.shifts}
    return sum(codes[c] for c in row if c != "-")


def verify_with_heltid(heltid: str, path: str, weeks: int, lines: list[tuple[list[str], str | None]]) -> dict:
    """Writes the CP-SAT rota as the file's proposal and runs `heltid verify --json`."""
    text = open(path, encoding="utf-8").read().rstrip()
    assert text.endswith(")"), "scenario file should end with ')'"
    body = text[:-1].rstrip()
    if not body.endswith(","):
        body += ","
    rows = []
    for cells, qual in lines:
        days = " | ".join(" ".join(cells[w * 7:w * 7 + 7]) for w in range(weeks))
        q = f"qualification: {qual}, " if qual else ""
        rows.append(f'            ({q}days: "{days}"),')
    proposal = ("\n    proposal: (\n        mode: Ideal,\n        status: \"feasible\",\n"
                "        solve_seconds: 0.0,\n        gap_pct: 0.0,\n        rota: (lines: [\n"
                + "\n".join(rows) + "\n        ]),\n    ),\n)\n")
    with tempfile.NamedTemporaryFile("w", suffix=".ron", delete=False, encoding="utf-8") as tmp:
        tmp.write(body + proposal)
        name = tmp.name
    try:
        out = subprocess.run([heltid, "verify", name, "--json"], capture_output=True, text=True)
        result = json.loads(out.stdout) if out.stdout.strip() else {"ok": False, "errors": [out.stderr]}
    finally:
        os.unlink(name)
    breaches = [v for v in result.get("violations", []) if v.get("severity") == "breach"]
    return {
        "ok": bool(result.get("ok")),
        "coverage_ok": not any(v["rule"] in ("coverage", "qualified_coverage") for v in breaches),
        "breaches": [f'{v["rule"]}: {v["message"]}' for v in breaches][:10],
        "errors": result.get("errors", []),
    }


# --------------------------------------------------------------------------- one scenario


def compare(path: str, args) -> dict:
    report, heltid_wall = run_heltid(args.heltid, path, args.time_limit)
    problem = report["problem"]
    inst = build_instance(problem, ron_extras(path))
    night_codes = {s.code for s in inst.shifts if s.night}
    if inst.separate:
        families = [("days", lambda s: not s.night), ("nights", lambda s: s.night)]
    else:
        families = [("all", lambda s: True)]
    lines = report.get("lines", [])
    heltid_ft_threshold = 100 - inst.tolerance_pct - 1e-9
    row = {
        "instance": os.path.basename(path),
        "heltid": {
            "status": report["status"],
            "solve_seconds": report["solve_seconds"],
            "process_wall_seconds": heltid_wall,
            "heads": report["heads"],
            "weekend_bound_heads": report["bounds"]["weekend_bound_heads"],
            "proven_lower_bound_heads": report["proven_lower_bound_heads"],
            "full_time_lines": sum(1 for l in lines if l["position_pct"] >= heltid_ft_threshold),
        },
        "families": [],
    }
    rota_lines: list[tuple[list[str], str | None]] = []
    all_found = bool(lines)
    for name, keep in families:
        sub = inst.only(keep)
        if not sub.shifts:
            continue
        if inst.separate:
            mine = [l for l in lines if is_night_line(l["days"], night_codes) == (name == "nights")]
        else:
            mine = lines
        heads = len(mine)
        cycle, weekend_heads = family_need(sub)
        hours_bound = max(1, math.ceil(cycle / sub.full_cycle_minutes() - 1e-9))
        fam = {
            "family": name,
            "heads": heads,
            "lower_bound": max(hours_bound, sub.f * weekend_heads),
            "heltid_full_time": sum(1 for l in mine if l["position_pct"] >= heltid_ft_threshold),
            "full_time_bound": most_full_time_lines(sub, heads, cycle) if heads else None,
        }
        if heads == 0:
            fam["note"] = "heltid returned no lines; nothing to compare"
            row["families"].append(fam)
            all_found = False
            continue
        if args.check_model:
            # Faithfulness check: heltid's own rota must satisfy this CP-SAT model.
            ordered = to_model_order(sub, [l["days"] for l in mine])
            model = Model(sub, heads, fixed_groups=True, full_time_objective=False)
            if ordered is None:
                fam["heltid_rota_in_cpsat_model"] = "group sizes differ from l mod f"
            elif not model.fix_to(ordered):
                fam["heltid_rota_in_cpsat_model"] = "uses a cell the model forbids"
            else:
                _, status, _ = model.solve(args.time_limit)
                fam["heltid_rota_in_cpsat_model"] = STATUS.get(status, str(status))
        t0 = time.perf_counter()
        model = Model(sub, heads, fixed_groups=True, full_time_objective=False)
        fam["cpsat_build_seconds"] = time.perf_counter() - t0
        solver, status, secs = model.solve(args.time_limit)
        fam["cpsat_first_status"] = STATUS.get(status, str(status))
        fam["cpsat_first_seconds"] = secs
        found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        if found:
            cells = model.cells(solver)
            quals = model.qualifications(solver)
            fam["coverage_ok_python"] = coverage_ok(sub, cells)
            rota_lines.extend(zip(cells, quals))
        else:
            all_found = False
        if args.objective:
            model = Model(sub, heads, fixed_groups=True, full_time_objective=True)
            solver, status, secs = model.solve(args.time_limit)
            fam["cpsat_fulltime_status"] = STATUS.get(status, str(status))
            fam["cpsat_fulltime_seconds"] = secs
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                fam["cpsat_full_time"] = int(round(solver.ObjectiveValue()))
                fam["cpsat_full_time_bound"] = int(round(solver.BestObjectiveBound()))
        if args.below and heads > 1:
            for label, fixed in (("fixed_groups", True), ("free_groups", False)):
                model = Model(sub, heads - 1, fixed_groups=fixed, full_time_objective=False)
                solver, status, secs = model.solve(args.time_limit)
                fam[f"below_{label}_status"] = STATUS.get(status, str(status))
                fam[f"below_{label}_seconds"] = secs
        row["families"].append(fam)
    if all_found and rota_lines:
        row["cpsat_verify"] = verify_with_heltid(args.heltid, path, inst.weeks, rota_lines)
    return row


def coverage_ok(inst: Instance, cells: list[list[str]]) -> bool:
    for d in range(inst.days):
        for s, sh in enumerate(inst.shifts):
            count = sum(1 for row in cells if row[d] == sh.code)
            need = inst.need[s][d % 7]
            if count < need or (inst.coverage_exact and count != need):
                return False
    return True


# --------------------------------------------------------------------------- output


def fmt(v, digits=2):
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def print_table(rows: list[dict]):
    header = ["instance", "family", "H (bound)", "HiGHS total s", "CP-SAT first s",
              "CP-SAT FT-opt s", "FT lines CP-SAT/heltid/bound", "coverage ok",
              "H−1 fixed grp", "H−1 free grp"]
    out = [header]
    for row in rows:
        h = row["heltid"]
        v = row.get("cpsat_verify")
        cov = "–" if v is None else ("yes" if v["coverage_ok"] else "NO") + \
            ("" if v["ok"] else " (other breaches)")
        for i, fam in enumerate(row["families"]):
            def below(label):
                st = fam.get(f"below_{label}_status")
                return "–" if st is None else f'{fam[f"below_{label}_seconds"]:.2f} {st}'
            ft = fam.get("cpsat_fulltime_seconds")
            out.append([
                row["instance"] if i == 0 else "",
                fam["family"],
                f'{fam["heads"]} ({fam["lower_bound"]})',
                f'{h["solve_seconds"]:.2f} {h["status"]}' if i == 0 else "",
                f'{fmt(fam.get("cpsat_first_seconds"))} {fam.get("cpsat_first_status", "")}',
                "–" if ft is None else f'{ft:.2f} {fam["cpsat_fulltime_status"]}',
                f'{fmt(fam.get("cpsat_full_time"))}/{fam["heltid_full_time"]}/{fmt(fam["full_time_bound"])}',
                cov if i == 0 else "",
                below("fixed_groups"),
                below("free_groups"),
            ])
    widths = [max(len(r[c]) for r in out) for c in range(len(header))]
    line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |"
    print(line(out[0]))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in out[1:]:
        print(line(r))
    for row in rows:
        for fam in row["families"]:
            if "heltid_rota_in_cpsat_model" in fam:
                print(f'{row["instance"]} {fam["family"]}: heltid rota in the CP-SAT model: '
                      f'{fam["heltid_rota_in_cpsat_model"]}')
        v = row.get("cpsat_verify")
        if v and not v["ok"]:
            print(f'{row["instance"]}: heltid verify on the CP-SAT rota: {v["breaches"] or v["errors"]}')


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("files", nargs="+")
    p.add_argument("--json", action="store_true", help="print JSON instead of the table")
    p.add_argument("--time-limit", type=float, default=60.0)
    p.add_argument("--heltid", default="target/release/heltid")
    p.add_argument("--no-objective", dest="objective", action="store_false",
                   help="skip the full-time maximisation with CP-SAT")
    p.add_argument("--check-model", action="store_true",
                   help="also check that heltid's own rota satisfies the CP-SAT model")
    p.add_argument("--no-below", dest="below", action="store_false",
                   help="skip the H-1 infeasibility runs")
    args = p.parse_args()
    rows = [compare(path, args) for path in args.files]
    if args.json:
        print(json.dumps({"cpsat_version": __import__("ortools").__version__, "rows": rows}, indent=2))
    else:
        print_table(rows)


if __name__ == "__main__":
    main()
