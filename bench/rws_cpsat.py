#!/usr/bin/env python3
"""OR-Tools CP-SAT on the RWS instances, with the same models heltid builds (src/rws/).

Usage:
    python3 bench/rws_cpsat.py FILE.txt [FILE.txt ...] [--time-limit 10] [--model flow|days]
                               [--json OUT.json]

`flow` (default) is src/rws/model.rs on src/rws/graph.rs, what `heltid rws` runs: nodes are
(weekday, state after a day: its cell, how long its run and its work block have lasted, the
cell before when a forbidden sequence is 3 long), an arc is the next day where it keeps every
rule; integer y[arc] in 0..N, flow conservation, exact demand per weekday for each shift and
for days off (N minus the day's demand); when the solution falls apart into several closed
walks, they are first spliced where the rules allow, else cuts "an arc leaves this part when a
node inside and one outside are used" and (from then on) connectivity of the phase graph are
added and CP-SAT runs again: the same steps heltid takes with HiGHS. Chains that must be all work or all off use
`days`, as heltid does.

`days` is src/rws/day_model.rs: binary x[day, shift], at most one shift a day, exact demand per
weekday and shift, block lengths of each shift type, of work and of days off as window
("every max+1 days have one without") and start ("a block starting at d is on until
d+min-1") inequalities, forbidden sequences as "at most len-1 elements hold", one rotation
symmetry fix; all cyclic.

CP-SAT runs with num_workers=1 (heltid runs HiGHS with one thread) and stops at the first
solution (objective 0); the time limit covers the whole instance (model building included, as
in heltid). Every solution is checked with this file's own checker (`check`). Prints one line
per instance and a summary; --json also writes the results.
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


def state_graph(inst):
    """src/rws/graph.rs `days`: nodes (weekday, state after a day), arcs = the next day."""
    S = inst["s"]
    keep_before = any(len(f) == 3 for f in inst["forbidden"])
    (off_min, off_max), (work_min, work_max) = inst["off"], inst["work"]

    def step(state, nxt):
        before, cell, run, work = state
        window = (before, cell, nxt)
        for f in inst["forbidden"]:
            if (len(f) == 1 and f[0] == nxt) or (len(f) == 2 and tuple(f) == window[1:]) or (
                len(f) == 3 and keep_before and tuple(f) == window
            ):
                return None
        if cell is not None and nxt is not None and cell == nxt:
            if run >= inst["shifts"][cell][2]:
                return None
            run, work = run + 1, work + 1
        elif cell is not None and nxt is not None:
            if run < inst["shifts"][cell][1]:
                return None
            run, work = 1, work + 1
        elif cell is not None:
            if run < inst["shifts"][cell][1] or work < work_min:
                return None
            run, work = 1, 0
        elif nxt is None:
            if run >= off_max:
                return None
            run, work = run + 1, 0
        else:
            if run < off_min:
                return None
            run, work = 1, 1
        if work > work_max:
            return None
        return (cell if keep_before else None, nxt, run, work)

    seeds = [((s if keep_before else None), None, 1, 0) for s in range(S)]
    seeds += [(None, None, r, 0) for r in range(2, off_max + 1)]
    states, index = [], {}
    for q in seeds:
        if q not in index:
            index[q] = len(states)
            states.append(q)
    trans = []
    i = 0
    while i < len(states):
        for c in [None] + list(range(S)):
            q = step(states[i], c)
            if q is None:
                continue
            if q not in index:
                index[q] = len(states)
                states.append(q)
            trans.append((i, c, index[q]))
        i += 1
    alive = [q[1] is None for q in states]
    changed = True
    while changed:
        changed = False
        for f, _, t in trans:
            if alive[t] and not alive[f]:
                alive[f] = changed = True
    renum, k = {}, 0
    for i, a in enumerate(alive):
        if a:
            renum[i] = k
            k += 1
    arcs = []
    for wd in range(7):
        nw = (wd + 1) % 7
        for f, c, t in trans:
            if alive[f] and alive[t]:
                q = states[f]
                phase = None
                if q[1] is not None and c is None:
                    phase = ((wd - q[3] + 1) % 7, 7 + nw)
                elif q[1] is None and c is not None:
                    phase = (7 + (wd - q[2] + 1) % 7, nw)
                arcs.append((wd * k + renum[f], nw * k + renum[t], nw, c, phase))
    return 7 * k, arcs, step


def keeps_rules(step, cells):
    """The automaton over the cyclic cells, from the first day of a work block."""
    L = len(cells)
    first = next((d for d in range(L) if cells[d] is not None and cells[d - 1] is None), None)
    if first is None:
        return False
    state = (None, cells[first], 1, 1)
    for k in range(1, L + 1):
        state = step(state, cells[(first + k) % L])
        if state is None:
            return False
    return True


def walks(nodes, arcs, counts):
    out = [[] for _ in range(nodes)]
    for a, c in enumerate(counts):
        out[arcs[a][0]] += [a] * c
    result = []
    while True:
        start = next((i for i in range(nodes) if out[i]), None)
        if start is None:
            break
        stack, walk = [(start, None)], []
        while stack:
            node, entered = stack[-1]
            if out[node]:
                a = out[node].pop()
                stack.append((arcs[a][1], a))
            else:
                stack.pop()
                if entered is not None:
                    walk.append(entered)
        walk.reverse()
        cells = [arcs[a][3] for a in walk]
        first = arcs[walk[0]][2]
        result.append(cells[-first:] + cells[:-first] if first else cells)
    result.sort(key=lambda c: -len(c))
    return result


def splice(step, a, b):
    for p in range(len(a)):
        if a[p - 1] is not None:
            continue
        for q in range(p % 7, len(b), 7):
            if b[q - 1] is not None:
                continue
            joined = a[p:] + a[:p] + b[q:] + b[:q]
            if keeps_rules(step, joined):
                r = p % 7
                return joined[-r:] + joined[:-r] if r else joined
    return None


def join(step, ws):
    while len(ws) > 1:
        found = None
        for i in range(len(ws)):
            for j in range(i + 1, len(ws)):
                c = splice(step, ws[i], ws[j])
                if c is not None:
                    found = (i, j, c)
                    break
            if found:
                break
        if not found:
            return None
        i, j, c = found
        del ws[j]
        ws[i] = c
    return ws[0]


def phases_connected(m, inst, arcs, y):
    """src/rws/model.rs `phases_connected`: the blocks form one walk through the 14-node
    phase graph (work-block and days-off-block start weekdays), by a single-commodity flow."""
    P = 14
    most = inst["n"] * 7
    edges = {}
    for v, arc in zip(y, arcs):
        if arc[4] is not None:
            edges.setdefault(arc[4], []).append(v)
    out = [[] for _ in range(P)]
    net = [[] for _ in range(P)]
    for (f, t), vs in edges.items():
        g = m.NewIntVar(0, P * most, "")
        m.Add(g <= P * sum(vs))
        out[f] += vs
        net[t].append(g)
        net[f].append(-g)
    roots = []
    for n in range(P):
        u, r = m.NewBoolVar(""), m.NewBoolVar("")
        m.Add(sum(out[n]) <= most * u)
        m.Add(u <= sum(out[n]))
        m.Add(r <= u)
        m.Add(sum(net[n]) >= u - P * r)
        roots.append(r)
    m.Add(sum(roots) == 1)


def parts(nodes, arcs, counts):
    parent = list(range(nodes))

    def root(n):
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    flow = [0] * nodes
    for (f, t, _, _, _), c in zip(arcs, counts):
        if c:
            flow[f] += c
            parent[root(f)] = root(t)
    groups = {}
    for n in range(nodes):
        if flow[n]:
            groups.setdefault(root(n), []).append(n)
    out = [sorted(g, key=lambda n: -flow[n]) for g in groups.values()]
    out.sort(key=lambda g: -sum(flow[n] for n in g))
    return out


def flow_model(inst, m, deadline):
    """src/rws/model.rs: integer y[arc], conservation, exact demand per weekday (shifts and
    days off); connectivity cuts added and CP-SAT run again until the arcs form one walk.
    Returns (status, chain, runs)."""
    n, S = inst["n"], inst["s"]
    nodes, arcs, step = state_graph(inst)
    if not arcs:
        return "infeasible", None, 0
    y = [m.NewIntVar(0, n, "") for _ in arcs]
    bal = [[] for _ in range(nodes)]
    out = [[] for _ in range(nodes)]
    planned = [[[] for _ in range(S + 1)] for _ in range(7)]
    for v, (f, t, wd, c, _) in zip(y, arcs):
        bal[f].append(v)
        bal[t].append(-v)
        out[f].append(v)
        planned[wd][S if c is None else c].append(v)
    for b in bal:
        if b:
            m.Add(sum(b) == 0)
    for wd in range(7):
        taken = 0
        for s in range(S):
            m.Add(sum(planned[wd][s]) == inst["demand"][s][wd])
            taken += inst["demand"][s][wd]
        m.Add(sum(planned[wd][S]) == n - taken)
    used = {}
    runs = 0
    while True:
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        left = deadline - time.perf_counter()
        if left <= 0:
            return "timeout", None, runs
        solver.parameters.max_time_in_seconds = left
        runs += 1
        st = solver.Solve(m)
        if st == cp_model.INFEASIBLE:
            return "infeasible", None, runs
        if st not in (cp_model.FEASIBLE, cp_model.OPTIMAL):
            return ("timeout" if st == cp_model.UNKNOWN else "error"), None, runs
        counts = [solver.Value(v) for v in y]
        ws = walks(nodes, arcs, counts)
        chain = ws[0] if len(ws) == 1 else join(step, ws)
        if chain is not None:
            return "feasible", chain, runs
        ps = parts(nodes, arcs, counts)
        if runs == 1:
            phases_connected(m, inst, arcs, y)
        for i, part in enumerate(ps):
            inside = set(part)
            here, there = part[0], ps[1 if i == 0 else 0][0]
            for node in (here, there):
                if node not in used:
                    u = m.NewBoolVar("")
                    m.Add(sum(out[node]) <= n * u)
                    m.Add(u <= sum(out[node]))
                    used[node] = u
            leaving = [v for v, (f, t, _, _, _) in zip(y, arcs) if f in inside and t not in inside]
            m.Add(sum(leaving) >= used[here] + used[there] - 1)


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
    ap.add_argument("--model", choices=["days", "flow"], default="flow")
    ap.add_argument("--json")
    args = ap.parse_args()
    results = []
    for f in args.files:
        name = f.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        started = time.perf_counter()
        inst = parse(f)
        m = cp_model.CpModel()
        runs = 1
        if args.model == "flow" and 0 < sum(map(sum, inst["demand"])) < 7 * inst["n"]:
            status, chain, runs = flow_model(inst, m, started + args.time_limit)
            if status == "feasible":
                status = "feasible" if chain is not None and not check(inst, chain) else "error"
        else:
            decode = day_model(inst, m)
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
        results.append({"name": name, "status": status, "seconds": round(seconds, 4), "runs": runs})
        print(f"{name:<14} {status:<10} {seconds:8.3f} s", flush=True)
    secs = sorted(r["seconds"] for r in results)
    count = lambda s: sum(r["status"] == s for r in results)
    print(f"{len(results)} instance(s): {count('feasible')} feasible, {count('infeasible')} "
          f"infeasible, {count('timeout')} timeout, {count('error')} error; "
          f"median {statistics.median(secs):.3f} s, max {secs[-1]:.3f} s")
    if args.json:
        with open(args.json, "w") as out:
            rows = ",\n  ".join(json.dumps(r) for r in results)
            out.write(f'{{\n "model": "{args.model}",\n "time_limit_seconds": {args.time_limit},\n'
                      f' "instances": [\n  {rows}\n ]\n}}\n')


if __name__ == "__main__":
    main()
