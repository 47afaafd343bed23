#!/usr/bin/env bash
# bench/resume.sh — what a killed full build keeps: a clean parallel build
# of a corpus, then the same build killed with SIGKILL once its parts hold
# a fraction (--at, default 0.8) of the articles, then the rerun that resumes it; prints the wall
# and CPU times (user + system, workers included) of the clean build and
# the rerun, what the parts held at the kill, and whether the result equals
# the clean build (its ids). CPU time is the steadier figure on a shared
# machine. Needs /usr/bin/time and xapian-delve.
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
cpu() { awk '{ printf "%.2f", $1 + $2 }' "$1"; }
t0=$(now)
/usr/bin/time -f '%U %S' -o "$work/clean.cpu" "$index" --index "$work/clean" -q "$corpus"
t1=$(now)
clean=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
echo "clean build: $clean s wall, $(cpu "$work/clean.cpu") s CPU"

total=$(ids "$work/clean" | wc -l)
want=$(awk -v t="$total" -v f="$at" 'BEGIN { printf "%d", t * f }')
# held: articles committed in the parts of the killed build so far.
held() {
  local p n=0
  for p in "$work"/resumed/gen-*.part-*; do
    [ -f "$p/iamglass" ] && n=$((n + $(xapian-delve "$p" 2>/dev/null | sed -n 's/^number of documents = //p')))
  done
  echo "$n"
}
"$index" --index "$work/resumed" -q "$corpus" &
pid=$!
t2=$(now)
# Kill once the parts hold the fraction of the articles (a fraction of the
# clean build's wall time is no measure on a machine whose load changes).
while kill -0 "$pid" 2>/dev/null && [ "$(held)" -lt "$want" ]; do sleep 0.2; done
kill -KILL "$pid" 2>/dev/null || { echo "the build finished before the kill: try a smaller --at" >&2; exit 1; }
set +e; wait "$pid" 2>/dev/null; krc=$?; set -e
t3=$(now)
sleep 0.5 # the workers die with the indexer
killed=$(awk -v a="$t2" -v b="$t3" 'BEGIN { printf "%.2f", b - a }')
echo "killed after $killed s (exit $krc): the parts held $(held) of $total articles"

t2=$(now)
set +e
/usr/bin/time -f '%U %S' -o "$work/rerun.cpu" "$index" --index "$work/resumed" --json "$corpus" > "$work/rerun.json"
rrc=$?
set -e
t3=$(now)
rerun=$(awk -v a="$t2" -v b="$t3" 'BEGIN { printf "%.2f", b - a }')
echo "rerun: $rerun s wall, $(cpu "$work/rerun.cpu") s CPU (exit $rrc): $(cat "$work/rerun.json")"
awk -v r="$rerun" -v c="$clean" -v rc="$(cpu "$work/rerun.cpu")" -v cc="$(cpu "$work/clean.cpu")" \
  'BEGIN { printf "rerun / clean build: %.2f of the wall time, %.2f of the CPU time\n", r / c, rc / cc }'
if cmp -s <(ids "$work/clean") <(ids "$work/resumed"); then
  echo "the resumed index holds the same $total ids as the clean build"
else
  echo "the resumed index differs from the clean build"; exit 1
fi
