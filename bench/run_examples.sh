#!/usr/bin/env bash
# Times `heltid solve <file> --json` (ideal and today mode), RUNS times each, and prints
# min / median of heltid's own solve_seconds and of the process wall clock, with the status,
# heads, the weekend bound and the proven lower bound on heads.
#
# Usage: bench/run_examples.sh [files...]      (default: examples/*.ron and bench/data/*.ron)
# Env:   HELTID=target/release/heltid RUNS=3 TIME_LIMIT=60 MODES="ideal today"
#
# Waits while cargo or rustc is running (a build or a test run): the machine has 2 cores and
# either would distort the numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
HELTID=${HELTID:-target/release/heltid}
RUNS=${RUNS:-3}
TIME_LIMIT=${TIME_LIMIT:-60}
MODES=${MODES:-"ideal today"}
if [ "$#" -gt 0 ]; then files=("$@"); else files=(examples/*.ron bench/data/*.ron); fi
[ -x "$HELTID" ] || { echo "missing $HELTID: run cargo build --release" >&2; exit 2; }

wait_for_idle() {
    while pgrep -x rustc >/dev/null || pgrep -x cargo >/dev/null; do
        echo "# waiting: cargo/rustc is running" >&2
        sleep 20
    done
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for file in "${files[@]}"; do
    for mode in $MODES; do
        for run in $(seq 1 "$RUNS"); do
            wait_for_idle
            start=$(date +%s.%N)
            "$HELTID" solve "$file" --mode "$mode" --json --time-limit "$TIME_LIMIT" \
                >"$tmp/out.json" 2>"$tmp/err.txt" || true
            end=$(date +%s.%N)
            python3 - "$file" "$mode" "$start" "$end" "$tmp/out.json" >>"$tmp/rows.jsonl" <<'EOF'
import json, sys
file, mode, start, end, out = sys.argv[1:]
try:
    r = json.load(open(out))
except Exception as e:
    r = {"status": f"no-json ({e})"}
print(json.dumps({
    "file": file, "mode": mode, "wall": float(end) - float(start),
    "solve_seconds": r.get("solve_seconds"), "status": r.get("status"),
    "heads": r.get("heads"),
    "weekend_bound": r.get("bounds", {}).get("weekend_bound_heads"),
    "proven_lb": r.get("proven_lower_bound_heads"),
    "avg_pct": r.get("average_position_pct"),
    "full_time_share": r.get("after", {}).get("full_time_share_pct"),
    "violations": sum(1 for v in r.get("violations", []) if v.get("severity") == "breach"),
}))
EOF
        done
    done
done

python3 - "$tmp/rows.jsonl" "$RUNS" <<'EOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
runs = sys.argv[2]
groups = {}
for r in rows:
    groups.setdefault((r["file"], r["mode"]), []).append(r)
head = ["file", "mode", "status", "heads", "weekend bound", "proven LB", "avg %", "FT share %",
        f"solve_seconds min/med (n={runs})", "wall min/med"]
table = [head]
def mm(xs):
    xs = [x for x in xs if x is not None]
    return f"{min(xs):.2f} / {statistics.median(xs):.2f}" if xs else "–"
for (file, mode), rs in groups.items():
    statuses = sorted({str(r["status"]) for r in rs})
    last = rs[-1]
    f = lambda v, d=1: "–" if v is None else (f"{v:.{d}f}" if isinstance(v, float) else str(v))
    table.append([file, mode, ",".join(statuses), f(last["heads"]), f(last["weekend_bound"]),
                  f(last["proven_lb"]), f(last["avg_pct"]), f(last["full_time_share"]),
                  mm([r["solve_seconds"] for r in rs]), mm([r["wall"] for r in rs])])
w = [max(len(r[c]) for r in table) for c in range(len(head))]
fmt = lambda r: "| " + " | ".join(c.ljust(x) for c, x in zip(r, w)) + " |"
print(fmt(table[0]))
print("|" + "|".join("-" * (x + 2) for x in w) + "|")
for r in table[1:]:
    print(fmt(r))
EOF
