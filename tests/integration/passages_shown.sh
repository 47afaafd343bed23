#!/usr/bin/env bash
# What a passage shows: never a photo credit (the seed from The Diplomat
# opens with "ge Credit: Flickr/Ash Carter"), glued sentences apart
# ("issues.During" in seed 003 is shown "issues. During"), and a line break
# inside a sentence of a one-paragraph-per-line article does not cut it.
. "$(dirname "$0")/lib.sh"

C="$WORK/corpus"
IDX="$WORK/index"
mkdir -p "$C"
cp "$PASSIM_SRC"/corpus/*.txt "$C/"
lead="The ministry said on Monday that the emissions of the plant, which stood well above the limit set last year, of CO"
printf 'Plant emissions\n%s\n2 rose again, officials said.\nA second paragraph follows here, long enough not to look hard-wrapped at all, about other things.\n' \
  "$lead" > "$C/co2.txt"
"$INDEX_BIN" --index "$IDX" "$C" >"$WORK/out" 2>"$WORK/err" || { cat "$WORK/err"; exit 1; }

search() { "$SEARCH_BIN" --index "$IDX" --json "$@"; }
search --per-article 100 --limit 1000 'Mattis OR Carter' > "$WORK/mc"
check "Mattis OR Carter: passages found" \
  test "$(jq '.results | length' "$WORK/mc")" -ge 5
check "Mattis OR Carter: no passage is a photo credit" \
  test "$(jq '[.results[].text | select(test("Credit|Flickr|photo by"; "i"))] | length' "$WORK/mc")" = 0
check "Mattis OR Carter: the best passage of 004 is a sentence of its text" \
  grep -q 'Ashton Carter\|Carter himself\|Carter said' \
  <<<"$(jq -r '[.results[] | select(.id == "004_13a7ffee45129fbc.txt")][0].text' "$WORK/mc")"
check "the credit's words are not indexed (flickr finds nothing)" \
  test "$(search flickr | jq '.results | length')" = 0

search --passage-words 100 artifacts > "$WORK/art"
text=$(jq -r '.results[0].text' "$WORK/art")
echo "artifacts: $text"
check "glued sentences shown apart" grep -q 'issues\. During their talks' <<<"$text"
no_glued() { ! grep -q 'issues\.During\|war\."The' <<<"$text"; }
check "no glued sentence left in the shown passage" no_glued
off=$(jq '.results[0].highlights[0][0]' "$WORK/art")
end=$(jq '.results[0].highlights[0][1]' "$WORK/art")
check "highlight still on the matched word" test "$(byte_slice "$text" "$off" "$end")" = artifacts

search emissions > "$WORK/co2"
check "a line break inside a sentence does not end it" \
  test "$(jq -r '.results[0].text' "$WORK/co2")" = "$lead 2 rose again, officials said."
check "the sentence is one" test "$(jq '.results[0].sentences' "$WORK/co2")" = 1

finish
