#!/usr/bin/env python3
"""OR-Tools CP-SAT on the RWS instances, with the same models heltid builds (src/rws/).

Usage:
    python3 bench/rws_cpsat.py FILE.txt [FILE.txt ...] [--time-limit 10] [--model days|blocks]
                               [--json OUT.json]

`days` is src/rws/day_model.rs: binary x[day, shift], at most one shift a day, exact demand per
weekday and shift, block lengths of each shift type, of work and of days off as window
("every max+1 days have one without") and start ("a block starting at d is on until
d+min-1") inequalities, forbidden sequences as "at most len-1 elements hold", one rotation
symmetry fix; all cyclic. `blocks` is src/rws/model.rs: a binary per (first day, work
pattern) and per (first day, days-off length), every day covered once, a work block ending on
day e iff a days-off block starts on e+1, exact demand, forbidden sequences with a day off
as inequalities, the same symmetry fix. CP-SAT runs with num_workers=1 (heltid runs HiGHS with
one thread), stops at the first solution (objective 0), and every solution is checked with an
independent checker (this file's `check`). Prints one line per instance and a summary.
"""
import argparse
import json
import statistics
import sys
import time

from ortools.sat.python import cp_model


def parse(path):
    lines = [l.strip() for l in open(path) if l.strip() and not l.strip().startswith("#")]
    i = 1
    n = int(lines[i]); i += 1
    s = int(lines[i]); i += 1
    demand = [list(map(int, lines[i + k].split())) for k in range(s)]; i += s
    shifts = []
    for k in range(s):
        t = lines[i + k].split()
        shifts.append((t[0], int(t[3]), int(t[4])))
    i += s
    off = tuple(map(int, lines[i].split())); i += 1
    work = tuple(map(int, lines[i].split())); i += 1
    c2, c3 = map(int, lines[i].split()); i += 1
    names = [sh[0] for sh in shifts]
    forbidden = []
    for k in range(c2 + c3):
        forbidden.append([None if t == "-" else names.index(t) for t in lines[i + k].split()])
    return dict(n=n, s=s, demand=demand, shifts=shifts, off=off, work=work, forbidden=forbidden)


def rarest(inst):
    best = None
    for j in range(7):
        taken = 0
        for s in range(inst["s"]):
            c = inst["demand"][s][j]
            taken += c
            if c > 0 and (best is None or c < best[0]):
                best = (c, j, s)
        o = inst["n"] - taken
        if o < 0:
            return None
        if o > 0 and (best is None or o < best[0]):
            best = (o, j, None)
    return None if best is None else best[1:]


def day_model(inst, m):
    n, S = inst["n"], inst["s"]
    L = 7 * n
    x = [[m.NewBoolVar(f"x{d}_{s}") for s in range(S)] for d in range(L)]
    work = [sum(x[d]) for d in range(L)]
    for d in range(L):
        m.Add(work[d] <= 1)
    for s in range(S):
        for j in range(7):
            m.Add(sum(x[7 * w + j][s] for w in range(n)) == inst["demand"][s][j])

    def blocks(on, lo, hi):
        if hi < L:
            for d in range(L):
                m.Add(sum(on((d + i) % L) for i in range(hi + 1)) <= hi)
        follow = min(lo - 1, L - 1)
        for d in range(L):
            for k in range(1, follow + 1):
                m.Add(on(d) - on((d - 1) % L) <= on((d + k) % L))
        if lo > L:
            m.Add(sum(on(d) for d in range(L)) <= L - 1)

    for s, (_, lo, hi) in enumerate(inst["shifts"]):
        blocks(lambda d, s=s: x[d][s], lo, hi)
    blocks(lambda d: work[d], *inst["work"])
    blocks(lambda d: 1 - work[d], *inst["off"])
    cell = lambda d, e: x[d][e] if e is not None else 1 - work[d]
    for seq in inst["forbidden"]:
        for d in range(L):
            m.Add(sum(cell((d + i) % L, e) for i, e in enumerate(seq)) <= len(seq) - 1)
    r = rarest(inst)
    if r is not None:
        m.Add(cell(r[0], r[1]) == 1)

    def decode(solver):
        return [next((s for s in range(S) if solver.Value(x[d][s])), None) for d in range(L)]

    return decode


def patterns(inst):
    S = inst["s"]
    L = 7 * inst["n"]
    longest = min(inst["work"][1], L - 1)
    internal = [f for f in inst["forbidden"] if all(e is not None for e in f)]
    out = []

    def rec(p, run):
        last = p[-1] if p else None
        complete = last is None or run >= inst["shifts"][last][1]
        if len(p) >= inst["work"][0] and complete:
            out.append(list(p))
        if len(p) == longest:
            return
        for s in range(S):
            if s == last:
                nr = run + 1
            elif complete:
                nr = 1
            else:
                continue
            if nr > inst["shifts"][s][2]:
                continue
            p.append(s)
            if not any(len(f) <= len(p) and p[len(p) - len(f):] == f for f in internal):
                rec(p, nr)
            p.pop()

    rec([], 0)
    return out


