#!/usr/bin/env bash
# Searches while the index changes under them. First, one search paused at
# exact points while commits land (below). Then several background readers
# run passim-search --json over fixed queries in a loop while passim-index
# adds, changes and removes articles (small batches, so commits land
# mid-search), rebuilds the index into a new generation and compacts it.
# Every search must exit 0 with well-formed JSON. Each indexer run is
# paused (SIGSTOP) once it holds the writer lock until the readers have
# made a few more searches, so every phase is certain to overlap with
# searches whatever the speed of the machine; then it runs to its end
# (switch included) while the readers keep going.
. "$(dirname "$0")/lib.sh"

READERS=3
UPDATE_BATCH=${LIVE_UPDATE_BATCH:-5} # articles per commit in the update phases: commits land mid-search
MAX_PER_READER=1500   # bound on each reader's loop
C="$WORK/corpus"
I="$WORK/index"
POOL="$WORK/pool"
BBC="$WORK/bbc"
mkdir -p "$C/business" "$C/tech" "$POOL/politics" "$BBC"
tar -xJf "$PASSIM_SHARED/corpora/bbc.tar.xz" -C "$BBC" ./business ./tech ./politics
for s in business tech; do
  for f in $(ls "$BBC/$s" | LC_ALL=C sort | head -150); do cp "$BBC/$s/$f" "$C/$s/"; done
done
for f in $(ls "$BBC/politics" | LC_ALL=C sort | head -60); do cp "$BBC/politics/$f" "$POOL/politics/"; done
"$INDEX_BIN" --index "$I" -q --batch 10 "$C"

# Misspelt words make the searcher look for a correction in the index's
# terms too ("Did you mean"), after ranking: that reading must be as safe
# from a commit under it as the ranking is.
QUERIES=("economy growth" "\"chief executive\"" "goverment spending" "election AND labour"
         "oil prices" "telecom compnay" "shares NOT bank" "revised figures"
         "software OR security" "mobil phone")
# set_phase NAME: readers tag their searches with it (written atomically).
set_phase() { echo "$1" > "$WORK/phase.tmp"; mv "$WORK/phase.tmp" "$WORK/phase"; }
set_phase setup

# --- a commit at exact points of one search ---------------------------------
# The failio shim (tests/integration/shim/failio.c) stops passim-search
# (SIGSTOP) right before its Nth pread of the index; while it is stopped,
# passim-index commits 20 times, rewriting the blocks that search reads
# (articles gain the words it looks for); then the search goes on. Xapian
# then throws DatabaseModifiedError (measured: DatabaseCorruptError "Expected
# block N to be level 1, not 0" when it was opening the index), and the
# search must reopen the index and run again, whatever it was doing:
# opening the index (the first preads), ranking (the middle ones) or
# looking for a "Did you mean" correction (the last ones, after ranking).
SHIM="$WORK/failio.so"
cc -O2 -Wall -Wextra -shared -fPIC -o "$SHIM" "$PASSIM_SRC/tests/integration/shim/failio.c" -ldl
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
PC="$WORK/pcorpus"
PI="$WORK/pindex"
cp -a "$C" "$WORK/pcorpus.orig"
cp -a "$C" "$PC"
"$INDEX_BIN" --index "$WORK/pindex.orig" -q --batch 10 "$PC"
PQ="goverment spending"
FAILIO_COUNT=1 LD_PRELOAD="$SHIM" "$SEARCH_BIN" --index "$WORK/pindex.orig" --json "$PQ" \
  >"$WORK/probe.out" 2>"$WORK/probe.err"
T=$(sed -n 's/^failio: calls.* pread \([0-9]*\).*/\1/p' "$WORK/probe.err")
check "dry run: the search reads the index (pread calls: ${T:-none})" test "${T:-0}" -gt 5
check "dry run: the query gets a correction" \
  test "$(jq -r .suggestion "$WORK/probe.out")" = "government spending"
