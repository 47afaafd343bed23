#!/usr/bin/env bash
# Bad inputs beside good ones: each bad file gets a clear message (its path
# and reason) or is indexed as well as it can be; every good file is
# indexed; the index passes xapian-check afterwards.
. "$(dirname "$0")/lib.sh"

C="$WORK/corpus"
IDX="$WORK/index"
mkdir -p "$C/good" "$C/bad"

# Good files, in three forms.
cp "$PASSIM_SRC/corpus/000_d07ac7e1e3736adf.txt" "$C/good/plain.txt"
gzip -c "$PASSIM_SRC/corpus/001_1a7a354f7a53d6f6.txt" > "$C/good/zipped.txt.gz"
printf 'Crlf headline\r\n\r\nThis body uses CRLF line ends.\r\nSecond line here.\r\n' > "$C/good/crlf.txt"
printf '\xef\xbb\xbfBom headline\n\nThis file starts with a byte-order mark.\n' > "$C/good/bom.txt"
printf 'Latin headline\n\nA price of \xa3300 and caf\xe9 culture in Hanoi.\n' > "$C/good/latin1.txt"
printf 'Nul headline\n\nSome\0text with a NUL byte inside it.\n' > "$C/good/nul.txt"

# Bad files.
: > "$C/bad/empty.txt"
head -c 20000 /dev/urandom > "$C/bad/binary.txt"
printf 'this is not gzip at all' > "$C/bad/notgzip.txt.gz"
gzip -c "$PASSIM_SRC/corpus/004_13a7ffee45129fbc.txt" | head -c 200 > "$C/bad/truncated.txt.gz"
head -c 50000000 /dev/zero | tr '\0' 'a' > "$C/bad/hugeline.txt"
mkfifo "$C/bad/fifo.txt"
ln -s "$C/bad" "$C/bad/loop"
ln -s "$C/bad/missing-target.txt" "$C/bad/dangling.txt"
deep="$C/deep"
for _ in $(seq 70); do deep="$deep/d"; done
mkdir -p "$deep"
echo "Too deep to be read." > "$deep/lost.txt"

# A file that cannot be read. Root reads anything, so when the suite runs
# as root the indexer runs as an unprivileged user for this one run.
printf 'Secret\n\nNobody may read this.\n' > "$C/bad/noperm.txt"
chmod 000 "$C/bad/noperm.txt"
as_user=()
if [ "$(id -u)" = 0 ]; then
  chmod -R a+rX "$WORK"; chmod 000 "$C/bad/noperm.txt"
  mkdir -p "$IDX"; chown 65534:65534 "$IDX"
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi

set +e
"${as_user[@]}" "$INDEX_BIN" --index "$IDX" "$C" >"$WORK/out" 2>"$WORK/err"
rc=$?
set -e
cat "$WORK/err"

check "exit code 6: some files skipped" test "$rc" = 6
check "all six good files indexed" grep -q '^added 6,' "$WORK/out"
for f in empty.txt binary.txt notgzip.txt.gz truncated.txt.gz hugeline.txt fifo.txt dangling.txt noperm.txt; do
  check "reported with its path: $f" grep -q "bad/$f: " "$WORK/err"
done
check "empty file: reason given" grep -q 'empty.txt: no text' "$WORK/err"
check "binary file: reason given" grep -q 'binary.txt: binary data' "$WORK/err"
check "huge line: size limit named" grep -q 'hugeline.txt: larger than the' "$WORK/err"
check "fake gzip: reason given" grep -q 'notgzip.txt.gz: not gzip data' "$WORK/err"
check "no permission: reason given" grep -q 'noperm.txt: Permission denied' "$WORK/err"
check "deep nesting: reported" grep -q 'nesting too deep' "$WORK/err"
check "Windows-1252 file: warned" grep -q 'latin1.txt: not valid UTF-8; read as Windows-1252' "$WORK/err"
check "symlink loop not followed (no repeated paths)" \
  bash -c "! grep -q 'loop/' '$WORK/err'"
check "index passes xapian-check" xapian-check "$IDX/gen-1" >/dev/null

search() { "$SEARCH_BIN" --index "$IDX" --json "$@"; }
check "CRLF text searchable" \
  test "$(search 'CRLF line ends' | jq -r '.results[0].id')" = good/crlf.txt
check "CRLF title has no carriage return" \
  test "$(search 'CRLF line ends' | jq -r '.results[0].title')" = "Crlf headline"
check "BOM dropped from the title" \
  test "$(search 'byte-order mark' | jq -r '.results[0].title')" = "Bom headline"
check "Windows-1252 £ and é read correctly" \
  grep -q '£300 and café' <<<"$(search 'culture Hanoi' | jq -r '.results[0].text')"
check "text after a NUL byte indexed" \
  test "$(search 'NUL byte inside' | jq -r '.results[0].id')" = good/nul.txt

finish
