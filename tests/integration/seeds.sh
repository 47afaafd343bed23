#!/usr/bin/env bash
# Index the bundled corpus and check real answers end to end.
. "$(dirname "$0")/lib.sh"

IDX="$WORK/index"
BIEN_HOA_ARTICLE=001_1a7a354f7a53d6f6.txt
VISION_2015=004_13a7ffee45129fbc.txt
VISION_2024=001_1a7a354f7a53d6f6.txt

search() { "$SEARCH_BIN" --index "$IDX" "$@"; }

# --- indexing -------------------------------------------------------------
out=$("$INDEX_BIN" --index "$IDX" "$PASSIM_SRC/corpus")
check "indexer reports 5 articles" grep -q '^added 5, replaced 0' <<<"$out"
check "index directory has its stub" test -f "$IDX/XAPIANDB"

doccount() { xapian-delve "$IDX" | sed -n 's/^number of documents = //p'; }
check "index holds 5 documents" test "$(doccount)" = 5
"$INDEX_BIN" --index "$IDX" --quiet "$PASSIM_SRC/corpus"
check "re-indexing replaces, never duplicates" test "$(doccount)" = 5
check "index passes xapian-check" xapian-check "$IDX/gen-1" >/dev/null

# --- "Bien Hoa": both airport passages of one article, first and second ----
json=$(search --json --per-article 2 '"Bien Hoa"')
ids=$(jq -r '.results[0:2][] .id' <<<"$json" | sort -u)
check "Bien Hoa: top two passages come from the same article" \
  test "$ids" = "$BIEN_HOA_ARTICLE"
check "Bien Hoa: both passages mention Bien Hoa Airport" \
  test "$(jq '[.results[0:2][] | select(.text | contains("Bien Hoa Airport"))] | length' <<<"$json")" = 2
check "Bien Hoa: the two passages differ" \
  test "$(jq '.results[0].passage != .results[1].passage' <<<"$json")" = true
check "Bien Hoa: results key holds an array" \
  test "$(jq '.results | type' <<<"$json")" = '"array"'

# Every highlight span slices "Bien Hoa" out of the passage text (bytes).
spans_ok() {
  local n i j text start end
  n=$(jq '.results | length' <<<"$json")
  [ "$n" -gt 0 ] || return 1
  for ((i = 0; i < n; i++)); do
    text=$(jq -r ".results[$i].text" <<<"$json")
    [ "$(jq ".results[$i].highlights | length" <<<"$json")" -gt 0 ] || return 1
    while read -r start end; do
      [ "$(byte_slice "$text" "$start" "$end")" = "Bien Hoa" ] || return 1
    done < <(jq -r ".results[$i].highlights[] | \"\(.[0]) \(.[1])\"" <<<"$json")
  done
}
check "Bien Hoa: highlight offsets slice the phrase" spans_ok

text=$(search --color never '"Bien Hoa"')
check "plain output marks highlights with [[ ]]" grep -q '\[\[Bien Hoa\]\]' <<<"$text"
check "plain output shows the article id" grep -q "$BIEN_HOA_ARTICLE" <<<"$text"

# --- Joint Vision Statement: the 2015 and 2024 statements lead -------------
json=$(search --json 'Joint Vision Statement')
top2=$(jq -r '.results[0:2][] .id' <<<"$json" | sort | tr '\n' ' ')
want=$(printf '%s\n' "$VISION_2015" "$VISION_2024" | sort | tr '\n' ' ')
check "Joint Vision Statement: both statements are the top two articles" \
  test "$top2" = "$want"
check "results carry a title" \
  test "$(jq -r '.results[0].title | length > 0' <<<"$json")" = true

# --- accents: Biên Hòa is Bien Hoa -----------------------------------------
a=$(search --json 'Biên Hòa' | jq -c '.results')
b=$(search --json 'Bien Hoa' | jq -c '.results')
check "Biên Hòa and Bien Hoa give the same results" test "$a" = "$b"
check "Bien Hoa finds something" test "$(jq 'length' <<<"$b")" -gt 0

"$INDEX_BIN" --index "$IDX" --quiet "$PASSIM_SRC/corpus" "$PASSIM_SRC/tests/data/accented"
json=$(search --json 'Da Nang')
check "accented article found by its unaccented name" \
  test "$(jq -r '.results[0].id' <<<"$json")" = accented/vi-danang.txt
