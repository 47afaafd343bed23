#!/usr/bin/env bash
# An article whose file name is not valid UTF-8 (Latin-1 "café.txt"; an
# index may hold such raw bytes as its id): every output that shows it
# succeeds and is valid UTF-8, the bad byte written as \xe9 (utf8out.h) —
# passim-search text and --json, --batch (TREC escape), and passim.cgi's
# JSON and HTML.
. "$(dirname "$0")/lib.sh"

CGI="$PASSIM_BIN/passim.cgi"
C="$WORK/corpus"
mkdir -p "$C"
printf 'Zebra crossing plan\n\nThe zebra crossing plan was approved by the council today.\n' \
  >"$C/$(printf 'caf\xe9.txt')"
"$INDEX_BIN" --index "$WORK/index" --quiet "$C" 2>/dev/null || true
export PASSIM_INDEX="$WORK/index"

utf8() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; }

rc=0; "$SEARCH_BIN" --json zebra >"$WORK/json" 2>"$WORK/err" || rc=$?
cat "$WORK/err"
check "json: exit 0" test "$rc" -eq 0
check "json: nothing on stderr" test ! -s "$WORK/err"
check "json: valid UTF-8" utf8 "$WORK/json"
check "json: parses" sh -c 'jq -e . "$0" >/dev/null' "$WORK/json"
check "json: id with the byte escaped" \
  test "$(jq -r '.results[0].id' "$WORK/json" 2>/dev/null)" = 'caf\xe9.txt'

rc=0; "$SEARCH_BIN" --color never zebra >"$WORK/text" 2>"$WORK/err" || rc=$?
check "text: exit 0" test "$rc" -eq 0
check "text: valid UTF-8" utf8 "$WORK/text"
check "text: id with the byte escaped" grep -qF 'caf\xe9.txt' "$WORK/text"

printf '1\tzebra\n' >"$WORK/q.tsv"
rc=0; "$SEARCH_BIN" --batch "$WORK/q.tsv" >"$WORK/run" 2>"$WORK/err" || rc=$?
check "batch: exit 0" test "$rc" -eq 0
check "batch: valid UTF-8" utf8 "$WORK/run"
check "batch: one line, six fields" awk 'END { exit !(NR == 1 && NF == 6) }' "$WORK/run"

# cgi FORMAT: run passim.cgi from a shell; headers then body into $WORK/cgi.
cgi() {
  local rc=0
  "$CGI" q=zebra format="$1" >"$WORK/cgi" 2>"$WORK/cgi-err" || rc=$?
  LC_ALL=C sed -n '1,/^\r$/p' "$WORK/cgi" >"$WORK/hdr"
  tail -c +$(($(wc -c <"$WORK/hdr") + 1)) "$WORK/cgi" >"$WORK/body"
  return $rc
}
status() { LC_ALL=C sed -n '1s/^Status: \([0-9]*\) .*\r$/\1/p' "$WORK/hdr"; }

check "cgi json: runs" cgi json
check "cgi json: 200" test "$(status)" = 200
check "cgi json: valid UTF-8" utf8 "$WORK/body"
check "cgi json: id with the byte escaped" \
  test "$(jq -r '.results[0].id' "$WORK/body" 2>/dev/null)" = 'caf\xe9.txt'
check "cgi html: runs" cgi html
check "cgi html: 200" test "$(status)" = 200
check "cgi html: valid UTF-8" utf8 "$WORK/body"
check "cgi html: id with the byte escaped" grep -qF 'caf\xe9.txt' "$WORK/body"
finish
