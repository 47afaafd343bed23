#!/usr/bin/env bash
# An index records its schema version (passim:schema) and passim keeps to
# index/README.md's "Schema versions": a newer version is refused by
# passim-search, passim-index and passim.cgi with the message that says to
# upgrade passim, an older one it does not read with the message that says
# to rebuild, a damaged value likewise; --rebuild mends all three; an index
# without the key (as an older passim wrote it) is read as it is and
# updated in place, the key recorded. The version is changed with
# xapian-metadata (xapian-tools).
. "$(dirname "$0")/lib.sh"
META=$(command -v xapian-metadata || true)
check "xapian-metadata is installed (scripts/deps.sh --test)" test -n "$META"
[ -n "$META" ] || finish

CORPUS="$PASSIM_SRC/corpus"
IDX="$WORK/index"
CGI_BIN="$PASSIM_BIN/passim.cgi"

# live: the live generation's directory.
live() { echo "$IDX/$(awk '{print $2}' "$IDX/XAPIANDB")"; }
schema() { "$META" get "$(live)" passim:schema; }
set_schema() { "$META" set "$(live)" passim:schema "$1"; }

# refused WHAT MESSAGE COMMAND...: the command exits with 5 and says MESSAGE.
refused() {
  local what=$1 msg=$2 rc=0; shift 2
  "$@" >"$WORK/out" 2>"$WORK/err" || rc=$?
  check "$what: exit 5 (got $rc)" test "$rc" = 5
  check "$what: says '$msg'" grep -qF -- "$msg" "$WORK/err"
}

"$INDEX_BIN" -q --index "$IDX" --jobs 1 "$CORPUS"
check "a new index records schema 2" test "$(schema)" = 2
"$INDEX_BIN" -q --index "$WORK/parallel" --jobs 2 "$CORPUS"
check "an index built in parts records schema 2" \
  test "$("$META" get "$WORK/parallel/gen-1" passim:schema)" = 2
"$SEARCH_BIN" --index "$IDX" --json Hegseth >"$WORK/before.json"
check "it is searched" grep -q '"id"' "$WORK/before.json"

# A newer schema: refused by every program, the index left as it is.
set_schema 3
newer="index schema 3 is newer than this passim (2): upgrade passim"
refused "search on schema 3" "$newer" "$SEARCH_BIN" --index "$IDX" Hegseth
refused "show on schema 3" "$newer" "$SEARCH_BIN" --index "$IDX" --show 000_d07ac7e1e3736adf.txt
refused "batch on schema 3" "$newer" "$SEARCH_BIN" --index "$IDX" --batch /dev/null
refused "update on schema 3" "$newer" "$INDEX_BIN" --index "$IDX" "$CORPUS"
check "the refused update leaves schema 3" test "$(schema)" = 3
PASSIM_INDEX="$IDX" "$CGI_BIN" q=Hegseth >"$WORK/cgi.out" 2>"$WORK/cgi.err" || true
check "passim.cgi on schema 3: 500" grep -q '^Status: 500' "$WORK/cgi.out"
check "passim.cgi on schema 3: the message in its log" grep -qF "$newer" "$WORK/cgi.err"

# An older schema this passim does not read: rebuild.
set_schema 1
refused "search on schema 1" "index schema 1 is older than this passim reads (2): rebuild it with passim-index --rebuild" \
  "$SEARCH_BIN" --index "$IDX" Hegseth
refused "update on schema 1" "index schema 1 is older than this passim updates (2): rebuild it with passim-index --rebuild" \
  "$INDEX_BIN" --index "$IDX" "$CORPUS"

# A value that is no version: damaged, rebuild.
for bad in x 02 -3 ' 2'; do
  set_schema "$bad"
  refused "search on schema '$bad'" "is not a number: the index is damaged; rebuild it with passim-index --rebuild" \
    "$SEARCH_BIN" --index "$IDX" Hegseth
done
refused "update on a damaged schema" "rebuild it with passim-index --rebuild" \
  "$INDEX_BIN" --index "$IDX" "$CORPUS"

# --rebuild does not read the old generation: it mends any of them.
set_schema 3
check "--rebuild of a schema-3 index succeeds" "$INDEX_BIN" -q --rebuild --index "$IDX" "$CORPUS"
check "the rebuilt index records schema 2" test "$(schema)" = 2
"$SEARCH_BIN" --index "$IDX" --json Hegseth >"$WORK/rebuilt.json"
check "the rebuilt index answers as before" cmp -s "$WORK/before.json" "$WORK/rebuilt.json"

# No key, as an older passim left it: read as it is, updated in place.
set_schema ""   # an empty value deletes the key
check "the key is gone" test -z "$("$META" list "$(live)" passim:schema)"
rc=0
"$SEARCH_BIN" --index "$IDX" --json Hegseth >"$WORK/nokey.json" || rc=$?
check "search without the key: exit 0 (got $rc)" test "$rc" = 0
check "search without the key: the same results" cmp -s "$WORK/before.json" "$WORK/nokey.json"
rc=0
"$INDEX_BIN" -q --index "$IDX" "$CORPUS" || rc=$?
check "update without the key: exit 0 (got $rc)" test "$rc" = 0
check "the update recorded schema 2" test "$(schema)" = 2

finish
