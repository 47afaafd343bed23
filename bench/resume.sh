#!/usr/bin/env bash
# bench/resume.sh — what a killed full build keeps: a clean parallel build
# of a corpus, then the same build killed with SIGKILL at a fraction of the
# clean build's wall time, then the rerun that resumes it; prints the three
# times, what the parts held at the kill, and whether the result equals the
# clean build (ids and document count).
#
#   bench/resume.sh --corpus DIR [--build DIR] [--at 0.8] [--work DIR]
set -euo pipefail
corpus= build=build at=0.8 work=${TMPDIR:-/tmp}/passim-resume
while [ $# -gt 0 ]; do
  case $1 in
    --corpus) corpus=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --at) at=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "bench/resume.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "$corpus" ] || { echo "bench/resume.sh: --corpus DIR is required" >&2; exit 2; }
index=$build/passim-index
rm -rf "$work"
mkdir -p "$work"
now() { date +%s.%N; }
ids() { xapian-delve -a -1 "$1" | sed -n 's/^Q//p' | LC_ALL=C sort; }

t0=$(now)
"$index" --index "$work/clean" -q "$corpus"
t1=$(now)
clean=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
delay=$(awk -v c="$clean" -v f="$at" 'BEGIN { printf "%.2f", c * f }')
echo "clean build: $clean s"

"$index" --index "$work/resumed" -q "$corpus" &
pid=$!
sleep "$delay"
kill -KILL "$pid"
set +e; wait "$pid" 2>/dev/null; krc=$?; set -e
held=0
for p in "$work"/resumed/gen-*.part-*; do
  [ -d "$p" ] && held=$((held + $(xapian-delve "$p" | sed -n 's/^number of documents = //p')))
done
total=$(ids "$work/clean" | wc -l)
echo "killed at $delay s (exit $krc): the parts held $held of $total articles"

t2=$(now)
set +e; "$index" --index "$work/resumed" --json "$corpus" > "$work/rerun.json"; rrc=$?; set -e
t3=$(now)
rerun=$(awk -v a="$t2" -v b="$t3" 'BEGIN { printf "%.2f", b - a }')
echo "rerun: $rerun s (exit $rrc): $(cat "$work/rerun.json")"
awk -v r="$rerun" -v c="$clean" 'BEGIN { printf "rerun / clean build: %.2f\n", r / c }'
if cmp -s <(ids "$work/clean") <(ids "$work/resumed"); then
  echo "the resumed index holds the same $total ids as the clean build"
else
  echo "the resumed index differs from the clean build"; exit 1
fi
