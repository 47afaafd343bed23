#!/usr/bin/env bash
# The query language from the command line: each operator changes what is
# found, as documented; syntax errors point at the problem with exit 2.
. "$(dirname "$0")/lib.sh"

IDX="$WORK/index"
"$INDEX_BIN" --index "$IDX" --quiet "$PASSIM_SRC/corpus"
A000=000_d07ac7e1e3736adf.txt
A001=001_1a7a354f7a53d6f6.txt
A002=002_f5f00cdf12c99929.txt
A003=003_4090b8fde11b87b1.txt
A004=004_13a7ffee45129fbc.txt

# ids QUERY: the sorted distinct article ids found, space separated.
ids() {
  "$SEARCH_BIN" --index "$IDX" --json --limit 50 "$@" |
    jq -r '.results[].id' | sort -u | tr '\n' ' ' | sed 's/ $//'
}
# texts QUERY: all passage texts.
texts() { "$SEARCH_BIN" --index "$IDX" --json --limit 50 --per-article 50 "$@" | jq -r '.results[].text'; }

check "free words: either word" test "$(ids 'Carter Hegseth')" = "$A001 $A003 $A004"
check "AND: both words" test "$(ids 'Carter AND Hegseth')" = ""
check "AND: both words (found)" test "$(ids 'Hegseth AND Giang')" = "$A001 $A003"
check "OR: either word" test "$(ids 'Carter OR Mattis')" = "$A000 $A004"
check "NOT: excludes" test "$(ids 'Vietnam NOT Hegseth')" = "$A000 $A002 $A004"
check "-word: excludes" test "$(ids 'Vietnam -Hegseth -Mattis')" = "$A002 $A004"
check "+word: required" test "$(ids 'Vietnam +Carter')" = "$A004"
check "parentheses group" test "$(ids '(Carter OR Mattis) AND Vietnam')" = "$A000 $A004"
check "phrase: exact order only" test "$(ids '"Hoa Bien"')" = ""
check "phrase: found" test "$(ids '"Vision Statement"')" = "$A001 $A004"
check "NEAR: words close together" test "$(ids 'Ashton NEAR/2 Carter')" = "$A004"
check "NEAR: too far apart finds nothing" test "$(ids 'Mattis NEAR/2 Hanoi')" = ""
check "NEAR: default window" test "$(ids 'Mattis NEAR Hanoi')" = "$A000"
check "prefix*: expands" test "$(ids 'remedi*')" = "$A001"
check "prefix*: highlights the whole word" grep -q '\[\[remediation\]\]' \
  <<<"$("$SEARCH_BIN" --index "$IDX" --color never 'remedi*')"
check "title: only title words" test "$(ids 'title:Ties')" = "$A004"
check "title: opening-words titles count too" test "$(ids 'title:Deepen')" = "$A003 $A004"
check "title: phrase" test "$(ids 'title:"Defense Ties"')" = "$A004"
check "date: a year" test "$(ids 'Vietnam date:2015')" = "$A004"
check "date: a range" test "$(ids 'Vietnam date:2025-11-01..2025-11-30')" = "$A003"
check "date: open range" test "$(ids 'Vietnam date:..2020')" = "$A004"
check "NOT inside a phrase is a word" test "$(ids '"is not wholly new"')" = "$A004"
check "lower-case operators are words" test "$(ids 'Carter and')" = "$(ids 'Carter OR and')"
check "excluded words are not highlighted" \
  bash -c "! grep -q '\[\[Hegseth' <<<\"\$(\"$SEARCH_BIN\" --index \"$IDX\" --color never 'Vietnam -Hegseth')\""

# Prefixes inside phrases, NEAR and fields.
union=$(for p in '"defense minister"' '"defense ministers"' '"defense ministry"' '"defense ministries"'; do ids "$p"; echo; done | tr ' ' '\n' | grep . | sort -u | tr '\n' ' ' | sed 's/ $//')
check "phrase with a prefix: finds what its expansions find" test "$(ids '"defense minist*"')" = "$union"
check "phrase with a prefix: not empty" test -n "$union"
check "phrase with a prefix: the whole phrase is highlighted" grep -q '\[\[defense ministries\]\]' \
  <<<"$("$SEARCH_BIN" --index "$IDX" --color never --per-article 9 '"defense minist*"')"
check "NEAR with prefixes: finds the phrase's articles" test "$(ids 'defen* NEAR/2 minist*')" = "$union"
check "NEAR with prefixes: found" test -n "$(ids 'defen* NEAR/2 minist*')"
check "title: with a prefix" test "$(ids 'title:deep*')" = "$A003 $A004"
check "title: with a prefix: title highlighted" test "$("$SEARCH_BIN" --index "$IDX" --json 'title:deep*' | jq -r '.results[] | select(.id == "'$A004'") | .title[.title_highlights[0][0]:.title_highlights[0][1]]')" = "Deepen"

err() { "$SEARCH_BIN" --index "$IDX" "$@" 2>&1 >/dev/null; echo "rc=$?"; }
out=$(err '(Bien OR Hoa')
check "syntax error: exit 2" grep -q 'rc=2' <<<"$out"
check "syntax error: says what" grep -q "expected ')'" <<<"$out"
check "syntax error: caret under the place" grep -qx '  \{13\}^' <<<"$out"
check "bad date: exit 2" grep -q 'rc=2' <<<"$(err 'date:yesterday')"
out=$(err 'date:2025-02-30')
check "impossible date: exit 2" grep -q 'rc=2' <<<"$out"
check "impossible date: says why" grep -q 'no such day (February 2025 has 28 days)' <<<"$out"
check "impossible date: caret under it" grep -qx '  \{6\}^' <<<"$out"
check "a leap day is a date" test "$(ids 'date:2024-02-29')" = ""
check "ISO timestamp accepted" test "$(ids 'date:2015-06-05T08:00:00Z')" = "$A004"
check "ISO timestamp: 9999-12-31T23:59:59Z" grep -q 'rc=0' <<<"$(err 'date:9999-12-31T23:59:59Z')"
check "one-letter prefix: exit 2" grep -q 'rc=2' <<<"$(err 'a*')"

# An over-broad prefix is a clear error: an article of 300 distinct zq* words.
mkdir -p "$WORK/broad"
{ echo "Many words"; echo; for i in $(seq 1000 1300); do printf 'zqword%s ' "$i"; done; echo; } \
  > "$WORK/broad/many.txt"
"$INDEX_BIN" --index "$WORK/broadidx" --quiet "$WORK/broad"
check "a prefix within the bound works" test "$("$SEARCH_BIN" --index "$WORK/broadidx" --json 'zqword10*' | jq '.results | length')" = 1
out=$("$SEARCH_BIN" --index "$WORK/broadidx" 'zq*' 2>&1 >/dev/null; echo "rc=$?")
check "over-broad prefix: exit 2" grep -q 'rc=2' <<<"$out"
check "over-broad prefix: clear message" grep -qi 'too broad\|too many' <<<"$out"
out=$("$SEARCH_BIN" --index "$WORK/broadidx" '"zq* words"' 2>&1 >/dev/null; echo "rc=$?")
check "over-broad prefix in a phrase: exit 2" grep -q 'rc=2' <<<"$out"
check "over-broad prefix in a phrase: clear message" grep -qi 'too broad' <<<"$out"
check "a prefix in a phrase within the bound" test "$("$SEARCH_BIN" --index "$WORK/broadidx" --json '"zqword100* zqword1001"' | jq '.results | length')" = 1
check "one-letter prefix in a phrase: exit 2" grep -q 'rc=2' <<<"$(err '"a* b"')"

finish
