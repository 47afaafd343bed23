#!/usr/bin/env bash
# A parallel full build (first build, --rebuild) killed with SIGKILL keeps
# its parts' committed batches, and the next full build goes on from them:
# files already in a part are not read again, and the result equals a
# clean build (same ids, same articles and passages). The kill lands at an
# exact point: every worker stops itself at its Nth fdatasync on a part
# (the failio shim), then the indexer is killed, its workers with it.
# Also: rerun with another job count, with --jobs 1, and after the corpus
# changed between the kill and the rerun.
. "$(dirname "$0")/lib.sh"

BBC="$WORK/bbc"
C="$WORK/corpus"
mkdir -p "$BBC" "$C"
tar -xJf "$PASSIM_SHARED/corpora/bbc.tar.xz" -C "$BBC" ./business ./tech
for s in business tech; do
  mkdir -p "$C/$s"
  for f in $(ls "$BBC/$s" | LC_ALL=C sort | head -200); do cp "$BBC/$s/$f" "$C/$s/$f"; done
done
total=$(find "$C" -name '*.txt' | wc -l)
echo "corpus: $total articles"
SHIM="$WORK/failio.so"
cc -O2 -Wall -Wextra -shared -fPIC -o "$SHIM" "$PASSIM_SRC/tests/integration/shim/failio.c" -ldl
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
BATCH=10
STOP_AT=60 # fdatasync calls of each worker on its part before it stops

ids() { xapian-delve -a -1 "$1" | sed -n 's/^Q//p' | LC_ALL=C sort; }
# articles DIR: every shown passage (id, title, date, text), sorted.
articles() {
  local q
  for q in economy "mobile phone" "\"chief executive\"" market software growth said; do
    "$SEARCH_BIN" --index "$1" --json --limit 1000 --per-article 5 "$q" |
      jq -S -c '[.results[] | {id, title, date, text, passage, score}] | sort_by(.id, .passage)'
  done
}
docs_in() { xapian-delve "$1" 2>/dev/null | sed -n 's/^number of documents = //p'; }

