#!/usr/bin/env bash
# bench/cgi.sh — passim.cgi under load behind lighttpd (mod_cgi), loopback
# only: requests per second and p50/p99 latency at 1, 4 and 16 concurrent
# clients (wrk), idle and while passim-index re-indexes the corpus in a
# loop (full --rebuild passes alternating with in-place updates of edited
# articles); then where the time of one request goes (process start,
# analyzer, index open, search, render), from direct runs of the program.
#
# Usage: bench/cgi.sh [--build DIR] [--corpus bbc|seeds|DIR] [--seconds N]
#                     [--runs N] [--out FILE]
#
#   --build DIR    build directory holding passim.cgi and passim-index
#                  (default: build at the repo root)
#   --corpus C     bbc (../shared/corpora/bbc.tar.xz, 2,225 articles; the
#                  default when present), seeds (./corpus), or a directory
#   --seconds N    length of each wrk run (default 10, at most 120)
#   --runs N       direct runs for the time breakdown (default 200, at most 5000)
#   --out FILE     also write the report (markdown) to FILE
#
# Every wrk run counts failures: non-2xx answers and socket errors
# (connect, read, write, timeout at 10 s). Exit status 1 when any request
# failed, or a tool is missing; 0 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

BUILD="$ROOT/build" CORPUS="" SECONDS_PER_RUN=10 RUNS=200 OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD=$(cd "$2" && pwd); shift 2 ;;
    --corpus) CORPUS=$2; shift 2 ;;
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "bench/cgi.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
case "$SECONDS_PER_RUN" in ''|*[!0-9]*) echo "--seconds takes a number" >&2; exit 2 ;; esac
case "$RUNS" in ''|*[!0-9]*) echo "--runs takes a number" >&2; exit 2 ;; esac
[ "$SECONDS_PER_RUN" -ge 1 ] && [ "$SECONDS_PER_RUN" -le 120 ] || { echo "--seconds: 1 to 120" >&2; exit 2; }
[ "$RUNS" -ge 1 ] && [ "$RUNS" -le 5000 ] || { echo "--runs: 1 to 5000" >&2; exit 2; }

for tool in lighttpd wrk curl; do
  command -v "$tool" >/dev/null || { echo "bench/cgi.sh: $tool is not installed" >&2; exit 1; }
done
CGI="$BUILD/passim.cgi" INDEXER="$BUILD/passim-index"
[ -x "$CGI" ] && [ -x "$INDEXER" ] || { echo "bench/cgi.sh: build first ($BUILD)" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/passim-cgibench.XXXXXX")
LT_PID="" RX_PID=""
cleanup() {
  [ -n "$RX_PID" ] && { kill "$RX_PID" 2>/dev/null || true; wait "$RX_PID" 2>/dev/null || true; }
  [ -n "$LT_PID" ] && { kill "$LT_PID" 2>/dev/null || true; wait "$LT_PID" 2>/dev/null || true; }
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- corpus and index ---------------------------------------------------------
SHARED_BBC="$ROOT/../shared/corpora/bbc.tar.xz"
if [ -z "$CORPUS" ]; then
  if [ -f "$SHARED_BBC" ]; then CORPUS=bbc; else CORPUS=seeds; fi
fi
# A private copy: the re-indexing passes edit some of its files.
CDIR="$WORK/corpus"
mkdir -p "$CDIR"
case "$CORPUS" in
  bbc) tar -xJf "$SHARED_BBC" -C "$CDIR" ;;
  seeds) cp -R "$ROOT/corpus/." "$CDIR" ;;
  *) cp -R "$CORPUS/." "$CDIR" ;;
esac
IDX="$WORK/index"
t0=$(date +%s.%N)
"$INDEXER" --index "$IDX" --quiet "$CDIR"
t1=$(date +%s.%N)
NDOCS=$(find "$CDIR" -type f \( -name '*.txt' -o -name '*.txt.gz' \) | wc -l)
INDEX_SECONDS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')

# Queries: a rotation of everyday news searches (phrases, several words, one
# word, a miss), URL-encoded as a search form sends them.
QUERIES=("q=economy+growth" "q=%22prime+minister%22" "q=film+award+ceremony"
         "q=mobile+phone" "q=election" "q=%22Bien+Hoa%22" "q=football+coach+injury"
         "q=oil+prices+rise&page=2" "q=zzyzx+qwerty" "q=music+chart&format=json")

