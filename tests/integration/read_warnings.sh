#!/usr/bin/env bash
# Files that read, but not cleanly: a .gz with bytes after its gzip data,
# and a file truncated while the indexer reads it. Both are indexed from
# what was read, with a warning naming the file (a warning, not a skip:
# exit 0); the truncated file is read again by the next run.
. "$(dirname "$0")/lib.sh"

C="$WORK/corpus"
IDX="$WORK/index"
mkdir -p "$C"

# --- trailing bytes after the gzip data -----------------------------------
{ gzip -c "$PASSIM_SRC/corpus/001_1a7a354f7a53d6f6.txt"; printf 'trailing junk\n'; } \
  > "$C/junk.txt.gz"
{ printf '{"id": "j1", "text": "Zanzibar ferry timetable changes."}\n' | gzip -c
  head -c 100 /dev/zero; } > "$C/feed.jsonl.gz"
set +e
"$INDEX_BIN" --index "$IDX" "$C" >"$WORK/out" 2>"$WORK/err"
rc=$?
set -e
cat "$WORK/err"
check "trailing bytes: exit 0 (a warning, not a failure)" test "$rc" = 0
check "trailing bytes: the .txt.gz warned with its path" \
  grep -q 'junk.txt.gz: trailing bytes after the gzip data ignored$' "$WORK/err"
check "trailing bytes: the .jsonl.gz warned with its path" \
  grep -q 'feed.jsonl.gz: trailing bytes after the gzip data ignored$' "$WORK/err"
check "trailing bytes: both files' articles indexed" grep -q '^added 2,' "$WORK/out"
check "trailing bytes: the article is searchable" \
  test "$("$SEARCH_BIN" --index "$IDX" --json '"Bien Hoa"' | jq -r '.results[0].id')" = junk.txt
check "trailing bytes: the record is searchable" \
  test "$("$SEARCH_BIN" --index "$IDX" --json zanzibar | jq -r '.results[0].id')" = j1

# --- a file truncated while it is read ------------------------------------
# The failio shim stops the indexer at its second pread(2) of big.txt
# (after the first 64 KiB); the file is cut short meanwhile.
# Under ASan the shim comes before the sanitizer runtime in the library
# list, which ASan allows with verify_asan_link_order=0.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
SHIM="$WORK/failio.so"
cc -O2 -Wall -Wextra -shared -fPIC -o "$SHIM" "$PASSIM_SRC/tests/integration/shim/failio.c" -ldl
C2="$WORK/corpus2"
IDX2="$WORK/index2"
mkdir -p "$C2"
{ printf 'Long headline\n\nOpening words of the long article, quokka.\n\n'
  for i in $(seq 4000); do printf 'Paragraph %d goes on about nothing much at all here.\n\n' "$i"; done
  printf 'Final words: wombat.\n'; } > "$C2/big.txt"
size0=$(stat -c %s "$C2/big.txt")
LD_PRELOAD="$SHIM" FAILIO="pread:2:STOP" FAILIO_PATH="big.txt" \
  "$INDEX_BIN" --jobs 1 --index "$IDX2" "$C2" >"$WORK/out2" 2>"$WORK/err2" &
pid=$!
stopped=0
for _ in $(seq 200); do
  case "$(ps -o stat= -p "$pid" 2>/dev/null)" in T*) stopped=1; break ;; esac
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
check "truncated while read: the indexer stopped inside the read" test "$stopped" = 1
truncate -s 100000 "$C2/big.txt"
kill -CONT "$pid" 2>/dev/null || true
set +e
wait "$pid"
rc=$?
set -e
cat "$WORK/err2"
check "truncated while read: exit 0 (a warning, not a failure)" test "$rc" = 0
check "truncated while read: warned with its path" \
  grep -q "big.txt: changed while being read ($size0 bytes at the start, 100000 at the end): indexed as read" "$WORK/err2"
check "truncated while read: what was read is indexed" grep -q '^added 1,' "$WORK/out2"
check "truncated while read: its opening is searchable" \
  test "$("$SEARCH_BIN" --index "$IDX2" --json quokka | jq -r '.results[0].id')" = big.txt
"$INDEX_BIN" --index "$IDX2" "$C2" >"$WORK/out3" 2>"$WORK/err3"
check "truncated while read: the next run reads it again" grep -q 'replaced 1,' "$WORK/out3"
check "truncated while read: no warning the second time" test ! -s "$WORK/err3"

finish
