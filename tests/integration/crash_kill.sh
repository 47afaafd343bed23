#!/usr/bin/env bash
# Crash safety: passim-index is killed with SIGKILL at random moments (a
# fixed seed, printed) while it builds, updates (after files are added,
# changed and removed) and rebuilds an index of BBC articles, and at exact
# points of its commits (through the failio shim: right before an
# fdatasync, the rename that publishes a glass revision, or the fsync of
# the stub). After every kill:
#   - no writer lock is left behind (the lock can be taken at once);
#   - the live generation, the one the XAPIANDB stub names, passes
#     xapian-check and holds one document per article id;
#   - searches work (exit 0, a JSON results array);
#   - while nothing has been committed since the index was created (first
#     builds, and runs after them, killed early) there may be no index
#     yet: then the search says so (exit 3), and only then.
# A first build killed while Xapian creates generation 1 must be completed
# by the next run. At the end one run without kills must complete, and the
# index must hold
# the same article ids and give the same results for a fixed query set as
# a clean build of the same final corpus.
#
# PASSIM_CRASH_SEED=N reruns with another seed; kill delays are scaled to
# the measured length of each kind of run, so kills land mid-run on fast
# and slow machines alike.
. "$(dirname "$0")/lib.sh"

SEED=${PASSIM_CRASH_SEED:-4142}
RANDOM_KILLS=50       # kills that must land mid-run at random moments
MAX_CYCLES=110        # bound on random-moment attempts
BATCH=20
echo "seed $SEED (set PASSIM_CRASH_SEED to change it)"
RANDOM=$SEED

C="$WORK/corpus"
I="$WORK/index"
POOL="$WORK/pool"      # articles not in the corpus, to be added later
BBC="$WORK/bbc"
mkdir -p "$C" "$POOL" "$BBC"
tar -xJf "$PASSIM_SHARED/corpora/bbc.tar.xz" -C "$BBC" ./business ./tech ./politics
for s in business tech; do
  mkdir -p "$C/$s"
  for f in $(ls "$BBC/$s" | LC_ALL=C sort | head -200); do cp "$BBC/$s/$f" "$C/$s/$f"; done
done
mkdir -p "$POOL/politics"
for f in $(ls "$BBC/politics" | LC_ALL=C sort | head -100); do cp "$BBC/politics/$f" "$POOL/politics/$f"; done
echo "corpus: $(find "$C" -name '*.txt' | wc -l) articles, pool: $(find "$POOL" -name '*.txt' | wc -l)"

SHIM="$WORK/failio.so"
cc -O2 -Wall -Wextra -shared -fPIC -o "$SHIM" "$PASSIM_SRC/tests/integration/shim/failio.c" -ldl
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

QUERIES=("economy growth" "mobile phone" "\"prime minister\"" "oil prices" "election" "software security" "revised figures")

now_ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }
live_gen() { [ -f "$I/XAPIANDB" ] && awk '{print $2; exit}' "$I/XAPIANDB"; }
ids_of() { xapian-delve -a -1 "$1" | sed -n 's/^Q//p' | LC_ALL=C sort; }
corpus_ids() { (cd "$C" && find . -name '*.txt' | sed 's|^\./||' | LC_ALL=C sort); }

