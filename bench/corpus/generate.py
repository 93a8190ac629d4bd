#!/usr/bin/env python3
"""Generate the corpus of unit scenarios (bench/corpus/units/unit_NNN.ron).

Seeded and deterministic: unit i is drawn from its own random stream seeded with
"<seed>/<i>", so `--count 120` gives the same first 100 units as `--count 100`, and a
change to the default seed is the only way the committed files change. Standard library only.

    python3 bench/corpus/generate.py                  # seed 11, 100 units, bench/corpus/units
    python3 bench/corpus/generate.py --seed 7 --count 20 --out /tmp/units

Besides the .ron files the generator writes `index.csv` next to them: one row per unit with
the drawn parameters and the generator's own arithmetic (weekly need hours, FTE, weekend
heads W, weekend bound f·W, the cyclic weekend bound ⌈W · weeks / ⌊weeks / f⌋⌉ that holds when
the cycle is not a multiple of f, today's staff FTE and its ratio to the need). The arithmetic
follows src/calc/bounds.rs; `heltid check` is the authority.

Ranges (each unit draws independently; the weights are in the code below):

- cycle (rota.weeks): 6 (30 %), 8 (22 %), 12 (22 %), 4 (9 %), 5 (7 %), 10 (10 %); many
  of 4, 5, 8 and 10 are not a multiple of the weekend frequency.
- weekend_frequency: 3 (60 %), 2 (20 %), 4 (20 %); never more than the cycle.
- shift types, 2–5: D (day) and A (evening) always; N (night) in 88 %; M (mid, e.g.
  11:00–19:00) in 25 %; L (long, kind Long, 12–12.5 h paid 11.5–12.5 h) in 35 %; K (short
  evening/twilight, 4.5–5 h) in 15 %; at most 5. Times vary realistically (D from 07:00–08:00,
  A ending 21:30–22:30, N 21:30–22:15 to 07:15–08:00), unpaid breaks of 0 or 30 min on day
  shifts, sometimes paid_hours on long and night shifts.
- needs per weekday (Mon..Sun), three unit sizes: D 3–8, A 2–6, N 1–3 on weekdays; M 1–2;
  K 1; weekends lower (D −0..2, A −0..1, M/K often 0). With L: long shifts replace all
  (full) or part (partial) of the weekend D/A hours, or (rarely) add to them on weekends only.
  Some units have a busier Monday or a lighter Friday evening.
- staff 15–60 people (about the weekend bound f·W × 0.85–1.3, then adjusted so the average
  position lies in 22–90 %): 0–25 % full time, most small positions of 20–60 %, the rest
  60–95 %; sizes rounded to whole 5 % or to whole/half weekly hours (e.g. 56.3 %, 42.3 %).
  Today's total FTE is 82–97 % of the need (short-staffed, 35 %), 97–103 % (about right,
  25 %) or 103–122 % (over-staffed, 40 %).
- people: wishes (wanted_pct above today, 15–35 % of part-timers), a few max_pct below 100,
  NoNights 0–15 %, NightsOnly 0–4 people in units with nights (night-team positions 40–80 %);
  qualifications Sykepleier 20–40 %, Helsefagarbeider 35–55 %, Assistent the rest.
- qualified_needs: in 65 % of units "at least 1 Sykepleier" on D, A and N (and on L, M where
  needed that day); sometimes 2 Sykepleier on weekday D in big units, sometimes 1–2
  Helsefagarbeider on A. Never more than the shift's need that day.
- full_time: Hours(35.5) 66 % with nights and 70 % without, ThreeShift 15 % and Hours(33.6) 11 %
  (only with nights), Hours(37.5) 8 % with nights and 30 % without — but 37.5 h (day-work full
  time) only at every 4th weekend, except about a third of those draws at every 2nd/3rd weekend,
  kept on purpose. Where lines work Sundays at least every 3rd week (every 2nd/3rd weekend, or
  every 4th in a 5- or 6-week cycle) AML § 10-4 (4) sets 35.5 h: `law_conflict` in index.csv.
  friday_night_is_weekend in 25 % of units with nights.
- rules: max_consecutive_work_days 5 (30 %) or 6; min_daily_rest_hours 11 or 9 by agreement
  (20 %); coverage_exact false (20 %); min_position_pct default 50 (55 %), 0 (15 %), 40 (15 %),
  60 (15 %; written explicitly in some of the 50 % ones too).
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import random
import sys

DEFAULT_SEED = 11
DEFAULT_COUNT = 100

PLACES = [
    "Solbakken", "Furulund", "Bjørkly", "Lindeheim", "Havblikk", "Fjellheim", "Granly",
    "Eikelund", "Solgløtt", "Nordlys", "Sjøsiden", "Lyngheim", "Bakkely", "Rosenlund",
    "Tunet", "Åsheim", "Elvebakken", "Fagerli", "Haugtun", "Kløverenga", "Lunden", "Myrvoll",
    "Nesset", "Orrestad", "Pilegrimsgården", "Ravnås", "Sandvika", "Tingstua", "Vardåsen",
    "Vestly", "Øvrebø", "Åkerholt", "Berghaug", "Dalsrud", "Engtun", "Fossheim",
]
KINDS_OF_UNIT = [
    "langtidsavdeling", "skjermet avdeling", "korttidsavdeling", "somatisk avdeling",
    "rehabiliteringsavdeling", "bofellesskap", "demensavdeling", "lindrende enhet",
]
FIRST_NAMES = [
    "Kari", "Ola", "Ingrid", "Per", "Siri", "Anne", "Lars", "Marit", "Nora", "Jonas", "Hanne",
    "Eva", "Tone", "Linn", "Mona", "Heidi", "Bjørn", "Silje", "Turid", "Randi", "Liv",
    "Kristin", "Ahmed", "Fatima", "Maja", "Emil", "Sofie", "Elin", "Grethe", "Hilde", "Jorunn",
    "Rune", "Åse", "Vigdis", "Aleksandra", "Trond", "Camilla", "Ida", "Petra", "Solveig", "Mari",
    "Knut", "Else", "Gunn", "Ragnhild", "Yusuf", "Amina", "Tor", "Berit", "Astrid", "Sigrid",
    "Torill", "Wenche", "Bente", "Unni", "Reidun", "Gro", "Laila", "Merete", "Janne", "Stine",
    "Tonje", "Marte", "Thea", "Emma", "Sara", "Leah", "Hassan", "Ali", "Mohammed", "Zainab",
    "Agnieszka", "Katarzyna", "Tomasz", "Piotr", "Olga", "Irina", "Daniel", "Andreas", "Kristian",
    "Magnus", "Henrik", "Sander", "Jørgen", "Espen", "Geir", "Odd", "Arne", "Håkon", "Eirik",
    "Vilde", "Ingvild", "Kaja", "Hedda", "Tiril", "Synne", "Frida", "Helene", "Lene", "Trine",
    "Anita", "Monica", "Nina", "Elisabeth", "Karin", "Lise", "May", "Rita", "Toril", "Eli",
    "Mette", "Aud", "Inger", "Kirsten", "Marianne", "Gunhild", "Hege", "Cecilie", "Martine",
    "Mathilde", "Julie", "Amalie", "Jenny", "Rania", "Dawit", "Senait", "Ngoc", "Lan", "Jose",
]
SURNAME_INITIALS = list("ABDEFGHJKLMNOPRSTVØ")

NB_WEEKDAYS = "man tir ons tor fre lør søn"


def weighted(rng: random.Random, table):
    """One value from [(value, weight), ...]."""
    values, weights = zip(*table)
    return rng.choices(values, weights=weights, k=1)[0]


def hhmm_to_min(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def min_to_hhmm(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class Shift:
    def __init__(self, code, name, start, end, kind, break_minutes=0, paid_hours=None):
        self.code, self.name, self.start, self.end, self.kind = code, name, start, end, kind
        self.break_minutes, self.paid_hours = break_minutes, paid_hours

    def span(self):
        start = hhmm_to_min(self.start)
        end = hhmm_to_min(self.end)
        if end <= start:
            end += 24 * 60
        return start, end

    def duration(self) -> float:
        start, end = self.span()
        return (end - start) / 60.0

    def hours(self) -> float:
        if self.paid_hours is not None:
            return self.paid_hours
        return self.duration() - self.break_minutes / 60.0

    def night_hours(self) -> float:
        """Clock hours inside 21:00–06:00 (as src/calc/bounds.rs::night_hours)."""
        start, end = self.span()
        total = 0
        for day in range(-1, 2):
            w0 = day * 1440 + 21 * 60
            w1 = w0 + 9 * 60
            total += max(0, min(end, w1) - max(start, w0))
        return total / 60.0

    def sunday_hours(self, weekday: int) -> float:
        start, end = self.span()
        offset = (6 + 7 - weekday) % 7
        s0, s1 = offset * 1440, (offset + 1) * 1440
        return max(0, min(end, s1) - max(start, s0)) / 60.0

    def ron(self) -> str:
        parts = [
            f'code: "{self.code}"', f'name: "{self.name}"', f'start: "{self.start}"',
            f'end: "{self.end}"',
        ]
        if self.break_minutes:
            parts.append(f"break_minutes: {self.break_minutes}")
        if self.paid_hours is not None:
            parts.append(f"paid_hours: {fmt_float(self.paid_hours)}")
        parts.append(f"kind: {self.kind}")
        return "(" + ", ".join(parts) + ")"


def fmt_float(value: float) -> str:
    text = f"{value:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def draw_shifts(rng: random.Random):
    """The unit's shift types and which optional ones it has."""
    shifts = []
    # Day shift.
    d_start = weighted(rng, [("07:00", 2), ("07:15", 1), ("07:30", 6), ("07:45", 1), ("08:00", 2)])
    d_len, d_break = weighted(rng, [((450, 0), 6), ((480, 30), 2), ((480, 0), 1), ((465, 15), 1)])
    shifts.append(Shift("D", "Dagvakt", d_start, min_to_hhmm(hhmm_to_min(d_start) + d_len),
                        "Day", d_break))
    # Evening shift.
    a_end = weighted(rng, [("21:30", 2), ("22:00", 6), ("22:15", 1), ("22:30", 2)])
    a_len, a_break = weighted(rng, [((450, 0), 6), ((480, 30), 2), ((420, 0), 1)])
    shifts.append(Shift("A", weighted(rng, [("Aftenvakt", 3), ("Kveldsvakt", 2)]),
                        min_to_hhmm(hhmm_to_min(a_end) - a_len), a_end, "Evening", a_break))
    has_night = rng.random() < 0.88
    if has_night:
        n_start = weighted(rng, [("21:30", 2), ("21:45", 4), ("22:00", 3), ("22:15", 1)])
        n_len = weighted(rng, [(600, 5), (570, 3), (540, 1), (585, 1)])
        paid = None
        n_break = 0
        if rng.random() < 0.15:
            n_break = 30
        elif rng.random() < 0.1:
            paid = round((n_len - 30) / 60 * 2) / 2
        shifts.append(Shift("N", "Nattvakt", n_start, min_to_hhmm(hhmm_to_min(n_start) + n_len),
                            "Night", n_break, paid))
    optional = []
    if rng.random() < 0.35:
        optional.append("L")
    if rng.random() < 0.25:
        optional.append("M")
    if rng.random() < 0.15:
        optional.append("K")
    rng.shuffle(optional)
    optional = optional[: 5 - len(shifts)]
    for code in sorted(optional, key="LMK".index):
        if code == "L":
            start, dur, brk, paid = weighted(rng, [
                (("08:00", 750, 30, None), 5),   # 08:00–20:30, 12 h paid
                (("07:30", 750, 30, None), 2),   # 07:30–20:00
                (("08:00", 720, 0, None), 2),    # 08:00–20:00, 12 h
                (("07:45", 750, 0, None), 1),    # 07:45–20:15, 12.5 h
                (("08:00", 750, 0, 12.0), 1),    # paid 12 h
                (("09:00", 720, 30, None), 1),   # 09:00–21:00, 11.5 h
            ])
            shifts.append(Shift("L", "Langvakt", start, min_to_hhmm(hhmm_to_min(start) + dur),
                                "Long", brk, paid))
        elif code == "M":
            start, dur, brk = weighted(rng, [
                (("11:00", 480, 30), 3), (("10:00", 480, 30), 2), (("11:30", 450, 0), 2),
                (("09:00", 450, 0), 1), (("12:00", 480, 30), 1),
            ])
            shifts.append(Shift("M", "Mellomvakt", start, min_to_hhmm(hhmm_to_min(start) + dur),
                                "Day", brk))
        else:
            start, end, name = weighted(rng, [
                (("17:00", "22:00", "Kort kveldsvakt"), 3),
                (("16:00", "21:00", "Kort kveldsvakt"), 2),
                (("18:00", "22:30", "Skumringsvakt"), 2),
                (("18:00", "23:00", "Skumringsvakt"), 1),
            ])
            shifts.append(Shift("K", name, start, end, "Evening"))
    return shifts