has_results() { [ "$2" = 0 ] && [ -s "$1" ] && jq -e '.results | length > 0' "$1" >/dev/null; }
probe() { # probe N: stop the search at pread N, commit, continue
  local n=$1 pid rc _ k f stopped=no
  rm -rf "$PI" "$PC"
  cp -a "$WORK/pindex.orig" "$PI"
  cp -a "$WORK/pcorpus.orig" "$PC"
  FAILIO="pread:$n:STOP" LD_PRELOAD="$SHIM" "$SEARCH_BIN" --index "$PI" --json "$PQ" \
    >"$WORK/probe.out" 2>"$WORK/probe.err" &
  pid=$!
  for _ in $(seq 1000); do
    grep -q '^State:.*T' "/proc/$pid/status" 2>/dev/null && { stopped=yes; break; }
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  for k in 1 2 3 4; do
    for f in $(cd "$PC" && find . -name '*.txt' | LC_ALL=C sort | sed -n "$((k * 10 - 9)),$((k * 10))p"); do
      printf '\nThe government spending plans of the governor, round %d.\n' "$k" >> "$PC/$f"
    done
    "$INDEX_BIN" --index "$PI" -q --batch 2 "$PC"
  done
  kill -CONT "$pid" 2>/dev/null || true
  set +e
  wait "$pid"
  rc=$?
  set -e
  { grep -v '^failio:' "$WORK/probe.err" || true; } | sed 's/^/    /'
  echo "  stopped at pread $n: $stopped; search exit $rc"
  check "search stopped at pread $n of $T while 20 commits land: it was stopped" test "$stopped" = yes
  check "search stopped at pread $n of $T while 20 commits land: exit 0 (got $rc), JSON results" \
    has_results "$WORK/probe.out" "$rc"
}
if [ "${T:-0}" -gt 5 ]; then
  for n in 1 2 $((T / 2)) $((T - 4)) $((T - 3)) $((T - 2)) $((T - 1)); do probe "$n"; done
fi

# A search paused while the index is rebuilt twice and compacted: its
# generation must stay on disk until it is done, then go.
probe_generations() {
  local n=$1 pid rc _ g stopped=no kept=no
  rm -rf "$PI" "$PC"
  cp -a "$WORK/pindex.orig" "$PI"
  cp -a "$WORK/pcorpus.orig" "$PC"
  g=$(awk '{print $2}' "$PI/XAPIANDB")
  FAILIO="pread:$n:STOP" LD_PRELOAD="$SHIM" "$SEARCH_BIN" --index "$PI" --json "$PQ" \
    >"$WORK/probe.out" 2>"$WORK/probe.err" &
  pid=$!
  for _ in $(seq 1000); do
    grep -q '^State:.*T' "/proc/$pid/status" 2>/dev/null && { stopped=yes; break; }
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  "$INDEX_BIN" --index "$PI" -q --rebuild "$PC"
  "$INDEX_BIN" --index "$PI" -q --rebuild "$PC"
  "$INDEX_BIN" --index "$PI" -q --compact
  [ -f "$PI/$g/iamglass" ] && kept=yes
  kill -CONT "$pid" 2>/dev/null || true
  set +e
  wait "$pid"
  rc=$?
  set -e
  { grep -v '^failio:' "$WORK/probe.err" || true; } | sed 's/^/    /'
  echo "  stopped at pread $n through 2 rebuilds and a compaction: $stopped; $g kept: $kept; now $(cat "$PI/XAPIANDB"); search exit $rc"
  check "search paused through rebuilds at pread $n: it was stopped" test "$stopped" = yes
  check "search paused through rebuilds at pread $n: its generation $g was kept" test "$kept" = yes
  check "search paused through rebuilds at pread $n: exit 0 (got $rc), JSON results" \
    has_results "$WORK/probe.out" "$rc"
  "$INDEX_BIN" --index "$PI" -q "$PC"
  check "search paused through rebuilds at pread $n: once it is done, the next run removes $g" \
    test ! -e "$PI/$g"
}
if [ "${T:-0}" -gt 5 ]; then
  probe_generations $((T / 2))
fi

