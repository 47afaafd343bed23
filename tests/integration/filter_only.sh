#!/usr/bin/env bash
# A query with no ranking words — a date filter alone, a negation alone,
# or both — lists the matching articles newest first (undated ones last,
# equal dates by id), each with its opening passage.
. "$(dirname "$0")/lib.sh"

C="$WORK/corpus"
mkdir -p "$C"
cp "$PASSIM_SRC"/corpus/*.txt "$C"/
art() { # art ID DATE WORDS: a .jsonl line
  jq -cn --arg id "$1" --arg d "$2" --arg t "$3" \
    'if $d == "" then {id: $id, title: ("About " + $id), text: $t}
     else {id: $id, title: ("About " + $id), date: $d, text: $t} end'
}
{
  art b-2015 2015-03-01 "Budget talks went on. A second sentence follows."
  art a-2015 2015-03-01 "Budget talks stalled in March."
  art c-2016 2016-01-09 "Harvest figures were published in January."
  art d-none "" "A story with no date at all."
} >"$C/extra.jsonl"
IDX="$WORK/index"
"$INDEX_BIN" --index "$IDX" --quiet "$C"
A003=003_4090b8fde11b87b1.txt
A004=004_13a7ffee45129fbc.txt

# ids ARGS...: ids in the order shown.
ids() { "$SEARCH_BIN" --index "$IDX" --json --limit 50 "$@" | jq -r '[(.results // .articles)[].id] | join(" ")'; }

check "date:2015 alone" test "$(ids 'date:2015')" = "$A004 a-2015 b-2015"
check "date range alone" test "$(ids 'date:2025-11-01..2025-11-30')" = "$A003"
check "open date range alone, newest first" test "$(ids 'date:2015..')" = "$A003 c-2016 $A004 a-2015 b-2015"
check "date:2015 alone --by article" test "$(ids --by article 'date:2015')" = "$A004 a-2015 b-2015"
check "NOT alone: newest first, undated last by id" \
  test "$(ids 'NOT hegseth')" = "c-2016 $A004 a-2015 b-2015 000_d07ac7e1e3736adf.txt 002_f5f00cdf12c99929.txt d-none"
check "-word alone" test "$(ids -- '-hegseth -budget')" = "c-2016 $A004 000_d07ac7e1e3736adf.txt 002_f5f00cdf12c99929.txt d-none"
check "filter and negation" test "$(ids 'date:2015 NOT stalled')" = "$A004 b-2015"
check "title: alone" test "$(ids 'title:ties')" = "$A004"
check "title: alone --by article" test "$(ids --by article 'title:ties')" = "$A004"
out=$("$SEARCH_BIN" --index "$IDX" --json --limit 50 'date:2015')
check "each with its opening passage" test "$(jq -c '[.results[].passage] | unique' <<<"$out")" = "[0]"
check "opening passage text" test "$(jq -r '.results[] | select(.id == "b-2015") | .text' <<<"$out")" = "Budget talks went on. A second sentence follows."
check "counted" test "$(jq '.articles_matched' <<<"$out")" = 3
check "text output lists them" test "$("$SEARCH_BIN" --index "$IDX" --color never 'date:2015' | grep -c '^[0-9]*\. ')" = 3
printf 'q1\tdate:2015\nq2\tNOT hegseth date:2016\n' >"$WORK/q.tsv"
run=$("$SEARCH_BIN" --index "$IDX" --batch "$WORK/q.tsv" --operators)
check "batch: a filter alone" test "$(awk '$1 == "q1" {print $3}' <<<"$run" | tr '\n' ' ')" = "$A004 a-2015 b-2015 "
check "batch: negation and filter" test "$(awk '$1 == "q2" {print $3}' <<<"$run" | tr '\n' ' ')" = "c-2016 "

finish