# --- corpus changes ---------------------------------------------------------
# pick N FILE...: N of the files, chosen with $RANDOM.
pick() {
  local n=$1; shift
  local files=("$@") out=() i
  while [ "${#out[@]}" -lt "$n" ] && [ "${#files[@]}" -gt 0 ]; do
    i=$((RANDOM % ${#files[@]}))
    out+=("${files[$i]}")
    files=("${files[@]:0:$i}" "${files[@]:$((i + 1))}")
  done
  printf '%s\n' "${out[@]}"
}
edits=0
mutate() {
  local f rel
  edits=$((edits + 1))
  mapfile -t all < <(cd "$C" && find . -name '*.txt' | LC_ALL=C sort)
  for rel in $(pick 30 "${all[@]}"); do
    printf '\nRevised figures were published in update %d of this report.\n' "$edits" >> "$C/$rel"
  done
  for rel in $(pick 10 "${all[@]}"); do
    [ -f "$C/$rel" ] || continue
    mkdir -p "$POOL/$(dirname "$rel")"
    mv "$C/$rel" "$POOL/$rel"
  done
  mapfile -t pool < <(cd "$POOL" && find . -name '*.txt' | LC_ALL=C sort)
  for rel in $(pick 10 "${pool[@]}"); do
    mkdir -p "$C/$(dirname "$rel")"
    mv "$POOL/$rel" "$C/$rel"
  done
}

# --- one run, maybe killed ---------------------------------------------------
# run_index DELAY_MS|- SPEC|- ARGS...: run passim-index, killed with
# SIGKILL after DELAY_MS (or never: -), with the failio shim set to SPEC
# (or none: -). Sets rc and dur_ms. The indexer is this shell's own child
# and is reaped here, so when this returns it has fully exited (a killed
# process's locks are gone only once it has).
run_index() {
  local delay=$1 spec=$2 t0 pre=() pid killer=
  shift 2
  [ "$spec" != - ] && pre=(env FAILIO="$spec" LD_PRELOAD="$SHIM")
  t0=$(now_ms)
  "${pre[@]}" "$INDEX_BIN" --index "$I" -q "$@" >/dev/null 2>"$WORK/err" &
  pid=$!
  if [ "$delay" != - ]; then
    ( sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"; kill -KILL "$pid" 2>/dev/null ) &
    killer=$!
  fi
  set +e
  wait "$pid" 2>/dev/null # (no "Killed" notice from the shell)
  rc=$?
  set -e
  dur_ms=$(($(now_ms) - t0))
  if [ -n "$killer" ]; then
    kill "$killer" 2>/dev/null || true
    wait "$killer" 2>/dev/null || true
  fi
}

# --- what must hold after every run ------------------------------------------
committed=0 # has a commit been seen since the index was last removed?
kills=0 shim_kills=0 runs=0 no_index=0 searches=0
bad_lock=0 bad_check=0 bad_dup=0 bad_search=0 bad_noindex=0 bad_exit=0 bad_locked=0
declare -A kills_by=()
note() { echo "    !! $*"; }
after_run() {
  local mode=$1 g q out src
  runs=$((runs + 1))
  if [ "$rc" = 137 ]; then
    : # killed: what it left is checked below
  elif [ "$rc" = 4 ]; then
    bad_locked=$((bad_locked + 1)); note "run $runs ($mode): exit 4, index locked"
  elif [ "$rc" != 0 ]; then
    bad_exit=$((bad_exit + 1)); note "run $runs ($mode): exit $rc"; sed 's/^/       /' "$WORK/err"
  fi
  # The killed run's workers die with it (PR_SET_PDEATHSIG) and their
  # inherited copy of the lock with them: allow them a moment to go.
  if [ -e "$I/writer.lock" ] && ! flock -w 2 "$I/writer.lock" true; then
    bad_lock=$((bad_lock + 1)); note "run $runs ($mode): writer lock still held"
  fi
  g=$(live_gen || true)
  if [ -z "$g" ] || [ ! -f "$I/$g/iamglass" ]; then
    # No committed index: only possible while no run since the index was
    # removed has committed anything (a first build, or runs after one,
    # killed before the first commit).
    no_index=$((no_index + 1))
    set +e
    "$SEARCH_BIN" --index "$I" --json economy >/dev/null 2>&1
    src=$?
    set -e
    if [ "$committed" = 1 ] || [ "$src" != 3 ]; then
      bad_noindex=$((bad_noindex + 1))
      note "run $runs ($mode): no committed generation (stub '${g:-none}'), search exit $src"
    fi
    return 0
  fi
  committed=1
  if ! xapian-check "$I/$g" >"$WORK/xc" 2>&1; then
    bad_check=$((bad_check + 1)); note "run $runs ($mode): xapian-check failed on $g"
    tail -5 "$WORK/xc" | sed 's/^/       /'
  fi
  local docs nids
  docs=$(xapian-delve "$I/$g" | sed -n 's/^number of documents = //p')
  nids=$(ids_of "$I/$g" | wc -l)
  if [ "$docs" != "$nids" ]; then
    bad_dup=$((bad_dup + 1)); note "run $runs ($mode): $docs documents but $nids ids"
  fi
  for q in "${QUERIES[$((RANDOM % ${#QUERIES[@]}))]}" "${QUERIES[$((RANDOM % ${#QUERIES[@]}))]}"; do
    searches=$((searches + 1))
    set +e
    out=$("$SEARCH_BIN" --index "$I" --json "$q" 2>"$WORK/serr")
    src=$?
    set -e
    if [ "$src" != 0 ] || ! jq -e '.results | type == "array"' >/dev/null 2>&1 <<<"$out"; then
      bad_search=$((bad_search + 1)); note "run $runs ($mode): search '$q' exit $src"
      sed 's/^/       /' "$WORK/serr"
    fi
  done
}

# --- how long each kind of run takes (kill delays are drawn below it) -------
run_index - - --batch "$BATCH" "$C"
after_run first
declare -A span=([first]=$dur_ms [update]=$dur_ms [rebuild]=$dur_ms)
echo "a clean first build takes ${dur_ms} ms; kill delays start below that"

# A first build killed while Xapian creates generation 1: once right after
# the stub is renamed into place (gen-1 not created yet), once right
# before the rename that publishes gen-1's first revision (its table files
# exist, iamglass does not). Searches may say there is no index (exit 3);
# the next run must create it.
for spec in fsync:2:KILL rename:2:KILL; do
  rm -rf "$I"; committed=0
  run_index - "$spec" --jobs 1 --batch "$BATCH" "$C"
  echo "  first build killed at $spec (exit $rc); the index holds: $(ls "$I" "$I"/gen-* 2>/dev/null | tr '\n' ' ')"
  check "first build killed at $spec: it died there" test "$rc" = 137
  [ "$rc" = 137 ] && shim_kills=$((shim_kills + 1))
  after_run first
  run_index - - --batch "$BATCH" "$C"
  sed 's/^/    /' "$WORK/err"
  check "first build killed at $spec: the next run completes it (exit $rc)" test "$rc" = 0
  if [ "$rc" != 0 ]; then
    echo "    (removing the index by hand so that the rest of the test can run)"
    rm -rf "$I"; committed=0
  fi
done

# --- random moments -----------------------------------------------------------
cycle=0
while [ "$cycle" -lt "$MAX_CYCLES" ] && [ "$kills" -lt "$RANDOM_KILLS" ]; do
  cycle=$((cycle + 1))
  r=$((RANDOM % 100))
  if [ "$r" -lt 15 ]; then mode=first; elif [ "$r" -lt 70 ]; then mode=update; else mode=rebuild; fi
  delay=$((1 + RANDOM % ${span[$mode]}))
  case $mode in
    first) rm -rf "$I"; committed=0; run_index "$delay" - --batch "$BATCH" "$C" ;;
    update) mutate; run_index "$delay" - --batch "$BATCH" "$C" ;;
    rebuild) run_index "$delay" - --rebuild --batch "$BATCH" "$C" ;;
  esac
  if [ "$rc" = 137 ]; then
    kills=$((kills + 1))
    kills_by[$mode]=$((${kills_by[$mode]:-0} + 1))
    echo "  cycle $cycle: $mode killed after $delay ms"
  else
    echo "  cycle $cycle: $mode finished in $dur_ms ms (kill was due at $delay ms; exit $rc)"
    [ "$rc" = 0 ] && span[$mode]=$((dur_ms > 20 ? dur_ms : 20))
  fi
  after_run "$mode"
done
echo "random moments: $kills kills landed in $cycle runs"
check "at least $RANDOM_KILLS kills landed mid-run (got $kills)" test "$kills" -ge "$RANDOM_KILLS"
for m in first update rebuild; do
  check "kills landed during: $m (${kills_by[$m]:-0})" test "${kills_by[$m]:-0}" -gt 0
done

# --- exact points of a commit, through the shim ----------------------------------
# Each case: mode, FAILIO spec (the call to die at); the run must die there.
exact=(
  "update fdatasync:$((1 + RANDOM % 5)):KILL"
  "update fdatasync:$((6 + RANDOM % 10)):KILL"
  "update rename:1:KILL"
  "update rename:$((2 + RANDOM % 3)):KILL"
  "update pwrite:$((10 + RANDOM % 100)):KILL"
  "rebuild rename:$((3 + RANDOM % 10)):KILL"
  "rebuild fsync:1:KILL"
  "rebuild fsync:2:KILL"
  "compact fdatasync:$((1 + RANDOM % 9)):KILL"
  "compact fsync:1:KILL"
  "compact fsync:2:KILL"
)
for e in "${exact[@]}"; do
  read -r mode spec <<<"$e"
  case $mode in
    first) rm -rf "$I"; committed=0; run_index - "$spec" --jobs 1 --batch "$BATCH" "$C" ;;
    update) mutate; run_index - "$spec" --jobs 1 --batch "$BATCH" "$C" ;;
    rebuild) run_index - "$spec" --jobs 1 --rebuild --batch "$BATCH" "$C" ;;
    compact) run_index - "$spec" --compact ;;
  esac
  if [ "$rc" = 137 ]; then
    shim_kills=$((shim_kills + 1))
    echo "  $mode killed at $spec"
  else
    echo "  $mode with $spec: not killed (exit $rc)"
  fi
  after_run "$mode"
