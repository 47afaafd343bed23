#!/usr/bin/env bash
# JSON Lines input: good records indexed with their metadata, bad lines
# reported with file and line number and skipped; the shared evaluation
# collections index from their docs.jsonl.
. "$(dirname "$0")/lib.sh"

C="$WORK/corpus"
IDX="$WORK/index"
mkdir -p "$C"
cat > "$C/news.jsonl" <<'EOF'
{"id": "n1", "title": "Airport cleanup begins", "date": "2024-04-02", "byline": "A. Reporter", "url": "https://example.org/n1", "text": "Work on the dioxin cleanup at Biên Hòa airport began this week. Officials welcomed it."}
not json at all
{"text": "a record without an id"}
{"id": "n2"}
{"id": "n1", "text": "a duplicate id"}

{"id": "n3", "text": "Headline from the text\n\nThe cleanup of Đà Nẵng airport finished in 2018.", "date": "2018-11-07T09:30:00Z"}
{"id": "n4", "text": "Bad date record.", "date": "last Tuesday"}
[1, 2, 3]
{"id": 42, "text": "An integer id is accepted for record forty two."}
EOF
printf '%s\n' '{"id": "z1", "text": "Compressed JSON Lines are read too: zebra crossing."}' | gzip > "$C/more.jsonl.gz"
# A record whose line is truncated mid-object at the end of the file.
printf '%s' '{"id": "t1", "text": "cut off' > "$C/tail.jsonl"

set +e
"$INDEX_BIN" --index "$IDX" "$C" >"$WORK/out" 2>"$WORK/err"; rc=$?
set -e
cat "$WORK/err"
check "exit code 6: bad lines skipped" test "$rc" = 6
check "good records indexed" grep -q '^added 4,' "$WORK/out"
check "not JSON: file and line" grep -q 'news.jsonl:2: not JSON' "$WORK/err"
check "no id: file and line" grep -q 'news.jsonl:3: no "id"' "$WORK/err"
check "no text: file and line" grep -q 'news.jsonl:4: no "text"' "$WORK/err"
check "duplicate id: file and line" grep -q 'news.jsonl:5: duplicate article id' "$WORK/err"
check "bad date: file and line" grep -q 'news.jsonl:8: date is not YYYY-MM-DD' "$WORK/err"
check "not an object: file and line" grep -q 'news.jsonl:9: not a JSON object' "$WORK/err"
check "truncated last line reported" grep -q 'tail.jsonl:1: not JSON' "$WORK/err"

json=$("$SEARCH_BIN" --index "$IDX" --json '"Bien Hoa"')
check "record metadata: id" test "$(jq -r '.results[0].id' <<<"$json")" = n1
check "record metadata: title" test "$(jq -r '.results[0].title' <<<"$json")" = "Airport cleanup begins"
check "record metadata: date" test "$(jq -r '.results[0].date' <<<"$json")" = 2024-04-02
check "record metadata: byline" test "$(jq -r '.results[0].byline' <<<"$json")" = "A. Reporter"
check "record metadata: url" test "$(jq -r '.results[0].url' <<<"$json")" = "https://example.org/n1"
json=$("$SEARCH_BIN" --index "$IDX" --json 'Da Nang')
check "title found in record text" test "$(jq -r '.results[0].title' <<<"$json")" = "Headline from the text"
check "timestamp date cut to the day" test "$(jq -r '.results[0].date' <<<"$json")" = 2018-11-07
check "integer id" test "$("$SEARCH_BIN" --index "$IDX" --json 'forty two' | jq -r '.results[0].id')" = 42
check "gzip JSON Lines" test "$("$SEARCH_BIN" --index "$IDX" --json zebra | jq -r '.results[0].id')" = z1

# The shared evaluation collections index from their docs.jsonl.
for coll in cran adi; do
  docs="${PASSIM_SHARED:?}/eval/$coll/docs.jsonl"
  want=$(jq -s '[.[] | select(.text | test("[[:alnum:]]"))] | length' "$docs")
  # Records with no text are reported and skipped (exit 6).
  out=$("$INDEX_BIN" --index "$WORK/$coll" "$docs" 2>/dev/null || true)
  check "$coll: all $want records indexed" grep -q "^added $want," <<<"$out"
done
check "cran: a record is found by its id-bearing text" \
  test "$("$SEARCH_BIN" --index "$WORK/cran" --json --limit 1 'slipstream propeller wing' | jq '.results | length')" = 1

finish