def draw_needs(rng: random.Random, shifts, size: str):
    """Headcount per shift code, Monday..Sunday, and how long shifts are used."""
    codes = {s.code for s in shifts}
    d_lo, d_hi, a_lo, a_hi, n_lo, n_hi = {
        "small": (3, 4, 2, 3, 1, 1),
        "medium": (4, 6, 3, 5, 1, 2),
        "large": (6, 8, 4, 6, 2, 3),
    }[size]
    d = rng.randint(d_lo, d_hi)
    a = min(rng.randint(a_lo, a_hi), d)
    needs = {}
    d_we = max(2, d - weighted(rng, [(0, 2), (1, 5), (2, 3)]))
    a_we = min(d_we, max(2, a - weighted(rng, [(0, 5), (1, 4)])))
    needs["D"] = [d] * 5 + [d_we, d_we]
    needs["A"] = [a] * 5 + [a_we, a_we]
    if rng.random() < 0.2:
        needs["D"][0] += 1  # a busier Monday (doctor's round)
    if rng.random() < 0.15 and a > 2:
        needs["A"][4] -= 1  # a lighter Friday evening
    if rng.random() < 0.15 and d_we > max(2, a_we):
        needs["D"][6] -= 1  # a quieter Sunday morning
    if "N" in codes:
        n = rng.randint(n_lo, n_hi)
        needs["N"] = [n] * 7
    if "M" in codes:
        m = weighted(rng, [(1, 3), (2, 1)])
        m_we = weighted(rng, [(0, 3), (1, 1)])
        needs["M"] = [m] * 5 + [min(m, m_we)] * 2
    if "K" in codes:
        k_we = weighted(rng, [(0, 1), (1, 1)])
        needs["K"] = [1] * 5 + [k_we] * 2
    long_style = None
    if "L" in codes:
        long = next(s for s in shifts if s.code == "L")
        long_style = weighted(rng, [("full", 5), ("partial", 4), ("extra", 1)])
        needs["L"] = [0] * 7
        for day in (5, 6):
            if long_style == "full":
                hours = needs["D"][day] * shifts[0].hours() + needs["A"][day] * shifts[1].hours()
                needs["L"][day] = max(1, round(hours / long.hours()))
                needs["D"][day] = 0
                needs["A"][day] = 0
            elif long_style == "partial":
                # One or two long shifts take one day and one evening shift each.
                k = min(rng.randint(1, 2), needs["D"][day] - 1, needs["A"][day] - 1)
                k = max(k, 1)
                needs["L"][day] = k
                needs["D"][day] -= k
                needs["A"][day] -= k
            else:
                needs["L"][day] = 1
        if long_style == "partial" and needs["L"][5] != needs["L"][6]:
            pass  # Saturday and Sunday may differ; that is realistic
    return needs, long_style


