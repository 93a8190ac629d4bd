#!/usr/bin/env bash
# Runs heltid on the unit corpus (bench/corpus/units/unit_*.ron), every unit in every mode,
# one solve at a time, and writes bench/corpus/results.json and bench/corpus/RESULTS.md.
#
# Usage: bench/corpus/run.sh [--modes ideal,today,rotating] [--time-limit 20] [--slice N]
#                            [--out DIR] [--note TEXT] [--no-wait] [FILES...]
#   --modes       comma-separated solve modes (default ideal,today,rotating)
#   --time-limit  seconds per solve, passed to `heltid solve --time-limit` (default 20)
#   --slice N     only the first N units (sorted by name); default all
#   --out DIR     where results.json and RESULTS.md go (default bench/corpus)
#   --note TEXT   a sentence for the top of RESULTS.md (e.g. "baseline before …")
#   --quality-seconds S  the quality phase of ideal mode (default 0: the structure alone)
#   --no-wait     do not wait while cargo or rustc is running (the numbers are then noisy);
#                 by default a solve that overlapped a build is run again (up to twice)
#   FILES         units to run instead of bench/corpus/units/unit_*.ron
# Env: HELTID=target/release/heltid
#
# For each unit and mode: `heltid solve FILE --mode M --time-limit T --json --out TMP` (its JSON,
# exit code and wall clock are kept); when a proposal was saved, `heltid verify TMP --json`
# checks it independently and its breaches are recorded. The binary is copied first (after
# waiting for any build), so a rebuild during the run does not change the solver under test.
# A crash, a kill by the safety timeout (2 × T + 60 s) or output that is not JSON is recorded
# as such and the run goes on.
# Records are appended to results.jsonl as they come in (an interrupted run keeps them), then
# bench/corpus/summarise.py turns them into results.json and RESULTS.md.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

modes="ideal,today,rotating"
time_limit=20
quality_seconds=0
slice=0
out_dir="$here"
wait_idle=1
note=""
files=()
while [ "$#" -gt 0 ]; do
    case "$1" in
        --modes) modes="$2"; shift 2 ;;
        --modes=*) modes="${1#*=}"; shift ;;
        --time-limit) time_limit="$2"; shift 2 ;;
        --time-limit=*) time_limit="${1#*=}"; shift ;;
        --slice) slice="$2"; shift 2 ;;
        --slice=*) slice="${1#*=}"; shift ;;
        --out) out_dir="$2"; shift 2 ;;
        --out=*) out_dir="${1#*=}"; shift ;;
        --no-wait) wait_idle=0; shift ;;
        --quality-seconds) quality_seconds="$2"; shift 2 ;;
        --note) note="$2"; shift 2 ;;
        --note=*) note="${1#*=}"; shift ;;
        -h|--help) sed -n '2,/^set /p' "$here/run.sh" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
        *) files+=("$1"); shift ;;
    esac
done

HELTID=${HELTID:-target/release/heltid}
[ -x "$HELTID" ] || { echo "missing $HELTID: build it with cargo build --release" >&2; exit 2; }
if [ "${#files[@]}" -eq 0 ]; then
    mapfile -t files < <(ls "$here"/units/unit_*.ron | sort)
fi
if [ "$slice" -gt 0 ] 2>/dev/null; then
    files=("${files[@]:0:$slice}")
fi
IFS=',' read -r -a mode_list <<<"$modes"
for mode in "${mode_list[@]}"; do
    case "$mode" in ideal|today|rotating) ;; *) echo "unknown mode $mode" >&2; exit 2 ;; esac
done

mkdir -p "$out_dir"
jsonl="$out_dir/results.jsonl"
: >"$jsonl"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
safety=$(python3 -c "import sys; print(int(2 * float(sys.argv[1]) + 60))" "$time_limit")

