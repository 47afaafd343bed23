#!/usr/bin/env bash
# Every message of passim-index shows a file name so that it cannot forge a
# line or reach the terminal as an escape: control characters and bytes
# that are not UTF-8 are written as \xHH; one message is one line.
. "$(dirname "$0")/lib.sh"

C="$WORK/corpus"
IDX="$WORK/index"
mkdir -p "$C"
nl=$'\n'
esc=$'\033'
forged="a${nl}passim-index: forged line${esc}[31m.txt"
invalid=$'bad\xff\xfename.txt'
: > "$C/$forged"                       # empty: reported and skipped
printf 'Latin headline\n\nA caf\xe9 in Hanoi.\n' > "$C/$invalid"   # a warning
printf 'Good headline\n\nA good article about Hanoi.\n' > "$C/good.txt"

# printable LINE: no byte below 0x20 (tab aside) nor DEL, no ESC.
no_raw_controls() { ! LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$1"; }
only_valid_utf8() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; }

set +e
"$INDEX_BIN" -v --index "$IDX" "$C" >"$WORK/out" 2>"$WORK/err"
rc=$?
set -e
cat "$WORK/err"
check "exit 6: the empty file is skipped" test "$rc" = 6
check "no raw control byte in the messages" no_raw_controls "$WORK/err"
check "messages are valid UTF-8" only_valid_utf8 "$WORK/err"
check "no line is forged by a newline in a name" \
  test "$(grep -c '^passim-index: forged line' "$WORK/err")" = 0
check "the newline and ESC are shown as \\x0a and \\x1b" \
  grep -qF 'a\x0apassim-index: forged line\x1b[31m.txt: no text (skipped)' "$WORK/err"
check "bytes that are not UTF-8 are shown as \\xHH" \
  grep -qF 'bad\xff\xfename.txt: not valid UTF-8; read as Windows-1252' "$WORK/err"
check "verbose lines are escaped too" \
  test "$(grep -cF 'a\x0apassim-index: forged line\x1b[31m.txt' "$WORK/err")" -ge 2
check "one line per message: every line is a passim-index message" \
  test "$(grep -vc '^passim-index: ' "$WORK/err")" = 0

# An index path under a plain file whose name holds a newline and ESC: an
# error that names the path.
bad_parent="$WORK/file${nl}x${esc}]0;title${esc}\\"
echo "a plain file" > "$bad_parent"
bad_idx="$bad_parent/index"
set +e
"$INDEX_BIN" --index "$bad_idx" "$C" >"$WORK/out2" 2>"$WORK/err2"
rc=$?
set -e
cat "$WORK/err2"
check "error on a bad index: not success" test "$rc" != 0
check "error on a bad index: no raw control byte" no_raw_controls "$WORK/err2"
check "error on a bad index: the path is escaped" grep -qF 'file\x0ax\x1b]0;title\x1b' "$WORK/err2"

# A stopwords file whose name holds control characters.
set +e
"$INDEX_BIN" --index "$WORK/index3" --stopwords "$WORK/no${esc}[2Jsuch" "$C" \
  >/dev/null 2>"$WORK/err3"
set -e
cat "$WORK/err3"
check "stopwords error: no raw control byte" no_raw_controls "$WORK/err3"
check "stopwords error: the name is escaped" grep -qF 'no\x1b[2Jsuch' "$WORK/err3"

finish