def three_shift_full_time(shifts, needs) -> float:
    """HTA § 4.2.4 as in src/calc/bounds.rs::full_time_hours (default rules)."""
    total = night = sunday = 0.0
    for s in shifts:
        for day, count in enumerate(needs.get(s.code, [0] * 7)):
            total += count * s.duration()
            night += count * s.night_hours()
            sunday += count * s.sunday_hours(day)
    if total <= 0:
        return 35.5
    derived = 37.5 / (1 + night / total / 4 + sunday / total / 6)
    return min(max(derived, 33.6), 35.5)


def weekly_need_hours(shifts, needs) -> float:
    return sum(s.hours() * sum(needs.get(s.code, [])) for s in shifts)


def weekend_heads(shifts, needs, friday_night: bool) -> int:
    day = lambda d: sum(needs.get(s.code, [0] * 7)[d] for s in shifts)
    fri = sum(needs.get(s.code, [0] * 7)[4] for s in shifts if s.kind == "Night") if friday_night else 0
    return max(day(5), day(6), fri)


def round_position(rng: random.Random, pct: float, full_time: float) -> float:
    """A realistic position size: whole 5 %, or whole/half weekly hours."""
    pct = min(max(pct, 12.0), 100.0)
    if rng.random() < 0.6:
        value = round(pct / 5) * 5
    else:
        hours = round(pct * full_time / 100 * 2) / 2
        value = round(hours / full_time * 100, 1)
    return float(min(max(value, 10.0), 100.0))