# killed_build IDX ARGS...: a build whose workers stop at their
# STOP_AT-th part fdatasync; then SIGKILL to the indexer. Sets rc.
killed_build() {
  local idx=$1 pid c n=0 stopped
  shift
  FAILIO="fdatasync:$STOP_AT:STOP" FAILIO_PATH=.part- LD_PRELOAD="$SHIM" \
    "$INDEX_BIN" --index "$idx" -q --batch "$BATCH" "$@" 2>"$WORK/err" &
  pid=$!
  for _ in $(seq 3000); do
    stopped=0 n=0
    for c in $(pgrep -P "$pid" || true); do
      n=$((n + 1))
      grep -q '^State:.*T' "/proc/$c/status" 2>/dev/null && stopped=$((stopped + 1))
    done
    [ "$n" -gt 0 ] && [ "$stopped" = "$n" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  echo "    $stopped of $n workers stopped at their fdatasync $STOP_AT; killing the indexer"
  kill -KILL "$pid" 2>/dev/null || true
  set +e
  wait "$pid" 2>/dev/null
  rc=$?
  set -e
  for _ in $(seq 500); do pgrep -f "$idx" >/dev/null 2>&1 || break; sleep 0.01; done
}
# run IDX ARGS...: a run with --json; summary in $WORK/sum, exit in rc.
run() {
  local idx=$1
  shift
  set +e
  "$INDEX_BIN" --index "$idx" --json --batch "$BATCH" "$@" >"$WORK/sum" 2>"$WORK/err"
  rc=$?
  set -e
  sed 's/^/    /' "$WORK/err"
  echo "    $(cat "$WORK/sum") (exit $rc)"
}

CLEAN="$WORK/clean"
run "$CLEAN" --jobs 2 "$C"
check "clean build: exit 0" test "$rc" = 0
ids "$CLEAN" > "$WORK/ids.clean"
articles "$CLEAN" > "$WORK/art.clean"
check "clean build: every article" test "$(wc -l < "$WORK/ids.clean")" = "$total"

# resumed NAME IDX: the checks after a rerun that resumed a killed build.
resumed() {
  check "$1: the rerun succeeds (exit $rc)" test "$rc" = 0
  check "$1: the same ids as a clean build" cmp -s <(ids "$2") "$WORK/ids.clean"
  check "$1: the same articles and passages as a clean build" cmp -s <(articles "$2") "$WORK/art.clean"
  check "$1: its summary accounts for every article" \
    test "$(jq '.added + .replaced + .unchanged' "$WORK/sum")" = "$total"
  check "$1: no part is left behind" test -z "$(find "$2" -maxdepth 1 -name '*.part-*')"
  check "$1: one document per id" test "$(docs_in "$2")" = "$total"
}

echo "== a first build killed, rerun"
I="$WORK/first"
killed_build "$I" --jobs 2 "$C"
check "first build: killed (exit $rc)" test "$rc" = 137
kept=$(( $(docs_in "$I/gen-1.part-0") + $(docs_in "$I/gen-1.part-1") ))
echo "    the parts hold $kept of $total articles"
check "first build: both parts kept committed work" \
  test "$(docs_in "$I/gen-1.part-0")" -gt 0 -a "$(docs_in "$I/gen-1.part-1")" -gt 0
check "first build: not finished when killed" test "$kept" -lt "$total"
set +e
"$SEARCH_BIN" --index "$I" economy >/dev/null 2>&1; src=$?
set -e
check "first build killed: no index yet, search exit 3 (got $src)" test "$src" = 3
run "$I" --jobs 2 "$C"
resumed "first build" "$I"
check "first build: the rerun did not read the kept articles again" \
  test "$(jq .unchanged "$WORK/sum")" = "$kept"
check "first build: the stub names gen-1" test "$(cat "$I/XAPIANDB")" = "glass gen-1"

echo "== a --rebuild killed, rerun"
killed_build "$I" --rebuild --jobs 2 "$C"
check "--rebuild: killed (exit $rc)" test "$rc" = 137
check "--rebuild killed: the live index still answers, unchanged" cmp -s <(articles "$I") "$WORK/art.clean"
kept=$(( $(docs_in "$I/gen-2.part-0") + $(docs_in "$I/gen-2.part-1") ))
run "$I" --rebuild --jobs 2 "$C"
resumed "--rebuild" "$I"
check "--rebuild: resumed ($kept articles kept)" test "$(jq .unchanged "$WORK/sum")" = "$kept"
check "--rebuild: the stub names gen-2" test "$(cat "$I/XAPIANDB")" = "glass gen-2"
run "$I" "$C"
check "after the resumed rebuild: an update finds nothing to do" \
  test "$(jq -c '[.added,.replaced,.removed,.unchanged,.failed]' "$WORK/sum")" = "[0,0,0,$total,0]"

echo "== killed with 2 jobs, rerun with 4"
I="$WORK/jobs4"
killed_build "$I" --jobs 2 "$C"
run "$I" --jobs 4 "$C"
resumed "2 then 4 jobs" "$I"

echo "== killed with 2 jobs, rerun with --jobs 1"
I="$WORK/jobs1"
killed_build "$I" --jobs 2 "$C"
run "$I" --jobs 1 "$C"
resumed "2 jobs then 1" "$I"

echo "== killed, then the corpus changes, rerun"
I="$WORK/changed"
killed_build "$I" --jobs 2 "$C"
C2="$WORK/corpus2"
cp -a "$C" "$C2"
killed_build "$I" --jobs 2 "$C2" # parts now of corpus2's paths
mapfile -t some < <(cd "$C2" && find . -name '*.txt' | LC_ALL=C sort | awk 'NR % 40 == 1')
for rel in "${some[@]:0:5}"; do rm "$C2/$rel"; done
for rel in "${some[@]:5:5}"; do printf '\nA late correction was added to this report.\n' >> "$C2/$rel"; done
for s in business tech; do
  for f in $(ls "$BBC/$s" | LC_ALL=C sort | sed -n '201,205p'); do cp "$BBC/$s/$f" "$C2/$s/$f"; done
done
run "$I" --jobs 2 "$C2"
check "changed corpus: the rerun succeeds (exit $rc)" test "$rc" = 0
CLEAN2="$WORK/clean2"
"$INDEX_BIN" --index "$CLEAN2" -q --jobs 2 "$C2"
check "changed corpus: the same ids as a clean build of it" cmp -s <(ids "$I") <(ids "$CLEAN2")
check "changed corpus: the same articles as a clean build of it" cmp -s <(articles "$I") <(articles "$CLEAN2")
check "changed corpus: the correction is found" \
  test "$("$SEARCH_BIN" --index "$I" --json --limit 100 '"late correction"' | jq '.results | length')" = 5

finish
