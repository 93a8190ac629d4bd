#!/usr/bin/env python3
"""A CP-SAT side by side for heltid's ideal mode, first level only: the fewest heads (issue 11).

An independent model in Google OR-Tools CP-SAT of the question heltid's ideal mode answers
first: the fewest rota lines that cover every shift need over the cycle (exactly, or at least
when `rules.coverage_exact` is false) while every line keeps the law and the unit's rules. The
rules are those of heltid's MIP (src/solve/model.rs, data derived as in src/solve/instance.rs,
defaults from src/model/mod.rs `Rules::default`):

- one shift per day; shifts without any need are never planned;
- coverage per shift and cycle day, exact or at least;
- daily rest: shift t may not follow s the next day (or two days later) when the gap between
  s's end and t's start is shorter than `min_daily_rest_hours`;
- weekly rest: every calendar week of the cycle has a rest day: an off day d such that the
  shift on d-1 and the shift on d+1 leave at least `min_weekly_rest_hours` between them;
- at most `max_consecutive_work_days` work days in any window of that many + 1 days;
- at most `max_hours_single_week` hours in any 7 consecutive days;
- weekend frequency f: when the cycle is a multiple of f, each line picks one weekend group
  (weeks w with w mod f = g) and works no other weekend; otherwise at most one worked weekend
  in every f consecutive weekends (round the cycle). A weekend is worked by a shift starting
  Saturday or Sunday, or a night shift starting Friday when `friday_night_is_weekend`;
- whole weekends (`whole_weekends`): Saturday worked if and only if Sunday worked;
- the Sunday rule (`sunday_off_after_sunday_work`), only when f < 2 (heltid: implied otherwise):
  no Sunday work (a shift touching Sat 18:00 – Sun 22:00) in two weeks in a row;
- at most full time per line: hours over the cycle ≤ full-time weekly hours × weeks (fixed
  hours, or HTA § 4.2.4 for `ThreeShift`, as src/calc/bounds.rs);
- night lines apart from day/evening lines when full time is a fixed number of hours above
  `three_shift_full_time_hours` (33.6 h): each line is then a night line or a day line;
- no position floor: heltid's head level uses no minimum hours per line either
  (`min_position_pct` is a later objective level), and the benchmark runs heltid with
  `min_position_pct: 0.0`.

Qualified needs are left out on purpose: in ideal mode heltid clears them before the head
count (the lines are labelled afterwards, every ideal line may take any qualification).

The objective is the number of used (non-empty) lines in a pool of lines. The pool is larger
than the arithmetic lower bound; a rota using fewer lines than the pool is optimal for any
larger pool too. The arithmetic lower bound (hours bound ⌈hours / full-time cycle hours⌉ and
weekend bound f·W, or ⌈W·weeks / ⌊weeks/f⌋⌉ when the cycle is not a multiple of f, per line
family) is computed here independently and given to CP-SAT as a constraint (`--no-bound`
leaves it out). heltid's answer is never given to the model.

Every CP-SAT rota (and heltid's) is checked afterwards by `check_rota`, written from the rules'
wording on the rota itself, not from the model's constraints, and by `heltid verify` (the rota is
written into a copy of the unit as its proposal). `--full-time-rule` adds the rule checker's
full-time rule (src/rules/full_time_hours.rs), which heltid's MIP does not have; `bench` uses it
for a second run where the first CP-SAT rota breaches that rule.

    python3 bench/corpus/cpsat.py solve bench/corpus/units/unit_012.ron            # one unit
    python3 bench/corpus/cpsat.py bench [--no-bound-too]                           # the sample
    python3 bench/corpus/cpsat.py bench --units 12,89 --time-limit 10 --out-dir /tmp/x
    python3 bench/corpus/cpsat.py report                # RESULTS-cpsat.md from results-cpsat.json

`bench` writes results-cpsat.json (after every unit) and `report` renders RESULTS-cpsat.md from it,
keeping the hand-written part between `<!-- findings -->` and `<!-- /findings -->`.

Needs `pip install ortools` (tested with 9.15.6755). One CP-SAT worker by default.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

# The sample: 12 units across the corpus (see RESULTS-cpsat.md for why these).
SAMPLE = [2, 6, 10, 12, 19, 34, 54, 61, 67, 74, 89, 99]

DAY = 1440
FRIDAY, SATURDAY, SUNDAY = 4, 5, 6

# src/model/mod.rs, `impl Default for Rules`.
DEFAULT_RULES = {
    "min_daily_rest_hours": 11.0,
    "min_daily_rest_agreed_hours": 8.0,
    "min_weekly_rest_hours": 35.0,
    "min_weekly_rest_agreed_hours": 28.0,
    "max_shift_hours": 12.5,
    "max_hours_single_week": 54.0,
    "max_average_hours_per_week": 48.0,
    "averaging_weeks": 8,
    "max_consecutive_work_days": 6,
    "sunday_off_after_sunday_work": True,
    "whole_weekends": True,
    "night_start": "21:00",
    "night_end": "06:00",
    "day_work_full_time_hours": 37.5,
    "rota_full_time_hours": 35.5,
    "three_shift_full_time_hours": 33.6,
    "full_time_tolerance_pct": 2.0,
    "min_position_pct": 50.0,
    "coverage_exact": True,
}


# ---------------------------------------------------------------------------------------------
# A small RON reader, enough for scenario files (structs, lists, maps, strings, numbers, enums).
# ---------------------------------------------------------------------------------------------

class Enum:
    """An enum value in RON: `Night`, or a tuple variant `Hours(35.5)`."""

    def __init__(self, name, args=None):
        self.name, self.args = name, args or []

    def __repr__(self):
        return f"{self.name}({', '.join(map(repr, self.args))})" if self.args else self.name

    def __eq__(self, other):
        return isinstance(other, Enum) and (self.name, self.args) == (other.name, other.args)


TOKEN = re.compile(r"""
    (?P<ws>\s+|//[^\n]*|/\*.*?\*/|\#!\[[^\]]*\])
  | (?P<str>"(?:[^"\\]|\\.)*")
  | (?P<num>[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?)
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>[()\[\]{}:,])
""", re.VERBOSE | re.DOTALL)


def ron_tokens(text):
    pos = 0
    out = []
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise ValueError(f"RON: cannot read at {text[pos:pos + 30]!r}")
        pos = m.end()
        kind = m.lastgroup
        if kind == "ws":
            continue
        value = m.group(kind)
        if kind == "str":
            value = json.loads(value)
        elif kind == "num":
            value = float(value) if any(c in value for c in ".eE") else int(value)
        out.append((kind, value))
    return out


def parse_ron(text):
    tokens = ron_tokens(text)
    pos = 0

    def peek(k=0):
        return tokens[pos + k] if pos + k < len(tokens) else (None, None)

    def expect(value):
        nonlocal pos
        if tokens[pos] != ("punct", value):
            raise ValueError(f"RON: expected {value!r}, got {tokens[pos]!r}")
        pos += 1

    def value():
        nonlocal pos
        kind, v = tokens[pos]
        if kind in ("str", "num"):
            pos += 1
            return v
        if kind == "ident":
            pos += 1
            if v in ("true", "false"):
                return v == "true"
            if v == "None":
                return None
            if peek() == ("punct", "("):
                if v == "Some":
                    expect("(")
                    inner = value()
                    expect(")")
                    return inner
                body = paren()
                return body if isinstance(body, dict) else Enum(v, body)
            return Enum(v)
        if (kind, v) == ("punct", "("):
            return paren()
        if (kind, v) == ("punct", "["):
            pos += 1
            items = []
            while peek() != ("punct", "]"):
                items.append(value())
                if peek() == ("punct", ","):
                    pos += 1
            pos += 1
            return items
        if (kind, v) == ("punct", "{"):
            pos += 1
            items = {}
            while peek() != ("punct", "}"):
                key = value()
                expect(":")
                items[key] = value()
                if peek() == ("punct", ","):
                    pos += 1
            pos += 1
            return items
        raise ValueError(f"RON: unexpected {tokens[pos]!r}")

    def paren():
        """A struct `(key: value, ...)` (dict) or a tuple `(value, ...)` (list)."""
        nonlocal pos
        expect("(")
        if peek()[0] == "ident" and peek(1) == ("punct", ":"):
            fields = {}
            while peek() != ("punct", ")"):
                _, key = tokens[pos]
                pos += 1
                expect(":")
                fields[key] = value()
                if peek() == ("punct", ","):
                    pos += 1
            pos += 1
            return fields
        items = []
        while peek() != ("punct", ")"):
            items.append(value())
            if peek() == ("punct", ","):
                pos += 1
        pos += 1
        return items

    result = value()
    if pos != len(tokens):
        raise ValueError("RON: trailing tokens")
    return result


# ---------------------------------------------------------------------------------------------
# The problem as plain numbers (src/solve/instance.rs).
# ---------------------------------------------------------------------------------------------

def hhmm(text):
    m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text)
    if not m:
        raise ValueError(f"bad time {text!r}")
    return int(m.group(1)) * 60 + int(m.group(2))


def shift_span(shift):
    start = hhmm(shift["start"])
    end = hhmm(shift["end"])
    if end <= start:
        end += DAY
    return start, end


def s_hhmm(minutes):
    minutes %= DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def shift_hours(shift):
    """Paid hours, else duration minus the unpaid break (ShiftType::hours)."""
    if shift.get("paid_hours") is not None:
        return float(shift["paid_hours"])
    start, end = shift_span(shift)
    return (end - start) / 60.0 - shift.get("break_minutes", 0) / 60.0


def night_hours(shift, rules):
    """Clock hours inside the night window (calc::bounds::night_hours)."""
    start, end = shift_span(shift)
    ns, ne = hhmm(rules["night_start"]), hhmm(rules["night_end"])
    length = ne + DAY - ns if ne <= ns else ne - ns
    span = (start + DAY, end + DAY)
    minutes = 0
    for day in range(3):
        w0 = day * DAY + ns
        minutes += max(0, min(span[1], w0 + length) - max(span[0], w0))
    return minutes / 60.0


def sunday_hours(shift, weekday):
    start, end = shift_span(shift)
    offset = (SUNDAY + 7 - weekday) % 7
    return max(0, min(end, (offset + 1) * DAY) - max(start, offset * DAY)) / 60.0


def full_time_hours(scenario, rules):
    """calc::bounds::full_time_hours: fixed hours, or HTA § 4.2.4 for ThreeShift."""
    full_time = scenario["rota"].get("full_time", Enum("Hours", [35.5]))
    if full_time.name == "Hours":
        return float(full_time.args[0])
    total = night = sunday = 0.0
    needs = scenario.get("needs", {})
    for shift in scenario["shifts"]:
        counts = needs.get(shift["code"], [0] * 7)
        for day in range(7):
            count = max(0, counts[day]) if day < len(counts) else 0
            start, end = shift_span(shift)
            total += count * (end - start) / 60.0
            night += count * night_hours(shift, rules)
            sunday += count * sunday_hours(shift, day)
    if total <= 0:
        return rules["rota_full_time_hours"]
    derived = rules["day_work_full_time_hours"] / (1 + night / total / 4 + sunday / total / 6)
    return min(max(derived, rules["three_shift_full_time_hours"]), rules["rota_full_time_hours"])


def load_problem(path):
    """The unit as the model needs it: shifts with a need, minutes, rule data."""
    with open(path, encoding="utf-8") as f:
        scenario = parse_ron(f.read())
    rules = dict(DEFAULT_RULES)
    rules.update(scenario.get("rules", {}) or {})
    rota = scenario["rota"]
    weeks = int(rota.get("weeks", 6))
    freq = max(1, int(rota.get("weekend_frequency", 3)))
    friday_night = bool(rota.get("friday_night_is_weekend", False))
    needs_in = {k.strip(): v for k, v in (scenario.get("needs", {}) or {}).items()}
    shifts, need = [], []
    for shift in scenario["shifts"]:
        code = shift["code"].strip()
        counts = [max(0, int(c)) for c in needs_in.get(code, [])][:7]
        counts += [0] * (7 - len(counts))
        if not any(counts):
            continue  # a shift nobody needs is never planned
        start, end = shift_span(shift)
        shifts.append({
            "code": code, "start": start, "end": end,
            "minutes": round(shift_hours(shift) * 60), "hours": shift_hours(shift),
            "night": shift["kind"].name == "Night",
        })
        need.append(counts)
    ft = full_time_hours(scenario, rules)
    full_time = rota.get("full_time", Enum("Hours", [35.5]))
    separate = full_time.name == "Hours" and float(full_time.args[0]) > rules["three_shift_full_time_hours"] + 1e-9
    n = len(shifts)

    def shorter_than(days_apart, minutes):
        return [[t for t in range(n) if days_apart * DAY + shifts[t]["start"] - shifts[s]["end"] < minutes]
                for s in range(n)]

    weekend_work = [[wd in (SATURDAY, SUNDAY) or (wd == FRIDAY and shifts[s]["night"] and friday_night)
                     for wd in range(7)] for s in range(n)]

    def sunday_window(wd, s):
        saturday = (SATURDAY - wd) * DAY
        lo, hi = saturday + 18 * 60, saturday + DAY + 22 * 60
        return any(shifts[s]["start"] < hi + k and shifts[s]["end"] > lo + k for k in (-7 * DAY, 0, 7 * DAY))

    kinds = {shift["code"].strip(): shift["kind"].name for shift in scenario["shifts"]}
    for s in shifts:
        s["kind"] = kinds[s["code"]]
        s["duration_minutes"] = s["end"] - s["start"]
        s["night_minutes"] = round(night_hours({"start": s_hhmm(s["start"]), "end": s_hhmm(s["end"])}, rules) * 60)
        s["sunday_minutes"] = [round(sunday_hours({"start": s_hhmm(s["start"]), "end": s_hhmm(s["end"])}, wd) * 60)
                               for wd in range(7)]
    return {
        "file": path, "weeks": weeks, "days": 7 * weeks, "freq": freq,
        "friday_night_is_weekend": friday_night, "shifts": shifts, "need": need,
        "full_time_hours": ft, "full_time": repr(full_time), "separate_night_lines": separate,
        "forbidden_next": shorter_than(1, rules["min_daily_rest_hours"] * 60),
        "forbidden_two_days_later": shorter_than(2, rules["min_daily_rest_hours"] * 60),
        "short_single_day_rest": shorter_than(2, rules["min_weekly_rest_hours"] * 60),
        "weekend_work": weekend_work,
        "sunday_work": [[sunday_window(wd, s) for wd in range(7)] for s in range(n)],
        "rules": rules,
        "max_line_minutes": math.floor(ft * weeks * 60 + 1e-6),
        "max_week_minutes": math.floor(rules["max_hours_single_week"] * 60 + 1e-6),
    }


def families(p):
    """Line families: one (any shift) or, with separate night lines, day lines and night lines."""
    if not p["separate_night_lines"]:
        return [("any", list(range(len(p["shifts"]))))]
    out = []
    for name, night in (("day", False), ("night", True)):
        members = [s for s, sh in enumerate(p["shifts"]) if sh["night"] == night]
        if members:
            out.append((name, members))
    return out


def family_bound(p, members):
    """Arithmetic lower bound on one family's heads: hours, and weekends."""
    weeks, f = p["weeks"], p["freq"]
    minutes = sum(p["need"][s][wd] * p["shifts"][s]["minutes"] for s in members for wd in range(7)) * weeks
    hours_bound = max(1, math.ceil(minutes / (p["full_time_hours"] * weeks * 60) - 1e-9))
    w = 0
    for wd in (FRIDAY, SATURDAY, SUNDAY):
        w = max(w, sum(p["need"][s][wd] for s in members if p["weekend_work"][s][wd]))
    if f <= 1 or weeks % f == 0:
        weekend = f * w
    else:
        weekend = math.ceil(w * weeks / max(1, weeks // f))
    return max(hours_bound, weekend), hours_bound, weekend, w


# ---------------------------------------------------------------------------------------------
# The CP-SAT model.
# ---------------------------------------------------------------------------------------------

def solve(p, time_limit=20.0, workers=1, use_bound=True, pool_extra=None, seed=0, log=False,
          full_time_rule=False):
    from ortools.sat.python import cp_model

    built = time.perf_counter()
    m = cp_model.CpModel()
    days, weeks, f = p["days"], p["weeks"], p["freq"]
    shifts = p["shifts"]
    n_shifts = len(shifts)
    rules = p["rules"]
    fixed_groups = f > 1 and weeks % f == 0
    lines = []  # (family name, x[d][s] or None, used)
    pools = []
    total_bound = 0
    for fam, members in families(p):
        bound, hours_bound, weekend_bound, w = family_bound(p, members)
        total_bound += bound
        extra = pool_extra if pool_extra is not None else max(6, math.ceil(0.35 * bound))
        size = bound + extra
        pool = []
        for _ in range(size):
            x = [[m.NewBoolVar("") if s in members else None for s in range(n_shifts)] for _ in range(days)]
            used = m.NewBoolVar("")
            lines.append((fam, x, used))
            pool.append(len(lines) - 1)
        pools.append({"family": fam, "shifts": [shifts[s]["code"] for s in members], "bound": bound,
                      "hours_bound": hours_bound, "weekend_bound": weekend_bound, "weekend_heads": w,
                      "pool": size, "lines": pool})

    def cells(x, d):
        return [v for v in x[d % days] if v is not None]

    def cell(x, d, s):
        return x[d % days][s]

    for i in range(len(lines)):
        fam, x, used = lines[i]
        all_cells = [v for d in range(days) for v in cells(x, d)]
        # Used means the line has at least one shift.
        for v in all_cells:
            m.AddImplication(v, used)
        m.AddBoolOr(all_cells).OnlyEnforceIf(used)
        for d in range(days):
            m.AddAtMostOne(cells(x, d))  # one shift per day
        # Daily rest: forbidden successions one and two days later.
        for d in range(days):
            for s in range(n_shifts):
                a = cell(x, d, s)
                if a is None:
                    continue
                for apart, forbidden in ((1, p["forbidden_next"][s]), (2, p["forbidden_two_days_later"][s])):
                    for t in forbidden:
                        b = cell(x, d + apart, t)
                        if b is not None:
                            m.AddBoolOr([a.Not(), b.Not()])
        # Weekly rest: a rest day in every calendar week.
        rest = []
        for d in range(days):
            r = m.NewBoolVar("")
            for v in cells(x, d):
                m.AddImplication(r, v.Not())
            for s in range(n_shifts):
                before = cell(x, d - 1, s)
                if before is None:
                    continue
                for t in p["short_single_day_rest"][s]:
                    after = cell(x, d + 1, t)
                    if after is not None:
                        m.AddBoolOr([r.Not(), before.Not(), after.Not()])
            rest.append(r)
        for week in range(weeks):
            m.AddBoolOr(rest[week * 7:week * 7 + 7])
        # Consecutive work days.
        limit = rules["max_consecutive_work_days"]
        if limit < days:
            for start in range(days):
                m.Add(sum(v for d in range(start, start + limit + 1) for v in cells(x, d)) <= limit)
        # Hours in any 7 consecutive days, and at most full time over the cycle (minutes).
        for start in range(days):
            m.Add(sum(shifts[s]["minutes"] * cell(x, d, s) for d in range(start, start + 7)
                      for s in range(n_shifts) if cell(x, d, s) is not None) <= p["max_week_minutes"])
        m.Add(sum(shifts[s]["minutes"] * cell(x, d, s) for d in range(days)
                  for s in range(n_shifts) if cell(x, d, s) is not None) <= p["max_line_minutes"])
        # Weekend frequency.
        weekend = []
        for week in range(weeks):
            weekend.append([cell(x, week * 7 + wd, s) for wd in (FRIDAY, SATURDAY, SUNDAY)
                            for s in range(n_shifts)
                            if p["weekend_work"][s][wd] and cell(x, week * 7 + wd, s) is not None])
        if f > 1:
            if fixed_groups:
                group = [m.NewBoolVar("") for _ in range(f)]
                m.AddExactlyOne(group)
                for week in range(weeks):
                    for v in weekend[week]:
                        m.AddImplication(v, group[week % f])
                lines_groups = group
            else:
                worked = [m.NewBoolVar("") for _ in range(weeks)]
                for week in range(weeks):
                    for v in weekend[week]:
                        m.AddImplication(v, worked[week])
                for start in range(weeks):
                    m.AddAtMostOne([worked[(start + k) % weeks] for k in range(f)])
                lines_groups = None
        else:
            lines_groups = None
        # Whole weekends.
        if rules["whole_weekends"]:
            for week in range(weeks):
                m.Add(sum(cells(x, week * 7 + SATURDAY)) == sum(cells(x, week * 7 + SUNDAY)))
        # The Sunday rule, only when f < 2 (implied by the weekend frequency otherwise).
        if rules["sunday_off_after_sunday_work"] and f < 2:
            sunday = [m.NewBoolVar("") for _ in range(weeks)]
            for week in range(weeks):
                for wd in (SATURDAY, SUNDAY):
                    for s in range(n_shifts):
                        v = cell(x, week * 7 + wd, s)
                        if v is not None and p["sunday_work"][s][wd]:
                            m.AddImplication(v, sunday[week])
            for week in range(weeks):
                m.AddBoolOr([sunday[week].Not(), sunday[(week + 1) % weeks].Not()])
        lines[i] = (fam, x, used, lines_groups)

    if full_time_rule:
        add_full_time_rule(m, p, lines)

    # Coverage per shift and cycle day.
    exact = rules["coverage_exact"]
    for d in range(days):
        for s in range(n_shifts):
            planned = [ln[1][d][s] for ln in lines if ln[1][d][s] is not None]
            need = p["need"][s][d % 7]
            if exact:
                m.Add(sum(planned) == need)
            else:
                m.Add(sum(planned) >= need)

    # Symmetry: in each pool, used lines first, and (fixed groups) in order of their group.
    for pool in pools:
        ids = pool["lines"]
        for a, b in zip(ids, ids[1:]):
            m.AddImplication(lines[b][2], lines[a][2])
            ga, gb = lines[a][3], lines[b][3]
            if ga is not None:
                ia = sum(k * ga[k] for k in range(f))
                ib = sum(k * gb[k] for k in range(f))
                m.Add(ia <= ib).OnlyEnforceIf(lines[b][2])
        for i in ids:
            if lines[i][3] is not None:
                m.AddImplication(lines[i][2].Not(), lines[i][3][0])

    heads = sum(ln[2] for ln in lines)
    if use_bound:
        m.Add(heads >= total_bound)
    m.Minimize(heads)
    build_seconds = time.perf_counter() - built

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = int(workers)
    solver.parameters.random_seed = int(seed)
    solver.parameters.log_search_progress = bool(log)
    started = time.perf_counter()
    status = solver.Solve(m)
    wall = time.perf_counter() - started
    name = solver.StatusName(status)
    rota = []
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for ln in lines:
            x = ln[1]
            row = []
            for d in range(days):
                code = "-"
                for s in range(n_shifts):
                    if x[d][s] is not None and solver.Value(x[d][s]):
                        code = shifts[s]["code"]
                row.append(code)
            if any(c != "-" for c in row):
                rota.append(row)
    best_bound = solver.BestObjectiveBound() if status != cp_model.INFEASIBLE else None
    return {
        "status": name,
        "heads": len(rota) if rota else None,
        "objective": solver.ObjectiveValue() if rota else None,
        "best_bound": best_bound,
        "arithmetic_bound": total_bound,
        "bound_given": use_bound,
        "pools": [{k: v for k, v in pool.items() if k != "lines"} for pool in pools],
        "build_seconds": build_seconds,
        "solve_seconds": wall,
        "solver_wall_time": solver.WallTime(),
        "workers": workers,
        "time_limit": time_limit,
        "full_time_rule": full_time_rule,
        "variables": len(m.Proto().variables),
        "constraints": len(m.Proto().constraints),
        "rota": rota,
    }


def add_full_time_rule(m, p, lines):
    """Optional (`--full-time-rule`), not in heltid's MIP: the rule checker's full-time rule
    (src/rules/full_time_hours.rs) as constraints. The unit's full time may not exceed what the
    rota's kind allows: above 35.5 h no line may be a 2-shift line (day or long with evening),
    mix nights with other shifts, or work Sundays in a third of the weeks or more; above 33.6 h,
    when some line mixes nights with other shifts, the rota's own night and Sunday shares
    (HTA § 4.2.4) must give at least the unit's full time."""
    rules, days, weeks = p["rules"], p["days"], p["weeks"]
    shifts = p["shifts"]
    used = p["full_time_hours"] - 0.01  # the checker's tolerance
    if used <= rules["three_shift_full_time_hours"]:
        return  # every kind of rota allows it

    def has(x, test):
        v = m.NewBoolVar("")
        members = [x[d][s] for d in range(days) for s in range(len(shifts)) if x[d][s] is not None and test(shifts[s])]
        for c in members:
            m.AddImplication(c, v)
        if members:
            m.AddBoolOr(members).OnlyEnforceIf(v)
        else:
            m.Add(v == 0)
        return v

    mixes = []
    three_shift_terms = []
    for ln in lines:
        x = ln[1]
        night = has(x, lambda s: s["night"])
        other = has(x, lambda s: not s["night"])
        mix = m.NewBoolVar("")
        m.AddBoolOr([night.Not(), other.Not(), mix])
        mixes.append(mix)
        for d in range(days):
            for s, sh in enumerate(shifts):
                if x[d][s] is not None:
                    three_shift_terms.append((x[d][s], sh, d % 7))
        if used > rules["rota_full_time_hours"]:
            m.Add(mix == 0)
            day_or_long = has(x, lambda s: s["kind"] in ("Day", "Long"))
            evening = has(x, lambda s: s["kind"] == "Evening")
            m.AddBoolOr([day_or_long.Not(), evening.Not()])
            sunday_weeks = []
            for week in range(weeks):
                members = [x[d][s] for d in range(week * 7, week * 7 + 7) for s in range(len(shifts))
                           if x[d][s] is not None and shifts[s]["sunday_minutes"][d % 7] > 0]
                if members:
                    w = m.NewBoolVar("")
                    for c in members:
                        m.AddImplication(c, w)
                    sunday_weeks.append(w)
            if sunday_weeks:
                m.Add(sum(sunday_weeks) <= (weeks - 1) // 3)
    if used > rules["rota_full_time_hours"]:
        return
    # 37.5 / (1 + n/4 + s/6) >= used  <=>  3·night + 2·sunday <= 12·k·duration, k = 37.5/used - 1.
    k = rules["day_work_full_time_hours"] / used - 1
    scale = 10000
    any_mix = m.NewBoolVar("")
    for mix in mixes:
        m.AddImplication(mix, any_mix)
    m.Add(sum(v * (scale * (3 * sh["night_minutes"] + 2 * sh["sunday_minutes"][wd])
                   - math.floor(scale * 12 * k * sh["duration_minutes"]))
              for v, sh, wd in three_shift_terms) <= 0).OnlyEnforceIf(any_mix)


# ---------------------------------------------------------------------------------------------
# An independent check of a rota, from the rules' wording.
# ---------------------------------------------------------------------------------------------

def check_rota(p, rota):
    """Breaches of a rota (lines of shift codes, '-' off) against the unit's rules and needs."""
    by_code = {s["code"]: s for s in p["shifts"]}
    days, weeks, f = p["days"], p["weeks"], p["freq"]
    rules = p["rules"]
    problems = []

    def shift_on(line, d):
        code = line[d % days]
        return None if code == "-" else by_code.get(code)

    for li, line in enumerate(rota):
        if len(line) != days:
            problems.append(f"line {li}: {len(line)} days, not {days}")
            continue
        unknown = {c for c in line if c != "-" and c not in by_code}
        if unknown:
            problems.append(f"line {li}: shifts without a need or unknown: {sorted(unknown)}")
            continue
        # Daily rest between any two shifts that start within two days.
        for d in range(days):
            a = shift_on(line, d)
            if a is None:
                continue
            for apart in (1, 2):
                b = shift_on(line, d + apart)
                if b is not None and apart * DAY + b["start"] - a["end"] < rules["min_daily_rest_hours"] * 60:
                    problems.append(f"line {li} day {d}: {a['code']}→{b['code']} {apart} day(s) later, daily rest")
        # Weekly rest: in every calendar week an off day whose free period is long enough.
        for week in range(weeks):
            best = 0
            for d in range(week * 7, week * 7 + 7):
                if shift_on(line, d) is not None:
                    continue
                back = next((k for k in range(1, days + 1) if shift_on(line, d - k) is not None), None)
                fwd = next((k for k in range(1, days + 1) if shift_on(line, d + k) is not None), None)
                if back is None:
                    best = 10 ** 9
                    continue
                prev_end = (d - back) * DAY + shift_on(line, d - back)["end"]
                next_start = (d + fwd) * DAY + shift_on(line, d + fwd)["start"]
                best = max(best, next_start - prev_end)
            if best < rules["min_weekly_rest_hours"] * 60:
                problems.append(f"line {li} week {week}: weekly rest {best / 60:.1f} h")
        # Consecutive work days (round the cycle).
        work = [shift_on(line, d) is not None for d in range(days)]
        if all(work):
            problems.append(f"line {li}: no day off")
        else:
            run = longest = 0
            for d in range(2 * days):
                run = run + 1 if work[d % days] else 0
                longest = max(longest, run)
            if longest > rules["max_consecutive_work_days"]:
                problems.append(f"line {li}: {longest} work days in a row")
        # Hours: any 7 days, and the cycle (at most full time).
        for start in range(days):
            minutes = sum(s["minutes"] for d in range(start, start + 7) if (s := shift_on(line, d)))
            if minutes > rules["max_hours_single_week"] * 60 + 1e-6:
                problems.append(f"line {li}: {minutes / 60} h in the 7 days from day {start}")
        total = sum(s["minutes"] for d in range(days) if (s := shift_on(line, d)))
        if total > p["full_time_hours"] * weeks * 60 + 1e-6:
            problems.append(f"line {li}: {total / 60 / weeks:.2f} h/week, above full time")
        # Weekends worked (Sat, Sun, or a night starting Friday when it counts).
        worked = []
        for week in range(weeks):
            sat, sun = shift_on(line, week * 7 + SATURDAY), shift_on(line, week * 7 + SUNDAY)
            fri = shift_on(line, week * 7 + FRIDAY)
            if sat or sun or (p["friday_night_is_weekend"] and fri and fri["night"]):
                worked.append(week)
            if rules["whole_weekends"] and bool(sat) != bool(sun):
                problems.append(f"line {li} week {week}: split weekend")
        if f > 1 and worked:
            if weeks % f == 0:
                if len({w % f for w in worked}) > 1:
                    problems.append(f"line {li}: weekends {worked} in more than one group mod {f}")
            for i, w in enumerate(worked):
                nxt = worked[(i + 1) % len(worked)]
                gap = (nxt - w) % weeks or weeks
                if gap < f:
                    problems.append(f"line {li}: weekends {w} and {nxt} less than {f} weeks apart")
        if rules["sunday_off_after_sunday_work"]:
            sunday = []
            for week in range(weeks):
                touch = False
                for wd in (SATURDAY, SUNDAY):
                    s = shift_on(line, week * 7 + wd)
                    if s is not None:
                        lo, hi = (SATURDAY - wd) * DAY + 18 * 60, (SATURDAY - wd) * DAY + DAY + 22 * 60
                        touch |= s["start"] < hi and s["end"] > lo
                sunday.append(touch)
            for week in range(weeks):
                if sunday[week] and sunday[(week + 1) % weeks] and weeks > 1:
                    problems.append(f"line {li}: Sunday work in weeks {week} and {week + 1}")
        # Night lines apart.
        if p["separate_night_lines"]:
            kinds = {s["night"] for d in range(days) if (s := shift_on(line, d))}
            if len(kinds) > 1:
                problems.append(f"line {li}: night and day shifts on one line")
    problems += full_time_rule(p, rota)
    # Coverage.
    for d in range(days):
        for s in p["shifts"]:
            planned = sum(1 for line in rota if len(line) == days and line[d] == s["code"])
            need = p["need"][p["shifts"].index(s)][d % 7]
            if planned < need or (rules["coverage_exact"] and planned != need):
                problems.append(f"day {d} {s['code']}: {planned} planned, need {need}")
    return problems


def legal_full_time(p, rota):
    """The full time the rota's kind allows (src/rules/full_time_hours.rs), and why."""
    by_code = {s["code"]: s for s in p["shifts"]}
    rules, days, weeks = p["rules"], p["days"], p["weeks"]
    worked = [[(d, by_code[c]) for d, c in enumerate(line) if c != "-" and c in by_code] for line in rota]
    kinds = [{s["kind"] for _, s in line} for line in worked]
    if any("Night" in k and k & {"Day", "Evening", "Long"} for k in kinds):
        total = sum(s["duration_minutes"] for line in worked for _, s in line)
        night = sum(s["night_minutes"] for line in worked for _, s in line)
        sunday = sum(s["sunday_minutes"][d % 7] for line in worked for d, s in line)
        n, su = (night / total, sunday / total) if total else (0.0, 0.0)
        derived = rules["day_work_full_time_hours"] / (1 + n / 4 + su / 6)
        legal = min(max(derived, rules["three_shift_full_time_hours"]), rules["rota_full_time_hours"])
        return legal, f"3-shift rota ({n * 100:.1f} % night, {su * 100:.1f} % Sunday hours)"
    for line in worked:
        count = len({d // 7 for d, s in line if s["sunday_minutes"][d % 7] > 0})
        if count > 0 and count * 3 >= weeks:
            return rules["rota_full_time_hours"], f"Sunday work in {count} of {weeks} weeks"
    if any(k & {"Day", "Long"} and "Evening" in k for k in kinds):
        return rules["rota_full_time_hours"], "2-shift line"
    return rules["day_work_full_time_hours"], "day work"


def full_time_rule(p, rota):
    legal, why = legal_full_time(p, rota)
    if p["full_time_hours"] > legal + 0.01:
        return [f"full time {p['full_time_hours']:.2f} h above the {legal:.2f} h of a {why} (AML § 10-4 (4))"]
    return []


def with_proposal(text, rota, status):
    """The unit's text with the rota as its saved proposal, every line labelled Sykepleier (in
    ideal mode any line may hold any qualification; the highest meets every qualified need)."""
    rows = "\n".join(f'                (qualification: Sykepleier, days: "{" ".join(row)}"),' for row in rota)
    block = ("    proposal: (\n        mode: Ideal,\n        status: \"" + status + "\",\n"
             "        rota: (\n            lines: [\n" + rows + "\n            ],\n        ),\n    ),\n")
    close = text.rstrip().rindex(")")
    return text[:close] + block + text[close:]


def heltid_verify(binary, path):
    """`heltid verify --json` on a file with a proposal: the breaches' rule ids and messages."""
    done = subprocess.run([binary, "verify", path, "--json", "--lang", "en"], capture_output=True, text=True,
                          timeout=300)
    try:
        data = json.loads(done.stdout)
    except json.JSONDecodeError:
        return {"exit_code": done.returncode, "error": (done.stderr or done.stdout).strip()[-300:]}
    found = data.get("violations", data if isinstance(data, list) else [])
    breaches = [v for v in found if v.get("severity") == "breach"]
    return {
        "exit_code": done.returncode,
        "breaches": len(breaches),
        "rules": sorted({v.get("rule") for v in breaches}),
        "messages": [v.get("message") for v in breaches][:5],
        "agreement_only": len(found) - len(breaches),
    }


# ---------------------------------------------------------------------------------------------
# The benchmark: heltid and CP-SAT one at a time on the sample.
# ---------------------------------------------------------------------------------------------

def with_min_position_zero(text):
    """The unit's text with `min_position_pct: 0.0` inside `rules: (...)`."""
    m = re.search(r"^(\s*)rules:\s*\(\s*\n", text, re.MULTILINE)
    if m:
        start = m.end()
        end = text.index("\n    ),", start)
        block = text[start:end]
        if re.search(r"min_position_pct\s*:", block):
            block = re.sub(r"min_position_pct\s*:\s*[-0-9.eE+]+", "min_position_pct: 0.0", block)
        else:
            block += "\n        min_position_pct: 0.0,"
        return text[:start] + block.lstrip("\n") + text[end:]
    close = text.rstrip().rindex(")")
    return text[:close] + "    rules: (\n        min_position_pct: 0.0,\n    ),\n" + text[close:]


def busy():
    """Whether cargo or rustc is running (someone is building)."""
    for name in ("cargo", "rustc"):
        if subprocess.run(["pgrep", "-x", name], capture_output=True).returncode == 0:
            return True
    return False


def wait_for_idle(max_seconds):
    waited = 0.0
    said = False
    while busy() and waited < max_seconds:
        if not said:
            print("# waiting: cargo/rustc is running", file=sys.stderr)
            said = True
        time.sleep(10)
        waited += 10
    return waited


def run_heltid(binary, path, time_limit, out):
    cmd = [binary, "solve", path, "--mode", "ideal", "--time-limit", str(time_limit),
           "--quality-seconds", "0", "--json", "--lang", "en", "--out", out]
    t0 = time.perf_counter()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=2 * time_limit + 60)
        rc, stdout, err = done.returncode, done.stdout, done.stderr
    except subprocess.TimeoutExpired:
        rc, stdout, err = None, "", "killed by the safety timeout"
    wall = time.perf_counter() - t0
    record = {"exit_code": rc, "wall_seconds": wall, "stderr": err.strip()[-500:]}
    try:
        data = json.loads(stdout)
    except json.JSONDecodeError:
        record["status"] = "no-json"
        return record, None
    lines = [line["days"] for line in data.get("lines", [])]
    diagnosis = data.get("diagnosis") or []
    record.update({
        "status": data.get("status"),
        "heads": len(lines) if lines else None,
        "heads_field": data.get("heads"),
        "proven_lower_bound_heads": data.get("proven_lower_bound_heads"),
        "solve_seconds": data.get("solve_seconds"),
        "full_time_hours": (data.get("problem") or {}).get("full_time_hours"),
        "arithmetic_bound_heads": (data.get("bounds") or {}).get("heads_needed"),
        "diagnosis": [d if isinstance(d, str) else (d.get("message") or str(d)) for d in diagnosis][:5],
        "violations": [v.get("rule") for v in data.get("violations") or []],
    })
    return record, lines


def agreement(h, c):
    """How the two answers relate, in a few words."""
    hs, cs = h.get("status"), c.get("status")
    hh, ch = h.get("heads"), c.get("heads")
    proven = h.get("proven_lower_bound_heads")
    h_min = hh is not None and proven is not None and hh == proven
    c_min = cs == "OPTIMAL"
    if cs == "INFEASIBLE":
        if hh is None:
            return "agree: no rota" if hs == "infeasible" else f"agree: no rota (heltid {hs}, none found)"
        return "DISAGREE: heltid has a rota, CP-SAT says infeasible"
    if ch is None and hh is None:
        return "neither found a rota"
    if ch is None:
        return "only heltid found a rota" + (" (proven minimal)" if h_min else "")
    if hh is None:
        if proven is not None and ch < proven:
            return f"DISAGREE: CP-SAT {ch} < heltid's proven bound {proven}"
        if hs == "infeasible":
            return f"DIFFER: heltid infeasible, CP-SAT {ch}" + (" proven" if c_min else "")
        return "only CP-SAT found a rota"
    if proven is not None and ch < proven:
        return f"DISAGREE: CP-SAT {ch} < heltid's proven bound {proven}"
    if ch == hh:
        if h_min and c_min:
            return "agree, both proven"
        return "same heads" + (", heltid proven" if h_min else "") + (", CP-SAT proven" if c_min else "")
    if c_min and hh > ch:
        return f"CP-SAT fewer ({ch} proven vs {hh})"
    if h_min and ch > hh:
        return f"heltid fewer ({hh} proven vs {ch})"
    return f"{'CP-SAT' if ch < hh else 'heltid'} fewer ({min(ch, hh)} vs {max(ch, hh)}), not proven"


def cmd_bench(args):
    units = [int(u) for u in args.units.split(",")] if args.units else SAMPLE
    binary = args.heltid
    if not os.path.isabs(binary):
        binary = os.path.join(ROOT, binary)
    tmp = tempfile.mkdtemp(prefix="cpsat-")
    copied = os.path.join(tmp, "heltid")
    waited = wait_for_idle(args.wait_max)
    shutil.copy2(binary, copied)
    with open(copied, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    from ortools import __version__ as ortools_version
    commit = subprocess.run(["git", "-C", ROOT, "log", "-1", "--format=%h %ci"], capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--short", "--", "src"], capture_output=True,
                           text=True).stdout.split("\n")
    meta = {
        "commit": commit, "source_dirty": [d.strip() for d in dirty if d.strip()],
        "binary": args.heltid, "binary_built": datetime.datetime.fromtimestamp(
            os.path.getmtime(binary), datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "binary_sha256": sha, "ortools": ortools_version, "python": platform.python_version(),
        "workers": args.workers, "time_limit": args.time_limit, "bound_given": not args.no_bound,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "started": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": "python3 bench/corpus/cpsat.py bench " + " ".join(sys.argv[2:]),
        "units": units,
    }
    records = []
    t_all = time.perf_counter()
    for index in units:
        name = f"unit_{index:03d}"
        src = os.path.join(HERE, "units", f"{name}.ron")
        with open(src, encoding="utf-8") as f:
            text = f.read()
        copy = os.path.join(tmp, f"{name}.ron")
        with open(copy, "w", encoding="utf-8") as f:
            f.write(with_min_position_zero(text))
        p = load_problem(copy)
        original = load_problem(src)
        assert p["rules"]["min_position_pct"] == 0.0
        assert {k: v for k, v in p["rules"].items() if k != "min_position_pct"} == \
            {k: v for k, v in original["rules"].items() if k != "min_position_pct"}
        unit_started = time.perf_counter()
        # heltid first, then CP-SAT: never both at once; each waits while a build runs.
        w1 = wait_for_idle(args.wait_max)
        busy_h = [busy()]
        h_out = os.path.join(tmp, f"{name}.heltid.ron")
        h, h_rota = run_heltid(copied, copy, args.time_limit, h_out)
        busy_h.append(busy())
        h["check_rota"] = check_rota(p, h_rota)[:10] if h_rota else None
        h["weekend_groups"] = weekend_groups(p, h_rota) if h_rota else None
        h["verify"] = heltid_verify(copied, h_out) if h_rota and os.path.exists(h_out) else None
        if h.get("full_time_hours") is not None:
            h["full_time_matches"] = abs(h["full_time_hours"] - p["full_time_hours"]) < 1e-6
        variants = [("cpsat", False, not args.no_bound)]
        if args.no_bound_too and not args.no_bound:
            variants.append(("cpsat_no_bound", False, False))
        results = {}
        w2 = 0.0
        for key, ft_rule, use_bound in variants:
            w2 += wait_for_idle(args.wait_max)
            busy_c = [busy()]
            c = solve(p, time_limit=args.time_limit, workers=args.workers, use_bound=use_bound,
                      full_time_rule=ft_rule)
            busy_c.append(busy())
            c["build_busy"] = busy_c
            c["check_rota"] = check_rota(p, c["rota"])[:10] if c["rota"] else None
            c["weekend_groups"] = weekend_groups(p, c["rota"]) if c["rota"] else None
            if c["rota"]:
                c_out = os.path.join(tmp, f"{name}.{key}.ron")
                with open(c_out, "w", encoding="utf-8") as f:
                    f.write(with_proposal(with_min_position_zero(text), c["rota"], c["status"].lower()))
                c["verify"] = heltid_verify(copied, c_out)
                if key == "cpsat" and "full_time_hours" in (c["verify"].get("rules") or []):
                    variants.append(("cpsat_full_time_rule", True, not args.no_bound))  # runs later
            else:
                c["verify"] = None
            c["rota"] = [" ".join(row) for row in c["rota"]]
            results[key] = c
        c = results["cpsat"]
        record = {
            "unit": name, "weeks": p["weeks"], "weekend_frequency": p["freq"],
            "weeks_multiple_of_f": p["weeks"] % p["freq"] == 0,
            "shifts": "/".join(s["code"] for s in p["shifts"]), "full_time": p["full_time"],
            "full_time_hours": p["full_time_hours"], "separate_night_lines": p["separate_night_lines"],
            "coverage_exact": p["rules"]["coverage_exact"],
            "friday_night_is_weekend": p["friday_night_is_weekend"],
            "min_daily_rest_hours": p["rules"]["min_daily_rest_hours"],
            "max_consecutive_work_days": p["rules"]["max_consecutive_work_days"],
            "structural_notes": structural_notes(p),
            "heltid": h, **results, "waited_seconds": w1 + w2,
            "heltid_build_busy": busy_h,
            "unit_seconds": time.perf_counter() - unit_started,
        }
        record["agreement"] = agreement(h, c)
        records.append(record)
        extra = ""
        if "cpsat_full_time_rule" in results:
            v = results["cpsat_full_time_rule"]
            extra = f" | with the full-time rule: {v['status']} {v['heads']} ({v['solve_seconds']:.1f} s)"
        print(f"# {name}: heltid {h.get('status')} {h.get('heads')} (proven ≥ {h.get('proven_lower_bound_heads')}, "
              f"{(h.get('solve_seconds') or 0):.1f} s) | CP-SAT {c['status']} {c['heads']} "
              f"(bound {c['best_bound']}, {c['solve_seconds']:.1f} s) | {record['agreement']}{extra}", file=sys.stderr)
        write_results(args.out_dir, meta, records)
    meta["finished"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    meta["total_seconds"] = time.perf_counter() - t_all + waited
    write_results(args.out_dir, meta, records)
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"# wrote {os.path.join(args.out_dir, 'results-cpsat.json')} ({meta['total_seconds']:.0f} s)",
          file=sys.stderr)
    return 0


def write_results(out_dir, meta, records):
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "results-cpsat.json"), "w", encoding="utf-8") as f:
        json.dump({"meta": meta, "records": records}, f, indent=1, ensure_ascii=False)
        f.write("\n")


def weekend_groups(p, rota):
    """Lines per family and weekend group (first worked weekend mod f; cycle a multiple of f)."""
    weeks, f = p["weeks"], p["freq"]
    if f <= 1 or weeks % f:
        return None
    by_code = {s["code"]: s for s in p["shifts"]}
    out = {}
    for row in rota:
        worked = [w for w in range(weeks)
                  if row[w * 7 + SATURDAY] != "-" or row[w * 7 + SUNDAY] != "-"
                  or (p["friday_night_is_weekend"] and row[w * 7 + FRIDAY] != "-"
                      and by_code[row[w * 7 + FRIDAY]]["night"])]
        night = any(c != "-" and by_code[c]["night"] for c in row)
        family = ("night" if night else "day") if p["separate_night_lines"] else "any"
        group = str(worked[0] % f) if worked else "none"
        out.setdefault(family, {}).setdefault(group, 0)
        out[family][group] += 1
    return {fam: dict(sorted(groups.items())) for fam, groups in out.items()}


def structural_notes(p):
    """Plain facts that make a unit infeasible at any head count (found before solving)."""
    notes = []
    if p["rules"]["whole_weekends"] and p["rules"]["coverage_exact"]:
        for fam, members in families(p):
            sat = sum(p["need"][s][SATURDAY] for s in members)
            sun = sum(p["need"][s][SUNDAY] for s in members)
            if sat != sun:
                notes.append(f"{fam} lines: Saturday needs {sat} people and Sunday {sun}; with whole weekends "
                             f"every line working one works both, and exact coverage allows no extra: "
                             f"infeasible at any head count")
    return notes


def cmd_solve(args):
    p = load_problem(args.file)
    result = solve(p, time_limit=args.time_limit, workers=args.workers, use_bound=not args.no_bound,
                   log=args.log, full_time_rule=args.full_time_rule)
    result["verify_breaches"] = check_rota(p, result["rota"]) if result["rota"] else None
    if args.json:
        result["rota"] = [" ".join(row) for row in result["rota"]]
        print(json.dumps(result, indent=1))
    else:
        print(f"{os.path.basename(args.file)}: {result['status']}, heads {result['heads']}, "
              f"bound {result['best_bound']} (arithmetic {result['arithmetic_bound']}), "
              f"{result['solve_seconds']:.2f} s solve + {result['build_seconds']:.2f} s build, "
              f"{result['variables']} variables")
        for pool in result["pools"]:
            print(f"  {pool['family']} lines ({'/'.join(pool['shifts'])}): bound {pool['bound']} "
                  f"(hours {pool['hours_bound']}, weekends {pool['weekend_bound']}, W {pool['weekend_heads']}), "
                  f"pool {pool['pool']}")
        for row in result["rota"]:
            print("  " + " ".join("".join(row[w * 7:w * 7 + 7]) for w in range(p["weeks"])))
        if result["verify_breaches"]:
            print("  BREACHES: " + "; ".join(result["verify_breaches"][:10]))
        elif result["rota"]:
            print("  check_rota: no breaches")
    return 0 if result["rota"] else 1


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("solve", help="the CP-SAT model on one unit")
    s.add_argument("file")
    b = sub.add_parser("bench", help="heltid and CP-SAT on the sample, one at a time")
    b.add_argument("--units", help=f"comma-separated unit numbers (default {','.join(map(str, SAMPLE))})")
    b.add_argument("--heltid", default=os.environ.get("HELTID", "target/release/heltid"))
    b.add_argument("--out-dir", default=HERE)
    b.add_argument("--no-bound-too", action="store_true",
                   help="also run CP-SAT without the arithmetic bound (does it prove the bound alone?)")
    b.add_argument("--wait-max", type=float, default=900.0,
                   help="seconds to wait for a running cargo/rustc before each solve (default 900)")
    r = sub.add_parser("report", help="RESULTS-cpsat.md from results-cpsat.json")
    r.add_argument("--out-dir", default=HERE)
    for p in (s, b):
        p.add_argument("--time-limit", type=float, default=20.0)
        p.add_argument("--workers", type=int, default=1)
        p.add_argument("--no-bound", action="store_true", help="do not give CP-SAT the arithmetic bound")
    s.add_argument("--json", action="store_true")
    s.add_argument("--log", action="store_true", help="CP-SAT's search log")
    s.add_argument("--full-time-rule", action="store_true",
                   help="add the rule checker's full-time rule (not in heltid's MIP)")
    args = parser.parse_args(argv)
    if args.command == "solve":
        return cmd_solve(args)
    if args.command == "bench":
        return cmd_bench(args)
    return cmd_report(args)


def cmd_report(args):
    path = os.path.join(args.out_dir, "results-cpsat.json")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    out = os.path.join(args.out_dir, "RESULTS-cpsat.md")
    kept = ""
    if os.path.exists(out):
        with open(out, encoding="utf-8") as f:
            old = f.read()
        m = re.search(r"<!-- findings -->.*?<!-- /findings -->", old, re.DOTALL)
        kept = m.group(0) if m else ""
    with open(out, "w", encoding="utf-8") as f:
        f.write(render_report(data, kept))
    print(f"# wrote {out}", file=sys.stderr)
    return 0


def fmt_s(value):
    return "–" if value is None else f"{value:.1f}"


def verify_text(side):
    v = side.get("verify")
    if not side.get("rota") and side.get("heads") is None:
        return "–"
    if v is None:
        return "?"
    if v.get("error"):
        return "error"
    own = side.get("check_rota") or []
    mark = "ok" if v["breaches"] == 0 else ", ".join(v["rules"])
    return mark + ("" if not own else f" (check_rota: {len(own)})")


def render_report(data, findings):
    meta, records = data["meta"], data["records"]
    lines = []
    add = lines.append
    add("# CP-SAT side by side: the fewest heads (ideal mode, first level)")
    add("")
    add(f"heltid {meta['commit']} (binary built {meta['binary_built']}, sha256 `{meta['binary_sha256'][:12]}…`"
        + (f"; uncommitted changes in {', '.join(meta['source_dirty'])}" if meta.get("source_dirty") else "")
        + f") against an independent CP-SAT model (OR-Tools {meta['ortools']}, Python {meta['python']}), "
        f"{len(records)} corpus units, {meta['time_limit']:g} s each, run {meta['started']} – {meta['finished']} "
        f"on {meta['machine']}. Issue 11 asks for \"a CP-SAT side by side on a sample\".")
    add("")
    add("## How to run")
    add("")
    add("```sh")
    add("pip install ortools                      # 9.15.6755 here; --break-system-packages or a venv if pip refuses")
    add("python3 bench/corpus/cpsat.py bench      # the 12-unit sample, heltid then CP-SAT, one at a time")
    add("python3 bench/corpus/cpsat.py report     # this file from results-cpsat.json")
    add("python3 bench/corpus/cpsat.py solve bench/corpus/units/unit_012.ron [--full-time-rule] [--no-bound] [--json]")
    add("python3 bench/corpus/cpsat.py bench --units 74,89 --time-limit 10 --out-dir /tmp/cpsat   # a quick look")
    add("```")
    add("")
    add("`bench` copies each unit to a temporary file with `min_position_pct: 0.0` inside `rules: (...)` and "
        "runs, one after the other (never at once, each after waiting while cargo or rustc runs):")
    add("")
    add("1. heltid on the copy, with a copy of the binary taken at the start: "
        f"`heltid solve UNIT --mode ideal --time-limit {meta['time_limit']:g} --quality-seconds 0 --json --lang en --out TMP`, "
        "then `heltid verify TMP --json` on the saved proposal;")
    add(f"2. the CP-SAT model on the same copy ({meta['workers']} worker, {meta['time_limit']:g} s limit), "
        "then the rota is written into the copy as its proposal (every line labelled Sykepleier: ideal lines may "
        "take any qualification) and checked by the same `heltid verify`, and by `check_rota` in cpsat.py;")
    add("3. when `heltid verify` finds the CP-SAT rota breaches `full_time_hours` (a rule of heltid's rule "
        "checker that is not in its MIP, see below), CP-SAT runs again with that rule as constraints "
        "(`--full-time-rule`).")
    add("")
    add(f"The command of this run: `{meta['command'].strip()}`; it took {meta['total_seconds'] / 60:.1f} minutes "
        "in all. Results: [results-cpsat.json](results-cpsat.json) (per unit both answers, both rotas, the checks).")
    add("")
    add("## The models")
    add("")
    add("Both answer: the fewest lines that cover every shift need over the cycle (exactly, or at least where "
        "`coverage_exact: false`) with every line inside the law and the unit's rules, no position floor. "
        "The CP-SAT model (cpsat.py, written from src/solve/model.rs and src/solve/instance.rs, defaults from "
        "src/model/mod.rs) has the MIP's rules: one shift per day, coverage, daily rest as forbidden successions "
        "(next day and two days later), a weekly rest day in every calendar week (off, and the shifts either side "
        "leave `min_weekly_rest_hours`), at most `max_consecutive_work_days` in a row, at most "
        "`max_hours_single_week` in any 7 days, weekend groups (line picks one of f; cycle a multiple of f) or at "
        "most one worked weekend in every f consecutive (otherwise), whole weekends, the Sunday rule (only when "
        "f < 2, as heltid), at most full time per line, night lines apart when full time is a fixed number of "
        "hours above 33.6 h. Differences on purpose: CP-SAT lets each line choose its weekend group (heltid "
        "fixes line l in group l mod f, which it proves harmless only at exactly f·W heads); CP-SAT minimises "
        "used lines in a pool (the arithmetic bound + max(6, 35 %) per family), where heltid tries one head "
        "count after another from the bound up; qualified needs are left out in both (heltid clears them in "
        "ideal mode and labels the lines afterwards). CP-SAT gets the arithmetic lower bound as a constraint "
        "(computed in cpsat.py, not taken from heltid), never heltid's answer.")
    add("")
    add("## Results")
    add("")
    add("heltid: heads = lines in its proposal, ≥ = `proven_lower_bound_heads`, s = `solve_seconds` (the "
        "whole ideal run: the head count and the later full-time level; with `--quality-seconds 0` and no "
        "floor). CP-SAT: s = solve wall time (model build, 0.2–1 s, not included; in the JSON). "
        "verify: `heltid verify` on each side's rota (ok, or the rules breached).")
    add("")
    add("| unit | weeks | f | shifts | full time | cov. | heltid heads | ≥ | heltid status | s | CP-SAT heads | bound | CP-SAT status | s | agreement | verify heltid / CP-SAT |")
    add("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in records:
        h, c = r["heltid"], r["cpsat"]
        mult = "" if r["weeks_multiple_of_f"] else "*"
        ft = r["full_time"].replace("Hours(", "").replace(")", " h") if "Hours" in r["full_time"] else \
            f"3-shift {r['full_time_hours']:.2f} h"
        cov = "=" if r["coverage_exact"] else "≥"
        bound = c.get("best_bound")
        bound_text = "–" if bound is None else f"{bound:.0f}"
        add(f"| {r['unit']} | {r['weeks']} | {r['weekend_frequency']}{mult} | {r['shifts']} | {ft} | {cov} | "
            f"{h.get('heads') or '–'} | {h.get('proven_lower_bound_heads')} | {h.get('status')} | "
            f"{fmt_s(h.get('solve_seconds'))} | {c.get('heads') or '–'} | {bound_text} | {c['status']} | "
            f"{fmt_s(c.get('solve_seconds'))} | {r['agreement']} | {verify_text(h)} / {verify_text(c)} |")
    add("")
    add("\\* the cycle is not a multiple of f (at most one worked weekend in every f consecutive). "
        "cov.: = exact coverage, ≥ at least.")
    extra = [r for r in records if "cpsat_full_time_rule" in r]
    if extra:
        add("")
        add("CP-SAT again with the full-time rule (`--full-time-rule`), where its first rota breached it:")
        add("")
        add("| unit | CP-SAT heads | bound | status | s | verify |")
        add("|---|---|---|---|---|---|")
        for r in extra:
            v = r["cpsat_full_time_rule"]
            bound = v.get("best_bound")
            add(f"| {r['unit']} | {v.get('heads') or '–'} | {'–' if bound is None else f'{bound:.0f}'} | "
                f"{v['status']} | {fmt_s(v.get('solve_seconds'))} | {verify_text(v)} |")
    nob = [r for r in records if "cpsat_no_bound" in r]
    if nob:
        add("")
        add("CP-SAT without the arithmetic bound (`--no-bound`): does it prove the head count by itself?")
        add("")
        add("| unit | heads | best bound | status | s | same heads as with the bound |")
        add("|---|---|---|---|---|---|")
        for r in nob:
            v = r["cpsat_no_bound"]
            bound = v.get("best_bound")
            add(f"| {r['unit']} | {v.get('heads') or '–'} | {'–' if bound is None else f'{bound:.0f}'} | "
                f"{v['status']} | {fmt_s(v.get('solve_seconds'))} | "
                f"{'yes' if v.get('heads') == r['cpsat'].get('heads') else 'no'} |")
    # Summary.
    n = len(records)
    same = [r for r in records if r["heltid"].get("heads") is not None and r["heltid"].get("heads") == r["cpsat"].get("heads")]
    both_none = [r for r in records if r["heltid"].get("heads") is None and r["cpsat"].get("heads") is None]
    proven_both = [r for r in same if r["cpsat"]["status"] == "OPTIMAL"
                   and r["heltid"].get("heads") == r["heltid"].get("proven_lower_bound_heads")]
    c_opt = [r for r in records if r["cpsat"]["status"] in ("OPTIMAL", "INFEASIBLE")]
    h_proven = [r for r in records if r["heltid"].get("heads") is not None
                and r["heltid"].get("heads") == r["heltid"].get("proven_lower_bound_heads")]
    below = [r for r in records if r["cpsat"].get("heads") is not None
             and r["heltid"].get("proven_lower_bound_heads") not in (None, 0)
             and r["cpsat"]["heads"] < r["heltid"]["proven_lower_bound_heads"]]
    fewer_c = [r for r in records if r["cpsat"].get("heads") is not None
               and (r["heltid"].get("heads") is None or r["cpsat"]["heads"] < r["heltid"]["heads"])]
    fewer_h = [r for r in records if r["heltid"].get("heads") is not None
               and (r["cpsat"].get("heads") is None or r["heltid"]["heads"] < r["cpsat"]["heads"])]
    both_answer = [r for r in records if r["heltid"].get("solve_seconds") is not None]
    c_faster = [r for r in both_answer if r["cpsat"]["solve_seconds"] < r["heltid"]["solve_seconds"]]
    t_h = sum(r["heltid"]["solve_seconds"] or 0 for r in records)
    t_c = sum(r["cpsat"]["solve_seconds"] + r["cpsat"]["build_seconds"] for r in records)
    add("")
    add("## Summary")
    add("")
    add(f"- **Same head count** on {len(same)} of {n} units" + (f", and both without a rota on {len(both_none)}"
        if both_none else "") + f"; both proven minimal on {len(proven_both)}.")
    add(f"- **Proven**: CP-SAT closed {len(c_opt)} of {n} (OPTIMAL or INFEASIBLE) in {meta['time_limit']:g} s with "
        f"{meta['workers']} worker; heltid's heads equal its proven lower bound on {len(h_proven)} of {n}.")
    add(f"- **CP-SAT fewer heads or a rota where heltid has none**: {len(fewer_c)} "
        f"({', '.join(r['unit'] for r in fewer_c) or 'none'}); **heltid fewer**: {len(fewer_h)} "
        f"({', '.join(r['unit'] for r in fewer_h) or 'none'}).")
    add(f"- **CP-SAT below a lower bound heltid reports as proven**: {len(below)} "
        f"({', '.join(r['unit'] for r in below) or 'none'}).")
    add(f"- **Time**: CP-SAT was faster on {len(c_faster)} of {len(both_answer)}; in all, heltid "
        f"{t_h:.0f} s, CP-SAT {t_c:.0f} s (with model building).")
    busy_runs = []
    for r in records:
        for key, label in (("heltid", "heltid"), ("cpsat", "CP-SAT"), ("cpsat_no_bound", "CP-SAT without the bound"),
                           ("cpsat_full_time_rule", "CP-SAT with the full-time rule")):
            flags = r.get("heltid_build_busy") if key == "heltid" else (r.get(key) or {}).get("build_busy")
            if flags and any(flags):
                busy_runs.append(f"{r['unit']} {label}")
    add("- Both ran one at a time on this 2-core machine, each solve started only when no cargo/rustc was "
        "running (waiting up to 15 minutes)" + (f"; a build was running at the start or end of: "
                                                 f"{', '.join(busy_runs)}, so those times are noisy." if busy_runs
                                                 else "; no build overlapped a solve."))
    notes = [r for r in records if r.get("structural_notes")]
    if notes:
        add("")
        add("Infeasible by the needs alone (found by cpsat.py before solving):")
        add("")
        for r in notes:
            add(f"- {r['unit']}: " + "; ".join(r["structural_notes"]) + ".")
    add("")
    add(findings or "<!-- findings -->\n## Findings\n\n(to be written)\n<!-- /findings -->")
    add("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