# reader N: search until told to stop; one line per search in reader-N.log:
# PHASE EXIT VALID
reader() {
  local n=$1 i q out rc ok phase
  for ((i = 0; i < MAX_PER_READER; i++)); do
    [ -e "$WORK/stop" ] && break
    phase=$(cat "$WORK/phase")
    q=${QUERIES[$(((i + n) % ${#QUERIES[@]}))]}
    set +e
    out=$("$SEARCH_BIN" --index "$I" --json --limit 5 "$q" 2>>"$WORK/reader-$n.err")
    rc=$?
    set -e
    ok=0
    jq -e '(.results | type == "array") and (.results | all(has("id") and has("text")))' \
      >/dev/null 2>&1 <<<"$out" && ok=1
    echo "$phase $rc $ok" >> "$WORK/reader-$n.log"
    if [ "$rc" != 0 ] || [ "$ok" != 1 ]; then
      echo "reader $n, phase $phase, query '$q': exit $rc" >> "$WORK/reader-$n.err"
    fi
  done
}
searches() { cat "$WORK"/reader-*.log 2>/dev/null | wc -l; }
# wait_searches N: until N more searches are logged (bounded).
wait_searches() {
  local target=$(($(searches) + $1)) _
  for _ in $(seq 3000); do
    [ "$(searches)" -ge "$target" ] && return 0
    sleep 0.01
  done
  return 1
}

pids=()
for n in $(seq "$READERS"); do
  : > "$WORK/reader-$n.log"
  reader "$n" &
  pids+=($!)
done
wait_searches "$READERS"

# phase NAME ARGS...: run passim-index ARGS while the readers search.
phase() {
  local name=$1 pid rc _ paused=no
  shift
  set_phase "$name"
  "$INDEX_BIN" --index "$I" -q "$@" 2>"$WORK/index.err" &
  pid=$!
  for _ in $(seq 2000); do
    [ "$(cat "$I/writer.lock" 2>/dev/null)" = "$pid" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.005
  done
  if kill -STOP "$pid" 2>/dev/null; then
    paused=yes
    wait_searches $((2 * READERS)) || true
    kill -CONT "$pid"
  fi
  set +e
  wait "$pid"
  rc=$?
  set -e
  cat "$WORK/index.err"
  set_phase "after-$name"
  wait_searches "$READERS" || true
  echo "  $name: exit $rc (paused while holding the lock: $paused), generation $(cat "$I/XAPIANDB")"
  check "$name: passim-index succeeds" test "$rc" = 0
}

change() {
  local rel
  for rel in $(cd "$C" && find . -name '*.txt' | LC_ALL=C sort | awk -v k="$1" 'NR % 4 == k % 4'); do
    printf '\nRevised figures were published in update %s of this report.\n' "$1" >> "$C/$rel"
  done
}
move() { # move N files from $1 to $2
  local rel
  for rel in $(cd "$1" && find . -name '*.txt' | LC_ALL=C sort | head -"$3"); do
    mkdir -p "$2/$(dirname "$rel")"
    mv "$1/$rel" "$2/$rel"
  done
}

for round in 1 2; do
  move "$POOL" "$C" 25
  phase "add-$round" --batch "$UPDATE_BATCH" "$C"
  change "$round"
  phase "change-$round" --batch "$UPDATE_BATCH" "$C"
  move "$C" "$POOL" 20
  phase "remove-$round" --batch "$UPDATE_BATCH" "$C"
  phase "rebuild-$round" --rebuild --batch 10 "$C"
  phase "compact-$round" --compact
done

touch "$WORK/stop"
for p in "${pids[@]}"; do wait "$p"; done

total=$(searches)
failed=$(cat "$WORK"/reader-*.log | awk '$2 != 0 || $3 != 1' | wc -l)
echo "searches per phase (phase: searches, failed):"
cat "$WORK"/reader-*.log | awk '{n[$1]++; if ($2 != 0 || $3 != 1) f[$1]++}
  END {for (p in n) printf "  %-18s %5d %d\n", p, n[p], f[p] + 0}' | sort
cat "$WORK"/reader-*.err 2>/dev/null | sort | uniq -c | sort -rn | head -20
echo "$total searches by $READERS readers, $failed failed"
check "readers ran searches ($total)" test "$total" -gt 0
check "every search exited 0 with well-formed JSON ($failed of $total failed)" test "$failed" = 0
during() { cat "$WORK"/reader-*.log | awk -v p="$1" '$1 == p' | wc -l; }
for p in add-1 change-1 remove-1 rebuild-1 compact-1 rebuild-2 compact-2; do
  check "searches ran during $p ($(during "$p"))" test "$(during "$p")" -gt 0
done
echo "index directory at the end: $(ls "$I" | tr '\n' ' ')"
g=$(awk '{print $2}' "$I/XAPIANDB")
check "the index passes xapian-check at the end" xapian-check "$I/$g" >/dev/null
check "the index holds exactly the corpus's articles" test \
  "$(xapian-delve -a -1 "$I/$g" | sed -n 's/^Q//p' | LC_ALL=C sort)" = \
  "$(cd "$C" && find . -name '*.txt' | sed 's|^\./||' | LC_ALL=C sort)"

finish