first_highlight() {
  byte_slice "$(jq -r '.results[0].text' <<<"$json")" \
    "$(jq '.results[0].highlights[0][0]' <<<"$json")" \
    "$(jq '.results[0].highlights[0][1]' <<<"$json")"
}
check "accented highlight covers the accented words" test "$(first_highlight)" = "Đà"
json=$(search --json --per-article 3 '"Phan Van Giang"')
check "an accented phrase matches its unaccented query" \
  grep -q vi-danang.txt <<<"$(jq -r '.results[].id' <<<"$json")"

# --- did you mean ----------------------------------------------------------
json=$(search --json 'bein hao')
check "did you mean: bein hao suggests bien hoa (JSON)" \
  test "$(jq -r '.suggestion' <<<"$json")" = "bien hoa"
check "did you mean: shown on the command line" \
  grep -qx 'Did you mean: bien hoa' <<<"$(search --color never 'bein hao')"
check "did you mean: keeps quotes and operators" \
  test "$(search --json '"Bein Hao" AND airport' | jq -r '.suggestion')" = '"bien hoa" AND airport'
check "did you mean: none for a correct query" \
  test "$(search --json 'Bien Hoa' | jq -r '.suggestion')" = null

# --- edge cases ------------------------------------------------------------
json=$(search --json zzqxunknownword); rc=$?
check "unknown word: exit 0" test "$rc" = 0
check "unknown word: no results" test "$(jq '.results | length' <<<"$json")" = 0

set +e
"$SEARCH_BIN" --index "$WORK/nowhere" 'Bien Hoa' 2>"$WORK/err"; rc=$?
set -e
check "missing index: exit code 3" test "$rc" = 3
check "missing index: clear message" grep -q 'no index at' "$WORK/err"

mkdir -p "$WORK/readme-only"; echo "# schema" > "$WORK/readme-only/README.md"
set +e
"$SEARCH_BIN" --index "$WORK/readme-only" 'Bien Hoa' 2>/dev/null; rc=$?
set -e
check "folder without an index: exit code 3" test "$rc" = 3

set +e
"$SEARCH_BIN" --index "$IDX" --limit nope x 2>/dev/null; rc=$?
set -e
check "bad option value: exit code 2" test "$rc" = 2

json=$(search --json --limit 1 --offset 1 --per-article 2 '"Bien Hoa"')
check "offset skips the first passage" \
  test "$(jq '.results | length' <<<"$json")" = 1

# Deterministic: the same query twice gives byte-identical output.
check "results are deterministic" \
  test "$(search --json 'defense cooperation')" = "$(search --json 'defense cooperation')"

# --- a broken file is reported and skipped; the rest is indexed -------------
mkdir -p "$WORK/mixed/sub"
cp "$PASSIM_SRC/corpus/000_d07ac7e1e3736adf.txt" "$WORK/mixed/good.txt"
gzip -c "$PASSIM_SRC/corpus/003_4090b8fde11b87b1.txt" > "$WORK/mixed/sub/zipped.txt.gz"
printf 'this is not gzip at all' > "$WORK/mixed/broken.txt.gz"
gzip -c "$PASSIM_SRC/corpus/001_1a7a354f7a53d6f6.txt" | head -c 300 > "$WORK/mixed/truncated.txt.gz"
set +e
"$INDEX_BIN" --index "$WORK/idx2" "$WORK/mixed" >"$WORK/out" 2>"$WORK/err"; rc=$?
set -e
check "skipped files: exit code 6" test "$rc" = 6
check "skipped files: the truncated gzip is named" grep -q 'truncated.txt.gz' "$WORK/err"
check "skipped files: the non-gzip .gz is named" grep -q 'broken.txt.gz' "$WORK/err"
check "good files indexed" grep -q '^added 2,' "$WORK/out"
json=$("$SEARCH_BIN" --index "$WORK/idx2" --json 'Hegseth Vietnam')
check ".gz article id drops .gz" \
  grep -qx 'sub/zipped.txt' <<<"$(jq -r '.results[].id' <<<"$json")"

finish