def draw_positions(rng, heads: int, target_fte: float, full_time: float):
    """`heads` position sizes (in %) summing to about `target_fte` full-time equivalents."""
    avg = target_fte / heads
    ft_share = min(0.25, max(0.0, (avg - 0.35) * 0.6)) * rng.uniform(0.4, 1.4)
    n_ft = min(heads - 1, round(heads * ft_share))
    while n_ft > 0 and n_ft > target_fte - 0.2 * (heads - n_ft):
        n_ft -= 1
    rest = heads - n_ft
    small_share = rng.uniform(0.45, 0.8) if avg < 0.7 else rng.uniform(0.25, 0.5)
    raw = []
    for _ in range(rest):
        if rng.random() < small_share:
            raw.append(rng.uniform(20, 60))
        else:
            raw.append(rng.uniform(60, 95))
    want = (target_fte - n_ft) * 100
    for _ in range(30):
        total = sum(raw)
        if abs(total - want) < 0.5:
            break
        factor = want / total
        raw = [min(95.0, max(12.0, x * factor)) for x in raw]
    positions = [100.0] * n_ft + [round_position(rng, x, full_time) for x in raw]
    rng.shuffle(positions)
    return positions


def draw_staff(rng, heads, target_fte, full_time, has_night, night_need_fte):
    positions = draw_positions(rng, heads, target_fte, full_time)
    names = rng.sample(FIRST_NAMES, min(heads, len(FIRST_NAMES)))
    while len(names) < heads:
        names.append(f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAME_INITIALS)}.")
        names = list(dict.fromkeys(names))
    q_weights = [rng.uniform(0.2, 0.4), rng.uniform(0.35, 0.55)]
    q_weights.append(max(0.05, 1 - sum(q_weights)))
    no_nights_share = rng.uniform(0.0, 0.15)
    n_nights_only = rng.randint(0, 4) if has_night and rng.random() < 0.6 else 0
    wish_share = rng.uniform(0.15, 0.35)
    staff = []
    night_fte = 0.0
    for index, (name, pct) in enumerate(zip(names, positions)):
        person = {"name": name, "position_pct": pct}
        person["qualification"] = rng.choices(
            ["Sykepleier", "Helsefagarbeider", "Assistent"], weights=q_weights)[0]
        if (n_nights_only > 0 and 35 <= pct <= 85 and night_fte + pct / 100 <= night_need_fte):
            person["nights"] = "NightsOnly"
            n_nights_only -= 1
            night_fte += pct / 100
        elif has_night and rng.random() < no_nights_share:
            person["nights"] = "NoNights"
        if pct < 100 and rng.random() < 0.05:
            person["max_pct"] = float(max(math.ceil(pct / 5) * 5, weighted(rng, [(60, 1), (80, 2), (90, 1)])))
            if person["max_pct"] < pct:
                person["max_pct"] = pct
        cap = person.get("max_pct", 100.0)
        if pct < 90 and pct < cap and rng.random() < wish_share:
            wanted = min(cap, weighted(rng, [
                (round((pct + 10) / 5) * 5, 2), (round((pct + 20) / 5) * 5, 3),
                (round((pct + 30) / 5) * 5, 2), (100.0, 3),
            ]))
            if wanted > pct:
                person["wanted_pct"] = float(wanted)
        staff.append(person)
    return staff


