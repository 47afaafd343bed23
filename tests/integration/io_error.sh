#!/usr/bin/env bash
# A full disk or an I/O error while the index is written: passim-index
# exits non-zero with a message naming the cause, and the index keeps its
# previous commit — it passes xapian-check, every article it held is still
# found, and of the new articles only whole batches are in. The next run
# without the fault completes the work.
#
# Faults come from an LD_PRELOAD shim (tests/integration/shim/failio.c,
# built here with cc) that makes the Nth and later write / pwrite / fsync /
# fdatasync / rename calls fail with ENOSPC, EIO or EDQUOT. Xapian 1.4
# commits glass by pwrite-ing blocks, writing the version file to v.tmp,
# fdatasync-ing every table and the version file, then renaming v.tmp to
# iamglass; passim switches generations by writing XAPIANDB.tmp, fsync,
# rename. The cases below hit each of these steps. The shim prints a line
# when it injects, and every case checks that it did.
#
# In the sanitizer build the shim is preloaded ahead of the ASan runtime,
# which ASan allows with verify_asan_link_order=0; leak checking stays on,
# with leaks whose stack lies in libxapian suppressed (Xapian 1.4's
# compactor leaks its output tables when a write fails — not ours).
. "$(dirname "$0")/lib.sh"

SHIM="$WORK/failio.so"
if ! cc -O2 -Wall -Wextra -shared -fPIC -o "$SHIM" \
     "$PASSIM_SRC/tests/integration/shim/failio.c" -ldl 2>"$WORK/cc.err"; then
  cat "$WORK/cc.err"
fi
check "the fault-injection shim builds" test -s "$SHIM"
[ -s "$SHIM" ] || { finish; exit 1; }

printf 'leak:libxapian.so\n' > "$WORK/lsan.supp"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$WORK/lsan.supp"

BATCH=10
C="$WORK/corpus"
BBC="$WORK/bbc"
mkdir -p "$BBC" "$C/a"
tar -xJf "$PASSIM_SHARED/corpora/bbc.tar.xz" -C "$BBC" ./business ./tech
for i in $(seq -w 1 20); do cp "$BBC/business/0$i.txt" "$C/a/0$i.txt"; done

