#!/usr/bin/env bash
# A long-lived reader (tests/integration/long_reader.c: one passim_index
# kept open, as a server keeps it) while passim-index rebuilds the index
# under it: it goes on reading the generation it holds, which every writer
# run leaves on disk; a refresh moves it to the new generation; the next
# writer run then removes the old one; once it closes, the generation it
# held goes too.
. "$(dirname "$0")/lib.sh"

READER="$PASSIM_BIN/tests/passim_long_reader"
C="$WORK/corpus"
I="$WORK/index"
mkdir -p "$C"
printf 'Harbour news\n\nThe harbour of Da Nang opened on Monday.\n' > "$C/a.txt"
printf 'Rice prices\n\nRice prices rose in May.\n' > "$C/b.txt"
"$INDEX_BIN" --index "$I" -q "$C"

coproc R { "$READER" "$I"; }
reader_pid=$R_PID # bash unsets R_PID once the reader has exited
# ask COMMAND: send it to the reader, print its one-line answer.
ask() {
  local line
  echo "$1" >&"${R[1]}"
  IFS= read -r -t 60 line <&"${R[0]}" || line="(no answer)"
  printf '%s\n' "$line"
}
same() { [ "$1" = "$2" ] || { echo "  got '$1', want '$2'"; return 1; }; }

check "the reader finds the first text" same "$(ask 'search harbour')" "ids: a.txt"
printf 'Lighthouse news\n\nThe lighthouse of Hoi An was lit.\n' > "$C/a.txt"
"$INDEX_BIN" --index "$I" -q --rebuild "$C"
"$INDEX_BIN" --index "$I" -q "$C"
check "rebuilt: the stub names gen-2" same "$(cat "$I/XAPIANDB")" "glass gen-2"
check "gen-1, held, outlives the rebuild and a writer run" test -d "$I/gen-1"
check "unrefreshed, the reader still reads gen-1" same "$(ask 'search harbour')" "ids: a.txt"
check "refresh moves it to gen-2" same "$(ask refresh)" "generation 2"
check "it finds the new text" same "$(ask 'search lighthouse')" "ids: a.txt"
check "and no longer the old" same "$(ask 'search harbour')" "ids:"
check "gen-1 stays until a writer runs" test -d "$I/gen-1"
"$INDEX_BIN" --index "$I" -q "$C"
check "the next writer run removes gen-1" test ! -e "$I/gen-1"
check "and keeps gen-2, held" test -d "$I/gen-2"
"$INDEX_BIN" --index "$I" -q --rebuild "$C"
check "rebuilt again: gen-2 is kept while held" test -d "$I/gen-2"
check "the reader closes" same "$(ask close)" "closed"
"$INDEX_BIN" --index "$I" -q "$C"
check "once closed, the next writer run removes gen-2" test ! -e "$I/gen-2"
check "and the live gen-3 is all that is left" \
  same "$(cd "$I" && ls -d gen-* | tr '\n' ' ')" "gen-3 "
exec {R[1]}>&-
set +e
wait "$reader_pid"
rc=$?
set -e
check "the reader exits 0 (got $rc)" test "$rc" = 0

finish