done
check "kills at exact commit points: all $((${#exact[@]} + 2)) landed (got $shim_kills)" \
  test "$shim_kills" = $((${#exact[@]} + 2))


# --- the verdicts of every run ----------------------------------------------------
echo "runs: $runs, kills: $((kills + shim_kills)), searches after kills: $searches, runs that left no index yet: $no_index"
check "no kill left the writer lock held" test "$bad_lock" = 0
check "no run found the index locked (exit 4)" test "$bad_locked" = 0
check "every run that was not killed succeeded" test "$bad_exit" = 0
check "xapian-check passed on the live generation after every run" test "$bad_check" = 0
check "one document per article id after every run" test "$bad_dup" = 0
check "every search after a kill worked ($searches searches)" test "$bad_search" = 0
check "no index only before the first commit of a new index, and then exit 3" test "$bad_noindex" = 0

# --- the final run, then a clean build of the same corpus ---------------------------
run_index - - --batch "$BATCH" "$C"
check "the final run without kills completes (exit $rc)" test "$rc" = 0
g=$(live_gen)
check "final index: xapian-check passes" xapian-check "$I/$g" >/dev/null
check "final index: only the live generation is left" \
  test "$(find "$I" -mindepth 1 -maxdepth 1 -type d -name 'gen-*' | wc -l)" = 1
ids_of "$I/$g" > "$WORK/ids.final"
corpus_ids > "$WORK/ids.corpus"
CLEAN="$WORK/clean"
"$INDEX_BIN" --index "$CLEAN" -q --batch "$BATCH" "$C"
ids_of "$CLEAN/$(awk '{print $2}' "$CLEAN/XAPIANDB")" > "$WORK/ids.clean"
echo "final corpus: $(wc -l < "$WORK/ids.corpus") articles; index: $(wc -l < "$WORK/ids.final"); clean build: $(wc -l < "$WORK/ids.clean")"
check "final index: the same article ids as a clean build" cmp -s "$WORK/ids.final" "$WORK/ids.clean"
check "final index: exactly the corpus's articles" cmp -s "$WORK/ids.final" "$WORK/ids.corpus"
same_results() {
  local q a b
  for q in "${QUERIES[@]}"; do
    a=$("$SEARCH_BIN" --index "$I" --json --limit 20 "$q" | jq -S -c .results)
    b=$("$SEARCH_BIN" --index "$CLEAN" --json --limit 20 "$q" | jq -S -c .results)
    if [ "$a" != "$b" ]; then
      echo "    results differ for '$q'"
      diff <(jq -c '.[] | [.id, .passage, .score]' <<<"$a") \
           <(jq -c '.[] | [.id, .passage, .score]' <<<"$b") | head -10
      return 1
    fi
    [ "$(jq length <<<"$a")" -gt 0 ] || { echo "    no results for '$q'"; return 1; }
  done
}
check "final index: the same results as a clean build for ${#QUERIES[@]} queries" same_results

finish