def block_model(inst, m):
    n, S = inst["n"], inst["s"]
    L = 7 * n
    pats = patterns(inst)
    shift_on = [[[] for _ in range(S)] for _ in range(L)]
    off_on = [[] for _ in range(L)]
    work_ends = [[] for _ in range(L)]
    off_starts = [[] for _ in range(L)]
    z = []
    for d in range(L):
        for p in pats:
            v = m.NewBoolVar("")
            z.append((v, d, p))
            for i, s in enumerate(p):
                shift_on[(d + i) % L][s].append(v)
            work_ends[(d + len(p) - 1) % L].append(v)
    for d in range(L):
        for ln in range(inst["off"][0], min(inst["off"][1], L - 1) + 1):
            v = m.NewBoolVar("")
            for i in range(ln):
                off_on[(d + i) % L].append(v)
            off_starts[d].append(v)
    xs = lambda d, s: sum(shift_on[d][s])
    off = lambda d: sum(off_on[d])
    for d in range(L):
        m.Add(sum(sum(shift_on[d][s]) for s in range(S)) + off(d) == 1)
        m.Add(sum(work_ends[d]) == sum(off_starts[(d + 1) % L]))
    for s in range(S):
        for j in range(7):
            m.Add(sum(xs(7 * w + j, s) for w in range(n)) == inst["demand"][s][j])
    cell = lambda d, e: xs(d, e) if e is not None else off(d)
    for seq in inst["forbidden"]:
        if all(e is not None for e in seq):
            continue
        for d in range(L):
            m.Add(sum(cell((d + i) % L, e) for i, e in enumerate(seq)) <= len(seq) - 1)
    r = rarest(inst)
    if r is not None:
        m.Add(cell(r[0], r[1]) == 1)

    def decode(solver):
        chain = [None] * L
        for v, d, p in z:
            if solver.Value(v):
                for i, s in enumerate(p):
                    chain[(d + i) % L] = s
        return chain

    return decode


def runs(flags):
    L = len(flags)
    if all(flags):
        return [L]
    out = []
    for d in range(L):
        if flags[d] and not flags[d - 1]:
            k = 0
            while flags[(d + k) % L]:
                k += 1
            out.append(k)
    return out


def check(inst, chain):
    """Problems of a chain (list of shift index or None), independently of both models."""
    n, S = inst["n"], inst["s"]
    L = 7 * n
    problems = []
    for s in range(S):
        for j in range(7):
            c = sum(1 for w in range(n) if chain[7 * w + j] == s)
            if c != inst["demand"][s][j]:
                problems.append(f"demand {s} {j}")
    kinds = [(lambda c: c is not None, inst["work"]), (lambda c: c is None, inst["off"])]
    kinds += [(lambda c, s=s: c == s, inst["shifts"][s][1:]) for s in range(S)]
    for on, (lo, hi) in kinds:
        for length in runs([on(c) for c in chain]):
            if not lo <= length <= hi:
                problems.append(f"block {length}")
    for seq in inst["forbidden"]:
        for d in range(L):
            if all(chain[(d + i) % L] == e for i, e in enumerate(seq)):
                problems.append(f"forbidden at {d}")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+")
    ap.add_argument("--time-limit", type=float, default=10.0)
    ap.add_argument("--model", choices=["days", "blocks"], default="days")
    ap.add_argument("--json")
    args = ap.parse_args()
    results = []
    for f in args.files:
        name = f.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        started = time.perf_counter()
        inst = parse(f)
        m = cp_model.CpModel()
        decode = (day_model if args.model == "days" else block_model)(inst, m)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = max(
            0.01, args.time_limit - (time.perf_counter() - started))
        st = solver.Solve(m)
        if st in (cp_model.FEASIBLE, cp_model.OPTIMAL):
            status = "feasible" if not check(inst, decode(solver)) else "error"
        elif st == cp_model.INFEASIBLE:
            status = "infeasible"
        elif st == cp_model.UNKNOWN:
            status = "timeout"
        else:
            status = "error"
        seconds = time.perf_counter() - started
        results.append({"name": name, "status": status, "seconds": seconds})
        print(f"{name:<14} {status:<10} {seconds:8.3f} s", flush=True)
    secs = sorted(r["seconds"] for r in results)
    count = lambda s: sum(r["status"] == s for r in results)
    print(f"{len(results)} instance(s): {count('feasible')} feasible, {count('infeasible')} "
          f"infeasible, {count('timeout')} timeout, {count('error')} error; "
          f"median {statistics.median(secs):.3f} s, max {secs[-1]:.3f} s")
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"model": args.model, "instances": results}, out, indent=1)


if __name__ == "__main__":
    main()