# live_gen IDX: the generation directory the stub names.
live_gen() { echo "$1/$(awk '{print $2}' "$1/XAPIANDB")"; }
# ids IDX: the sorted article ids of the live generation.
ids() { xapian-delve -a -1 "$(live_gen "$1")" | sed -n 's/^Q//p' | LC_ALL=C sort; }
# doccount IDX
doccount() { xapian-delve "$(live_gen "$1")" | sed -n 's/^number of documents = //p'; }
# titles DIR PREFIX: one query per article, its headline, id as query id.
titles() {
  local f
  for f in "$1"/*.txt; do
    printf '%s/%s\t%s\n' "$2" "$(basename "$f")" "$(head -1 "$f" | tr -d '\t')"
  done
}

# found_by_title IDX QUERIES: every article is among the results of a
# search for its own headline.
found_by_title() {
  "$SEARCH_BIN" --index "$1" --batch "$2" --limit 1000 > "$WORK/run.trec" || return 1
  local want got
  want=$(cut -f1 "$2" | LC_ALL=C sort)
  got=$(awk '$1 == $3 {print $1}' "$WORK/run.trec" | LC_ALL=C sort -u)
  [ "$want" = "$got" ]
}

# The index before the faults: base_a holds a/ (20 articles), base_ab
# holds a/ and b/ (50 articles).
"$INDEX_BIN" --index "$WORK/base_a" -q "$C"
mkdir -p "$C/b"
for i in $(seq -w 1 30); do cp "$BBC/tech/0$i.txt" "$C/b/0$i.txt"; done
"$INDEX_BIN" --index "$WORK/base_ab" -q "$C"
titles "$C/a" a > "$WORK/a.tsv"
titles "$C/b" b > "$WORK/b.tsv"
cat "$WORK/a.tsv" "$WORK/b.tsv" > "$WORK/ab.tsv"
ids_a=$(cut -f1 "$WORK/a.tsv" | LC_ALL=C sort)
ids_b=$(cut -f1 "$WORK/b.tsv" | LC_ALL=C sort)
ids_ab=$(cut -f1 "$WORK/ab.tsv" | LC_ALL=C sort)
check "base index: 20 articles" test "$(ids "$WORK/base_a")" = "$ids_a"
check "base index with b/: 50 articles" test "$(ids "$WORK/base_ab")" = "$ids_ab"

# whole_batches IDX: the b/ articles in the index are the first k of b/
# (files are read in sorted order) with k a multiple of the batch size.
whole_batches() {
  local got k
  got=$(ids "$1" | grep '^b/' || true)
  k=$(printf '%s' "$got" | grep -c . || true)
  echo "    b/ articles in the index after the fault: $k"
  [ $((k % BATCH)) -eq 0 ] && [ "$got" = "$(printf '%s\n' "$ids_b" | head -n "$k" | grep . || true)" ]
}

# no_extra_generations IDX: only the live generation is left.
no_extra_generations() {
  local live n
  live=$(basename "$(live_gen "$1")")
  n=$(find "$1" -mindepth 1 -maxdepth 1 -type d -name 'gen-*' ! -name "$live" | wc -l)
  [ "$n" -eq 0 ]
}

# run_case KIND SPEC [PATH]: KIND is update, rebuild or compact; SPEC the
# FAILIO value; PATH, if given, limits the faults to files whose path holds
# it (FAILIO_PATH). The case works on a copy of a base index.
run_case() {
  local kind=$1 spec=$2 only=${3:-} idx="$WORK/idx-$1-${2//[:,]/-}" base args=() rc gen_before
  local call=${spec%%:*} err=${spec##*:}
  case $kind in
    update) base="$WORK/base_a"; args=(--batch "$BATCH" "$C") ;;
    rebuild) base="$WORK/base_a"; args=(--rebuild --batch "$BATCH" "$C") ;;
    compact) base="$WORK/base_ab"; args=(--compact) ;;
  esac
  case $err in
    ENOSPC) why="No space left on device" ;;
    EIO) why="Input/output error" ;;
    EDQUOT) why="quota exceeded" ;;
  esac
  echo "== $kind with $spec failing${only:+ on files under *$only*}"
  rm -rf "$idx"
  cp -a "$base" "$idx"
  gen_before=$(cat "$idx/XAPIANDB")
  set +e
  FAILIO="$spec" FAILIO_PATH="$only" LD_PRELOAD="$SHIM" "$INDEX_BIN" --index "$idx" -q "${args[@]}" \
    >"$WORK/out" 2>"$WORK/err"
  rc=$?
  set -e
  sed 's/^/    /' "$WORK/err"
  local what="$kind, $spec${only:+ on *$only*}"
  check "$what: the fault was injected" grep -q "^failio: $call call" "$WORK/err"
  check "$what: exit code 1-6, not 0 and not a crash (got $rc)" \
    test "$rc" -ge 1 -a "$rc" -le 6
  check "$what: message names the cause" grep -qi "^passim-index: .*$why" "$WORK/err"
  check "$what: no sanitizer report" bash -c "! grep -q 'Sanitizer' '$WORK/err'"
  if [ "$kind" != update ]; then
    check "$what: the old generation stays live" test "$(cat "$idx/XAPIANDB")" = "$gen_before"
  fi
  check "$what: xapian-check passes on the live generation" \
    xapian-check "$(live_gen "$idx")" >/dev/null
  check "$what: one document per article id" test "$(doccount "$idx")" = "$(ids "$idx" | wc -l)"
  if [ "$kind" = compact ]; then
    check "$what: all 50 articles still there" test "$(ids "$idx")" = "$ids_ab"
    check "$what: every article found by its headline" found_by_title "$idx" "$WORK/ab.tsv"
  else
    check "$what: the 20 earlier articles are all there" \
      test "$(ids "$idx" | grep '^a/')" = "$ids_a"
    check "$what: the 20 earlier articles are found by their headlines" \
      found_by_title "$idx" "$WORK/a.tsv"
    check "$what: new articles only in whole batches of $BATCH" whole_batches "$idx"
  fi
  # The same run without the fault completes the work.
  set +e
  "$INDEX_BIN" --index "$idx" -q "${args[@]}" >"$WORK/out" 2>"$WORK/err"
  rc=$?
  set -e
  check "$what: the next run succeeds (got $rc)" test "$rc" = 0
  check "$what: then all 50 articles are there" test "$(ids "$idx")" = "$ids_ab"
  check "$what: then xapian-check passes" xapian-check "$(live_gen "$idx")" >/dev/null
  check "$what: then only the live generation is left" no_extra_generations "$idx"
  rm -rf "$idx"
}

# Updates: 30 new articles in batches of 10, so 3 commits (plus the
# records of the files, in the same transactions). Each glass commit makes
# about five fdatasync calls and one rename; the first pwrite of a run is
# the writer lock's pid, which passim may ignore.
run_case update fdatasync:1:ENOSPC
run_case update fdatasync:4:EIO
run_case update fdatasync:7:ENOSPC
run_case update fdatasync:12:EIO
run_case update pwrite:2:ENOSPC
run_case update pwrite:25:ENOSPC
run_case update pwrite:60:EDQUOT
run_case update write:1:ENOSPC
run_case update rename:1:EIO
run_case update rename:2:ENOSPC
# A rebuild writes a new generation; a fault anywhere, the switch of the
# stub included (its fsync is the first fsync of the run), leaves the old
# one live.
run_case rebuild fdatasync:3:ENOSPC
run_case rebuild pwrite:20:ENOSPC
run_case rebuild fsync:1:EIO
# A compaction likewise. Its output must be on disk before it goes live:
# when syncing the compacted generation (gen-2) fails, however it is
# synced (fdatasync or fsync), the run must fail and gen-1 stay live.
run_case compact pwrite:20:ENOSPC
run_case compact fsync:1:ENOSPC
run_case compact fdatasync:1:EIO,fsync:1:EIO /gen-2

finish
