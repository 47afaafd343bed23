#!/usr/bin/env bash
# Dates and bylines as the indexer stores them: date lines of several
# shapes read from .txt headers, impossible days never stored (a JSON Lines
# record with one is rejected with FILE:LINE), ISO timestamps accepted, a
# sentence never taken as a byline, and byline words indexed as "A" terms.
. "$(dirname "$0")/lib.sh"

C="$WORK/corpus"
IDX="$WORK/index"
mkdir -p "$C"
printf 'Harbour plan approved\n\nPublished 2024-03-15T08:00:00Z\n\nThe harbour plan alpha was approved.\n' > "$C/iso.txt"
printf 'Bridge reopens\nMarch 3, 2021\n\nThe bridge bravo reopened today.\n' > "$C/named.txt"
printf 'Market update\nUpdated: 12/05/2023\n\nThe market charlie rose.\n' > "$C/us.txt"
printf 'Leap day story\n2023-02-29\n\nThe story delta has no real date.\n' > "$C/bad.txt"
printf 'Ferry news\n\nBy Jane Doe and Ramón Ortiz, Reuters\n\nThe ferry echo sailed.\n' > "$C/byline.txt"
{
  printf '{"id": "far", "text": "Far future foxtrot.", "date": "9999-12-31T23:59:59Z"}\n'
  printf '{"id": "leap", "text": "Not a leap year golf.", "date": "2023-02-29"}\n'
  printf '{"id": "april", "text": "No April 31 hotel.", "date": "2024-04-31T10:00:00Z"}\n'
  printf '{"id": "zone", "text": "Offsets india.", "date": "2024-03-15T08:00:00.5+07:00"}\n'
} > "$C/feed.jsonl"
if [ -f "$PASSIM_SHARED/corpora/bbc.tar.xz" ]; then
  tar -xJf "$PASSIM_SHARED/corpora/bbc.tar.xz" -C "$WORK" ./business/199.txt
  cp "$WORK/business/199.txt" "$C/georgia.txt"
else
  echo "FAIL shared BBC corpus missing"; exit 1
fi

set +e
"$INDEX_BIN" --index "$IDX" "$C" >"$WORK/out" 2>"$WORK/err"
rc=$?
set -e
cat "$WORK/err"
check "exit 6: two records skipped" test "$rc" = 6
check "impossible record date 2023-02-29: rejected with file and line" \
  grep -q 'feed.jsonl:2: date is not YYYY-MM-DD' "$WORK/err"
check "impossible record date 2024-04-31: rejected with file and line" \
  grep -q 'feed.jsonl:3: date is not YYYY-MM-DD' "$WORK/err"

date_of() {
  "$SEARCH_BIN" --index "$IDX" --json "$1" | jq -r '.results[0] | "\(.id) \(.date)"'
}
check "Published ISO timestamp line read" test "$(date_of alpha)" = "iso.txt 2024-03-15"
check "bare 'March 3, 2021' line read" test "$(date_of bravo)" = "named.txt 2021-03-03"
check "'Updated: 12/05/2023' read as month/day" test "$(date_of charlie)" = "us.txt 2023-12-05"
check "impossible day in a .txt not stored" test "$(date_of delta)" = "bad.txt null"
check "9999-12-31T23:59:59Z accepted" test "$(date_of foxtrot)" = "far 9999-12-31"
check "timestamp with fraction and offset accepted" test "$(date_of india)" = "zone 2024-03-15"

byline_of() {
  "$SEARCH_BIN" --index "$IDX" --json "$1" | jq -r '.results[0] | "\(.id) \(.byline)"'
}
check "byline of names and agency" \
  test "$(byline_of echo)" = "byline.txt Jane Doe and Ramón Ortiz, Reuters"
check "a sentence starting 'By' is no byline (BBC business/199)" \
  test "$(byline_of Saakashvili)" = "georgia.txt null"

gen="$IDX/$(awk '{print $2}' "$IDX/XAPIANDB")"
# has_term TERM: some document holds TERM (delve lists its docids).
has_term() {
  local out
  out=$(xapian-delve -1 -t "$1" "$gen" 2>&1) || return 1
  ! grep -q 'not in database' <<<"$out" && grep -q '^[0-9]' <<<"$out"
}
check "byline word indexed as A + stem (Adoe)" has_term Adoe
check "byline word folded and stemmed (Aramon)" has_term Aramon
check "agency word indexed (Areuter)" has_term Areuter
check "the title's words are S terms (Sferri)" has_term Sferri
no_term() { ! has_term "$1"; }
check "byline words are not title terms (no Sdoe)" no_term Sdoe

finish
