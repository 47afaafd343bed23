#!/usr/bin/env bash
# Articles that match only in their title are shown, with the title's
# matched words highlighted (JSON title_highlights, [[ ]] in text, <mark> in
# HTML) and their opening passage; every article of the top N gets a passage.
. "$(dirname "$0")/lib.sh"

C="$WORK/corpus"
mkdir -p "$C"
printf 'Zebra crossing plan\n\nThe council will paint new stripes on the main road next spring. Residents asked for a safer way to reach the school.\n\nWork starts in May.\n' >"$C/zebra.txt"
printf 'Zoo news\n\nA zebra escaped from the zoo on Monday and was found in a park.\n' >"$C/zoo.txt"
# Seven articles with "boost" only in their title, three with it in the body too.
for i in 1 2 3 4 5 6 7; do
  printf 'Budget boost number %s\n\nThe minister spoke about spending on schools and hospitals for the year %s.\n' "$i" "$i" >"$C/t$i.txt"
done
for i in 1 2 3; do
  printf 'Exports boost trade %s\n\nFirms hope the deal will boost sales abroad, officials said on day %s.\n' "$i" "$i" >"$C/b$i.txt"
done
IDX="$WORK/index"
"$INDEX_BIN" --index "$IDX" --quiet "$C"
S() { "$SEARCH_BIN" --index "$IDX" "$@"; }

out=$(S --json zebra)
check "title-only article is shown" test "$(jq -r '[.results[].id] | sort | join(" ")' <<<"$out")" = "zebra.txt zoo.txt"
check "its title is highlighted" test "$(jq -c '.results[] | select(.id == "zebra.txt") | .title_highlights' <<<"$out")" = "[[0,5]]"
check "title highlight offsets point at the word" \
  test "$(jq -r '.results[] | select(.id == "zebra.txt") | .title[.title_highlights[0][0]:.title_highlights[0][1]]' <<<"$out")" = "Zebra"
check "its opening passage is shown" \
  test "$(jq -r '.results[] | select(.id == "zebra.txt") | .passage' <<<"$out")" = 0
check "opening passage text" grep -q '"The council will paint' <<<"$(jq '.results[] | select(.id == "zebra.txt") | .text' <<<"$out")"
check "a body match has an empty title_highlights when its title lacks the word" \
  test "$(jq -c '.results[] | select(.id == "zoo.txt") | .title_highlights' <<<"$out")" = "[]"
check "text output marks the title word" grep -q '^[0-9]*\. \[\[Zebra\]\] crossing plan$' <<<"$(S --color never zebra)"
check "terminal output: the title word in bold" grep -q "^1\. $(printf '\033')\[1mZebra$(printf '\033')\[0m crossing plan\$" \
  <<<"$(S --color always 'title:zebra')"
text=$(S --color never 'title:zebra')
check "title:zebra alone: a result, not No results" grep -q '^1\. \[\[Zebra\]\] crossing plan$' <<<"$text"

out=$(S --json --limit 50 'title:boost')
check "title:boost: every match counted is shown" \
  test "$(jq '.articles_matched' <<<"$out")" = "$(jq '.results | length' <<<"$out")"
check "title:boost: ten articles" test "$(jq '.results | length' <<<"$out")" = 10
check "title:boost: every title highlighted" \
  test "$(jq '[.results[] | select((.title_highlights | length) == 1)] | length' <<<"$out")" = 10
check "every article of the top N has a passage" \
  test "$(jq '.passages_found' <<<"$(S --json --limit 50 boost)")" = 10
out=$(S --json --limit 50 --by article 'title:boost')
check "--by article: all shown" test "$(jq '.articles | length' <<<"$out")" = 10

# The web page marks the title's word.
body=$(env -i PATH="$PATH" PASSIM_INDEX="$IDX" ${ASAN_OPTIONS:+ASAN_OPTIONS="$ASAN_OPTIONS"} \
  GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET QUERY_STRING='q=zebra' "$PASSIM_BIN/passim.cgi")
check "HTML marks the title word" grep -q '<mark>Zebra</mark> crossing plan' <<<"$body"

finish
