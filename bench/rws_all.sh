#!/usr/bin/env bash
# The 2,000 public RWS instances (DOMAIN.md §7) through `heltid rws --json`, one after another,
# with a per-instance time limit. Writes bench/rws_results.json (machine, date, summary, and per
# instance name, status, seconds and HiGHS runs, one instance per line; the schedules are left
# out to keep the file small, every one passed the checker when it was found) and prints the
# summary.
#
#   bench/rws_all.sh [DATA_DIR] [TIME_LIMIT_SECONDS] [STEP]
#
# DATA_DIR defaults to ../shared/data/rws, the limit to 10 s; STEP k runs every k-th instance
# (Example1, Example1+k, ...) for a quicker sample.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/rws}
limit=${2:-10}
step=${3:-1}
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
count=$(ls "$data"/Example*.txt | wc -l)
files=()
for ((i = 1; i <= count; i += step)); do files+=("$data/Example$i.txt"); done
started=$(date +%s)
# Chunks of 100 so a long run shows progress and a crash loses little.
for ((c = 0; c < ${#files[@]}; c += 100)); do
    chunk=("${files[@]:c:100}")
    code=0
    target/release/heltid rws "${chunk[@]}" --json --time-limit "$limit" >"$tmp/part$((c / 100)).json" || code=$?
    if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then echo "chunk $c: exit $code" >&2; fi
    echo "$((c + ${#chunk[@]})) / ${#files[@]} instances, $(($(date +%s) - started)) s" >&2
done
python3 - "$tmp" "$limit" "$step" "$data" <<'PY'
import glob, json, os, platform, statistics, subprocess, sys, datetime
tmp, limit, step, data = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
instances = []
for part in sorted(glob.glob(f"{tmp}/part*.json"), key=lambda p: int(p.rsplit("part", 1)[1][:-5])):
    for i in json.load(open(part))["instances"]:
        instances.append({
            "name": i["name"], "status": i["status"], "seconds": round(i["seconds"], 4),
            "highs_runs": i.get("highs_runs"),
        })
count = lambda s: sum(i["status"] == s for i in instances)
secs = sorted(i["seconds"] for i in instances)
summary = {
    "instances": len(instances), "feasible": count("feasible"), "infeasible": count("infeasible"),
    "timeout": count("timeout"), "error": count("error"),
    "median_seconds": round(statistics.median(secs), 4), "mean_seconds": round(statistics.mean(secs), 4),
    "max_seconds": round(secs[-1], 4), "total_seconds": round(sum(secs), 1),
    "over_1s": sum(s > 1 for s in secs),
}
lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines()
model = next((l.split(":", 1)[1].strip() for l in lscpu if l.startswith("Model name")), platform.processor())
out = {
    "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "machine": {"nproc": os.cpu_count(), "cpu": model},
    "time_limit_seconds": limit, "step": step, "summary": summary,
    "slowest": sorted(instances, key=lambda i: -i["seconds"])[:10],
    "instances": instances,
}
with open("bench/rws_results.json", "w") as f:
    head = {k: v for k, v in out.items() if k not in ("slowest", "instances")}
    text = json.dumps(head, indent=1)[:-2]
    for key in ("slowest", "instances"):
        rows = ",\n  ".join(json.dumps(i) for i in out[key])
        text += f',\n "{key}": [\n  {rows}\n ]'
    f.write(text + "\n}\n")
print(json.dumps(summary, indent=1))
print("slowest:", ", ".join(f"{i['name']} {i['status']} {i['seconds']:.2f} s" for i in out["slowest"]))
PY