def draw_qualified_needs(rng, shifts, needs, size):
    codes = [s.code for s in shifts]
    result = []
    if rng.random() < 0.65:
        for code in codes:
            if code == "K":
                continue
            if code == "M" and rng.random() < 0.7:
                continue
            mins = [min(1, c) for c in needs[code]]
            if any(mins):
                result.append((code, "Sykepleier", mins))
        if size == "large" and rng.random() < 0.4:
            for entry in result:
                if entry[0] == "D":
                    entry[2][:5] = [min(2, c) for c in needs["D"][:5]]
    if rng.random() < 0.25:
        k = weighted(rng, [(1, 2), (2, 1)])
        mins = [min(k, c) for c in needs["A"]]
        if any(mins):
            result.append(("A", "Helsefagarbeider", mins))
    return result


def generate_unit(seed: int, index: int):
    rng = random.Random(f"{seed}/{index}")
    weeks = weighted(rng, [(6, 30), (8, 22), (12, 22), (4, 9), (5, 7), (10, 10)])
    freq = weighted(rng, [(3, 60), (2, 20), (4, 20)])
    freq = min(freq, weeks)
    size = weighted(rng, [("small", 3), ("medium", 4), ("large", 3)])
    shifts = draw_shifts(rng)
    codes = [s.code for s in shifts]
    has_night = "N" in codes
    needs, long_style = draw_needs(rng, shifts, size)
    friday_night = has_night and rng.random() < 0.25

    if has_night:
        full_time_kind = weighted(rng, [("35.5", 66), ("ThreeShift", 15), ("33.6", 11), ("37.5", 8)])
    else:
        full_time_kind = weighted(rng, [("35.5", 70), ("37.5", 30)])
    # 37.5 h is day-work full time (HTA § 4.2.1); a rota with Sunday work every 3rd week or more
    # often has 35.5 h (AML § 10-4 (4)). So 37.5 h goes with every 4th weekend; a few units keep
    # it at every 2nd/3rd weekend on purpose: the law forbids their full time, and the solver
    # must say so.
    if full_time_kind == "37.5" and freq < 4 and rng.random() >= 0.35:
        full_time_kind = "35.5"
    # Some line works Sundays in at least a third of the weeks (also at every 4th weekend in a
    # 5- or 6-week cycle, where some lines get two weekends).
    law_conflict = full_time_kind == "37.5" and 3 * math.ceil(weeks / freq) >= weeks
    if full_time_kind == "ThreeShift":
        full_time = three_shift_full_time(shifts, needs)
        full_time_ron = "ThreeShift"
    else:
        full_time = float(full_time_kind)
        full_time_ron = f"Hours({full_time_kind})"

    need_hours = weekly_need_hours(shifts, needs)
    need_fte = need_hours / full_time
    w = weekend_heads(shifts, needs, friday_night)
    weekend_bound = freq * w
    # In a cycle that is not a multiple of f, a line works at most ⌊weeks / f⌋ weekends (the
    # gaps between its weekends, round the cycle, are at least f weeks), so more heads are needed.
    cyclic_bound = math.ceil(w * weeks / (weeks // freq))

    staffing = weighted(rng, [("short", 35), ("about", 25), ("over", 40)])
    ratio = {
        "short": rng.uniform(0.82, 0.97),
        "about": rng.uniform(0.97, 1.03),
        "over": rng.uniform(1.03, 1.22),
    }[staffing]
    target_fte = need_fte * ratio
    heads = round(weekend_bound * rng.uniform(0.85, 1.3))
    heads = max(heads, math.ceil(target_fte / 0.9))
    heads = min(heads, math.floor(target_fte / 0.22))
    heads = min(max(heads, 15), 60)
    night_need_fte = (
        sum(needs["N"]) * next(s for s in shifts if s.code == "N").hours() / full_time
        if has_night else 0.0
    )
    staff = draw_staff(rng, heads, target_fte, full_time, has_night, night_need_fte)
    staff_fte = sum(p["position_pct"] for p in staff) / 100

    qualified = draw_qualified_needs(rng, shifts, needs, size)

    rules = {}
    if rng.random() < 0.3:
        rules["max_consecutive_work_days"] = 5
    elif rng.random() < 0.2:
        rules["max_consecutive_work_days"] = 6
    if rng.random() < 0.2:
        rules["min_daily_rest_hours"] = 9.0
    if rng.random() < 0.2:
        rules["coverage_exact"] = False
    min_pos = weighted(rng, [(None, 45), (50.0, 10), (0.0, 15), (40.0, 15), (60.0, 15)])
    if min_pos is not None:
        rules["min_position_pct"] = min_pos

    return {
        "index": index, "seed": seed, "weeks": weeks, "freq": freq, "size": size,
        "shifts": shifts, "needs": needs, "long_style": long_style,
        "friday_night": friday_night, "full_time_ron": full_time_ron, "full_time": full_time,
        "need_hours": need_hours, "need_fte": need_fte, "weekend_heads": w,
        "weekend_bound": weekend_bound, "cyclic_bound": cyclic_bound, "staffing": staffing, "staff": staff,
        "staff_fte": staff_fte, "qualified": qualified, "rules": rules,
        "law_conflict": law_conflict,
        "place": rng.choice(PLACES), "unit_kind": rng.choice(KINDS_OF_UNIT),
        "ward": rng.randint(1, 6),
    }


def describe(u) -> dict:
    """Short texts for the name, the notes and index.csv."""
    codes = "/".join(s.code for s in u["shifts"])
    ft = {"ThreeShift": f"3-shift (≈{u['full_time']:.2f} h)"}.get(
        u["full_time_ron"], u["full_time_ron"].replace("Hours(", "").rstrip(")") + " h")
    long_text = {
        None: "", "full": "long weekend shifts replace D/A",
        "partial": "long weekend shifts replace part of D/A", "extra": "one extra long shift on weekends",
    }[u["long_style"]]
    qual = "; ".join(f"≥{max(m)} {q} on {code}" for code, q, m in u["qualified"]) or "No qualification needs"
    nights_only = sum(1 for p in u["staff"] if p.get("nights") == "NightsOnly")
    no_nights = sum(1 for p in u["staff"] if p.get("nights") == "NoNights")
    wishes = sum(1 for p in u["staff"] if "wanted_pct" in p)
    small = sum(1 for p in u["staff"] if p["position_pct"] < 60)
    full = sum(1 for p in u["staff"] if p["position_pct"] >= 98)
    rules = ", ".join(f"{k} {fmt_rule(v)}" for k, v in u["rules"].items()) or "default rules"
    multiple = "" if u["weeks"] % u["freq"] == 0 else f" (not a multiple of {u['freq']})"
    ratio = u["staff_fte"] / u["need_fte"]
    return {
        "codes": codes, "ft": ft, "long": long_text, "qual": qual, "rules": rules,
        "nights_only": nights_only, "no_nights": no_nights, "wishes": wishes, "small": small,
        "full": full, "multiple": multiple, "ratio": ratio,
    }


def ordinal(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def fmt_rule(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return fmt_float(value)
    return str(value)


def ron_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return fmt_float(value)
    return str(value)


def render(u) -> str:
    d = describe(u)
    n = u["index"]
    name = (f"unit_{n:03d} {u['place']}, {u['unit_kind']} {u['ward']}: {u['weeks']} w, "
            f"f{u['freq']}, {d['codes']}, {len(u['staff'])} staff")
    notes = (
        f"Corpus unit {n:03d} (generate.py seed {u['seed']}). {u['weeks']} weeks{d['multiple']}, every "
        f"{ordinal(u['freq'])} weekend, full time {d['ft']}, {u['size']} unit, shifts {d['codes']}"
        + (f" ({d['long']})" if d["long"] else "")
        + (", Friday night is weekend" if u["friday_night"] else "")
        + f". Need {fmt_float(u['need_hours'])} h/week = {u['need_fte']:.2f} FTE, W {u['weekend_heads']}, "
        f"weekend bound {u['weekend_bound']}. Staff {len(u['staff'])} on {u['staff_fte']:.2f} FTE "
        f"({d['ratio'] * 100:.0f} % of the need, {u['staffing']}), {d['small']} under 60 %, "
        f"{d['full']} full time, {d['wishes']} wishes, {d['no_nights']} NoNights, "
        f"{d['nights_only']} NightsOnly. {d['qual']}. Rules: {d['rules']}."
        + (" On purpose: 37.5 h full time, but lines work Sundays at least every 3rd week, for which"
           " AML § 10-4 (4) sets 35.5 h." if u["law_conflict"] else "")
    )
    out = []
    out.append(f"// unit_{n:03d}: generated by bench/corpus/generate.py (seed {u['seed']}, unit {n}).")
    out.append("// Do not edit by hand: change the generator and run it again.")
    out.append(f"// {u['weeks']} weeks{d['multiple']}, every {ordinal(u['freq'])} weekend, full time {d['ft']}, "
               f"{u['size']} unit, shifts {d['codes']}" + (f"; {d['long']}" if d["long"] else "") + ".")
    out.append(f"// Generator's arithmetic (heltid check is the authority): need {fmt_float(u['need_hours'])} h/week, "
               f"{u['need_fte']:.2f} FTE; {u['weekend_heads']} people per weekend day, weekend bound "
               f"{u['freq']} · {u['weekend_heads']} = {u['weekend_bound']} heads"
               + (f"; in this cycle a line works at most {u['weeks'] // u['freq']} of {u['weeks']} weekends, so at"
                  f" least {u['cyclic_bound']} heads." if u["cyclic_bound"] != u["weekend_bound"] else "."))
    staffing = {"short": "short-staffed", "about": "about right", "over": "over-staffed"}[u["staffing"]]
    out.append(f"// Today: {len(u['staff'])} people on {u['staff_fte']:.2f} FTE = {d['ratio'] * 100:.0f} % "
               f"of the need ({staffing}).")
    if u["law_conflict"]:
        out.append("// On purpose: full time 37.5 h (day work), but lines work Sundays at least every 3rd week,"
                   " for which AML § 10-4 (4) sets 35.5 h: such lines breach the full-time rule.")
    out.append("#![enable(implicit_some)]")
    out.append("(")
    out.append("    format_version: 1,")
    out.append("    unit: (")
    out.append(f'        name: "{name}",')
    out.append(f'        notes: "{notes}",')
    out.append("    ),")
    out.append("    rota: (")
    out.append(f"        weeks: {u['weeks']},")
    out.append(f"        weekend_frequency: {u['freq']},")
    out.append(f"        full_time: {u['full_time_ron']},")
    out.append(f"        friday_night_is_weekend: {ron_value(u['friday_night'])},")
    out.append("    ),")
    out.append("    shifts: [")
    for s in u["shifts"]:
        out.append(f"        {s.ron()},")
    out.append("    ],")
    out.append("    needs: {")
    out.append(f"        //     {NB_WEEKDAYS}")
    for s in u["shifts"]:
        counts = u["needs"][s.code]
        cells = "".join(f"{c},".ljust(4) for c in counts[:-1]) + f"{counts[-1]}"
        out.append(f'        "{s.code}": [{cells}],')
    out.append("    },")
    if u["qualified"]:
        out.append("    qualified_needs: [")
        for code, q, mins in u["qualified"]:
            out.append(f'        (shift: "{code}", qualification: {q}, min: [{", ".join(map(str, mins))}]),')
        out.append("    ],")
    out.append("    staff: [")
    for p in u["staff"]:
        parts = [f'name: "{p["name"]}"', f"position_pct: {fmt_float(p['position_pct'])}",
                 f"qualification: {p['qualification']}"]
        if "wanted_pct" in p:
            parts.append(f"wanted_pct: {fmt_float(p['wanted_pct'])}")
        if "max_pct" in p:
            parts.append(f"max_pct: {fmt_float(p['max_pct'])}")
        if "nights" in p:
            parts.append(f"nights: {p['nights']}")
        out.append(f"        ({', '.join(parts)}),")
    out.append("    ],")
    if u["rules"]:
        out.append("    rules: (")
        for key, value in u["rules"].items():
            out.append(f"        {key}: {ron_value(value)},")
        out.append("    ),")
    out.append(")")
    return "\n".join(out) + "\n"


INDEX_FIELDS = [
    "file", "weeks", "weekend_frequency", "weeks_multiple_of_f", "size", "shifts", "long_style",
    "full_time", "full_time_hours", "law_conflict", "friday_night_is_weekend", "need_hours", "need_fte",
    "weekend_heads", "weekend_bound", "cyclic_weekend_bound", "staff", "staff_fte", "staff_ratio", "staffing",
    "small_positions", "full_time_positions", "wishes", "no_nights", "nights_only",
    "qualified_needs", "max_consecutive_work_days", "min_daily_rest_hours", "coverage_exact",
    "min_position_pct",
]


def index_row(u) -> dict:
    d = describe(u)
    r = u["rules"]
    return {
        "file": f"unit_{u['index']:03d}.ron", "weeks": u["weeks"], "weekend_frequency": u["freq"],
        "weeks_multiple_of_f": u["weeks"] % u["freq"] == 0, "size": u["size"],
        "shifts": d["codes"], "long_style": u["long_style"] or "",
        "full_time": u["full_time_ron"], "full_time_hours": f"{u['full_time']:.2f}",
        "law_conflict": u["law_conflict"],
        "friday_night_is_weekend": u["friday_night"], "need_hours": fmt_float(u["need_hours"]),
        "need_fte": f"{u['need_fte']:.3f}", "weekend_heads": u["weekend_heads"],
        "weekend_bound": u["weekend_bound"], "cyclic_weekend_bound": u["cyclic_bound"],
        "staff": len(u["staff"]),
        "staff_fte": f"{u['staff_fte']:.3f}", "staff_ratio": f"{d['ratio']:.3f}",
        "staffing": u["staffing"], "small_positions": d["small"], "full_time_positions": d["full"],
        "wishes": d["wishes"], "no_nights": d["no_nights"], "nights_only": d["nights_only"],
        "qualified_needs": len(u["qualified"]),
        "max_consecutive_work_days": r.get("max_consecutive_work_days", 6),
        "min_daily_rest_hours": fmt_float(r.get("min_daily_rest_hours", 11.0)),
        "coverage_exact": r.get("coverage_exact", True),
        "min_position_pct": fmt_float(r.get("min_position_pct", 50.0)),
    }


def main(argv=None) -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"default {DEFAULT_SEED}")
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help=f"default {DEFAULT_COUNT}")
    parser.add_argument("--out", default=os.path.join(here, "units"),
                        help="directory for unit_NNN.ron and index.csv (default bench/corpus/units)")
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    # Remove units of an earlier, longer run so the directory holds exactly this corpus.
    for name in os.listdir(args.out):
        if name.startswith("unit_") and name.endswith(".ron"):
            os.remove(os.path.join(args.out, name))
    rows = []
    for index in range(1, args.count + 1):
        unit = generate_unit(args.seed, index)
        with open(os.path.join(args.out, f"unit_{index:03d}.ron"), "w", encoding="utf-8") as f:
            f.write(render(unit))
        rows.append(index_row(unit))
    with open(os.path.join(args.out, "index.csv"), "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=INDEX_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {args.count} units (seed {args.seed}) to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