# --- the server ----------------------------------------------------------------
mkdir -p "$WORK/www"
cp "$CGI" "$WORK/www/passim.cgi"
start_server() {
  cat >"$WORK/lighttpd.conf" <<EOF
server.modules = ("mod_cgi", "mod_setenv")
server.document-root = "$WORK/www"
server.bind = "127.0.0.1"
server.port = $1
server.errorlog = "$WORK/lighttpd-error.log"
server.max-connections = 256
cgi.assign = (".cgi" => "")
setenv.add-environment = ("PASSIM_INDEX" => "$IDX")
EOF
  lighttpd -D -f "$WORK/lighttpd.conf" >"$WORK/lighttpd.out" 2>&1 &
  LT_PID=$!
  for ((i = 0; i < 100; i++)); do
    kill -0 "$LT_PID" 2>/dev/null || { wait "$LT_PID" 2>/dev/null || true; LT_PID=""; return 1; }
    curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0
    sleep 0.1
  done
  return 1
}
PORT=""
for ((try = 0; try < 10; try++)); do
  p=$((20000 + RANDOM % 40000))
  (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && continue
  if start_server "$p"; then PORT=$p; break; fi
done
[ -n "$PORT" ] || { echo "bench/cgi.sh: lighttpd did not start" >&2; exit 1; }
BASE="http://127.0.0.1:$PORT/passim.cgi"

# wrk rotates through the queries.
{
  echo 'local q = {'
  for q in "${QUERIES[@]}"; do echo "  \"/passim.cgi?$q\","; done
  echo '}'
  echo 'local i = 0'
  echo 'request = function() i = i + 1; return wrk.format(nil, q[(i % #q) + 1]) end'
} >"$WORK/rotate.lua"

# Sanity: every query answers 200 before measuring.
for q in "${QUERIES[@]}"; do
  c=$(curl -s -o /dev/null -w '%{http_code}' "$BASE?$q")
  [ "$c" = 200 ] || { echo "bench/cgi.sh: $q answered $c" >&2; exit 1; }
done

# wrk_run CLIENTS [URL]: one measured run; prints "rps p50 p99 requests failed".
wrk_run() {
  local c=$1 url=${2:-} t out
  t=$((c < 2 ? 1 : 2))
  if [ -n "$url" ]; then
    out=$(wrk -t"$t" -c"$c" -d"${SECONDS_PER_RUN}s" --timeout 10s --latency "$url")
  else
    out=$(wrk -t"$t" -c"$c" -d"${SECONDS_PER_RUN}s" --timeout 10s --latency -s "$WORK/rotate.lua" "http://127.0.0.1:$PORT/")
  fi
  echo "$out" >>"$WORK/wrk.log"
  awk '
    /Requests\/sec:/ { rps = $2 }
    /^ +50% / { p50 = $2 }
    /^ +99% / { p99 = $2 }
    / requests in / { n = $1 }
    /Socket errors:/ { gsub(/,/, ""); fail += $4 + $6 + $8 + $10 }
    /Non-2xx or 3xx responses:/ { fail += $5 }
    END { printf "%s %s %s %s %d\n", rps, p50, p99, n, fail }' <<<"$out"
}

# Re-index the corpus in a loop (bounded) until stopped; counts passes.
# Passes alternate: a full --rebuild (a new generation, then the switch),
# and an in-place update after editing a tenth of the files (each edited
# article is replaced in the live index, in batches of 500). On TERM it
# stops the pass in flight (by its id) and exits.
mapfile -t CFILES < <(find "$CDIR" -type f -name '*.txt' | sort)
reindex_loop() {
  local n=0 child="" i
  trap '[ -n "$child" ] && kill "$child" 2>/dev/null; wait; exit 0' TERM
  while [ $n -lt 10000 ]; do
    if [ $((n % 2)) = 0 ]; then
      "$INDEXER" --index "$IDX" --quiet --rebuild "$CDIR" 2>>"$WORK/reindex.log" &
    else
      for ((i = n % 10; i < ${#CFILES[@]}; i += 10)); do
        printf '\nEdited in pass %d.\n' "$n" >>"${CFILES[$i]}"
      done
      "$INDEXER" --index "$IDX" --quiet "$CDIR" 2>>"$WORK/reindex.log" &
    fi
    child=$!
    wait "$child" || echo "reindex failed" >>"$WORK/reindex.err"
    child=""
    n=$((n + 1))
    echo $n >"$WORK/reindex.passes"
  done
}

REPORT="$WORK/report.md"
FAILED=0
{
  echo "## passim.cgi behind lighttpd (mod_cgi), loopback"
  echo
  echo "Corpus: $CORPUS ($NDOCS articles, indexed in ${INDEX_SECONDS} s); $(nproc) cores;"
  echo "wrk ${SECONDS_PER_RUN} s per row, ${#QUERIES[@]} queries in rotation (HTML and JSON, one miss)."
  echo
  echo "| load | clients | req/s | p50 | p99 | requests | failed |"
  echo "|---|---|---|---|---|---|---|"
} >"$REPORT"

row() { # LABEL CLIENTS RESULT
  local label=$1 c=$2; shift 2
  read -r rps p50 p99 n fail <<<"$*"
  echo "| $label | $c | $rps | $p50 | $p99 | $n | $fail |" >>"$REPORT"
  FAILED=$((FAILED + fail))
}

echo "measuring idle..." >&2
for c in 1 4 16; do row "search" "$c" "$(wrk_run "$c")"; done
row "search page only (no q: no index opened)" 4 "$(wrk_run 4 "$BASE")"

echo "measuring while re-indexing..." >&2
passes() { cat "$WORK/reindex.passes" 2>/dev/null || echo 0; }
: >"$WORK/reindex.err"
reindex_loop &
RX_PID=$!
for c in 1 4 16; do
  before=$(passes)
  r=$(wrk_run "$c")
  row "search while passim-index re-indexes ($(($(passes) - before)) passes ended)" "$c" "$r"
done
kill "$RX_PID" 2>/dev/null || true
wait "$RX_PID" 2>/dev/null || true
RX_PID=""
PASSES=$(passes)
REINDEX_ERRORS=$(wc -l <"$WORK/reindex.err")

# --- where one request's time goes ---------------------------------------------
echo "measuring the time breakdown..." >&2
# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit } printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# per_exec_ms COMMAND...: median wall milliseconds of one run over $RUNS runs
per_exec_ms() {
  local i s e
  for ((i = 0; i < RUNS; i++)); do
    s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
    echo $(((e - s) / 1000))
  done | median | awk '{ printf "%.2f", $1 / 1000 }'
}
cgi_env() { env -i PASSIM_INDEX="$IDX" REQUEST_METHOD=GET "$@" "$CGI"; }
TRUE_MS=$(per_exec_ms /bin/true)
PAGE_MS=$(per_exec_ms cgi_env QUERY_STRING=)
SEARCH_MS=$(per_exec_ms cgi_env 'QUERY_STRING=q=economy+growth')
for ((i = 0; i < RUNS; i++)); do
  cgi_env PASSIM_CGI_TIMING=1 'QUERY_STRING=q=economy+growth' 2>&1 >/dev/null | grep 'timing ms'
done >"$WORK/timing.txt"
stage() { awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }' "$WORK/timing.txt" | median; }
AN_MS=$(stage analyzer) OPEN_MS=$(stage open) SEARCH_ONLY_MS=$(stage search) RENDER_MS=$(stage render+write)

{
  echo
  echo "Re-indexing: $PASSES full passes of passim-index ended during those rows ($REINDEX_ERRORS failed);"
  echo "passes alternate a full --rebuild (new generation, then the switch) and an in-place"
  echo "update of a tenth of the articles, edited before the pass."
  echo
  echo "One request run directly (no server), median of $RUNS runs, q=economy+growth:"
  echo
  echo "| stage | ms |"
  echo "|---|---|"
  echo "| exec of /bin/true (fork+exec floor) | $TRUE_MS |"
  echo "| whole passim.cgi, search page (no index) | $PAGE_MS |"
  echo "| whole passim.cgi, a search | $SEARCH_MS |"
  echo "| - analyzer created | $AN_MS |"
  echo "| - index opened | $OPEN_MS |"
  echo "| - search (match, passages, snippets) | $SEARCH_ONLY_MS |"
  echo "| - render and write | $RENDER_MS |"
  echo
  echo "Failed requests in all rows: $FAILED."
} >>"$REPORT"

cat "$REPORT"
[ -n "$OUT" ] && cp "$REPORT" "$OUT"
[ "$FAILED" -eq 0 ] && [ "$REINDEX_ERRORS" -eq 0 ]