busy() { pgrep -x cargo >/dev/null 2>&1 || pgrep -x rustc >/dev/null 2>&1; }
wait_for_idle() {
    [ "$wait_idle" -eq 1 ] || return 0
    local said=0
    while busy; do
        [ "$said" -eq 1 ] || echo "# waiting: cargo/rustc is running" >&2
        said=1
        sleep 15
    done
}

# Solve with a copy of the binary, so that a rebuild during the run does not change the solver.
wait_for_idle
binary_built=$(date -u -r "$HELTID" "+%Y-%m-%d %H:%M:%S UTC")
cp "$HELTID" "$tmp/heltid"
binary_sha=$(sha256sum "$tmp/heltid" | cut -d' ' -f1)
run_heltid="$tmp/heltid"

started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
total=$(( ${#files[@]} * ${#mode_list[@]} ))
n=0
echo "# ${#files[@]} units × ${#mode_list[@]} modes, time limit $time_limit s (at most about $(python3 -c "import sys; print(round(int(sys.argv[1]) * (float(sys.argv[2]) + 1) / 60))" "$total" "$time_limit") min)" >&2
for file in "${files[@]}"; do
    for mode in "${mode_list[@]}"; do
        n=$((n + 1))
        rm -f "$tmp"/proposal.ron "$tmp"/solve.json "$tmp"/solve.err "$tmp"/verify.json "$tmp"/verify.err
        # A solve that overlapped a build is run again (up to twice) once the build is over.
        for attempt in 1 2 3; do
            rm -f "$tmp"/proposal.ron
            wait_for_idle
            busy_before=0; busy && busy_before=1
            t0=$(date +%s.%N)
            timeout --kill-after=10 "$safety" "$run_heltid" solve "$file" --mode "$mode" \
                --time-limit "$time_limit" --quality-seconds "$quality_seconds" --json --out "$tmp/proposal.ron" \
                >"$tmp/solve.json" 2>"$tmp/solve.err"
            solve_rc=$?
            t1=$(date +%s.%N)
            busy_after=0; busy && busy_after=1
            [ "$wait_idle" -eq 1 ] && [ "$busy_before$busy_after" != "00" ] || break
            echo "# $(basename "$file") $mode overlapped a build; again" >&2
        done
        verify_rc=""
        if [ -s "$tmp/proposal.ron" ]; then
            timeout --kill-after=10 120 "$run_heltid" verify "$tmp/proposal.ron" --json \
                >"$tmp/verify.json" 2>"$tmp/verify.err"
            verify_rc=$?
        fi
        python3 "$here/summarise.py" record \
            --file "$file" --mode "$mode" --time-limit "$time_limit" \
            --solve-rc "$solve_rc" --wall "$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$t0" "$t1")" \
            --solve-json "$tmp/solve.json" --solve-err "$tmp/solve.err" \
            --verify-rc "$verify_rc" --verify-json "$tmp/verify.json" --verify-err "$tmp/verify.err" \
            --busy "$busy_before$busy_after" >>"$jsonl" \
            || echo "{\"file\": \"$file\", \"mode\": \"$mode\", \"status\": \"record-failed\"}" >>"$jsonl"
        printf '# [%d/%d] %s %s: %s\n' "$n" "$total" "$(basename "$file")" "$mode" \
            "$(tail -n 1 "$jsonl" | python3 -c "import json,sys; r=json.load(sys.stdin); print(r.get('outcome'), r.get('heads'), '%.2f s' % (r.get('solve_seconds') or r.get('wall_seconds') or 0))" 2>/dev/null)" >&2
    done
done
finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)

python3 "$here/summarise.py" build --jsonl "$jsonl" --out-dir "$out_dir" \
    --heltid "$HELTID" --binary-built "$binary_built" --binary-sha256 "$binary_sha" --modes "$modes" --time-limit "$time_limit" --slice "$slice" \
    --units "${#files[@]}" --started "$started" --finished "$finished" --note "$note"
