#!/usr/bin/env python3
"""Today mode's distance to the counted bound, per unit, for two corpus runs side by side.

Usage: bench/corpus/bound_gap.py BEFORE.json AFTER.json  (results.json files of run.sh)

Reads each rota's `Target::TodayBound` report ("… the proposal has X … No rota can go under
Y …") and prints a Markdown table: status, seconds and X vs Y in both runs, for every unit
whose answer changed. A proven rota has no such line (it is at the bound).
"""
import json
import re
import sys


def load(path):
    records = json.load(open(path))
    records = records["records"] if isinstance(records, dict) else records
    out = {}
    for record in records:
        gap = ""
        for target in record.get("targets") or []:
            text = target.get("explanation") or ""
            if "No rota can go under" in text:
                level = text.split(":")[0]
                got = re.search(r"has ([\d.]+)", text)
                bound = re.search(r"under ([\d.]+)", text)
                if got and bound:
                    gap = f"{level} {got.group(1)} vs {bound.group(1)}"
        out[record["unit"]] = (record["status"], record["solve_seconds"] or 0.0, gap)
    return out


def main():
    before, after = load(sys.argv[1]), load(sys.argv[2])
    print("| unit | before | after |")
    print("|---|---|---|")
    for unit in sorted(before):
        a, b = before[unit], after.get(unit)
        if b is None or (a[0], a[2]) == (b[0], b[2]):
            continue
        cell = lambda r: f"{r[0]} {r[1]:.1f} s" + (f", {r[2]}" if r[2] else "")
        print(f"| {unit} | {cell(a)} | {cell(b)} |")


if __name__ == "__main__":
    main()
