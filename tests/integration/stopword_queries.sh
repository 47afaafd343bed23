#!/usr/bin/env bash
# A query of nothing but stopwords: the index holds no posting for them,
# so its candidates are checked in the articles' text; juxtaposed words are
# a phrase. No "did you mean" on them.
. "$(dirname "$0")/lib.sh"

C="$WORK/corpus"
mkdir -p "$C"
printf 'The Who play Hyde Park\n\nThe band announced a concert in London for the summer.\n' >"$C/a.txt"
printf 'Hamlet notes\n\nThe famous line is: To be, or not to be, that is the question.\n' >"$C/b.txt"
printf 'Plans ahead\n\nIt is to be seen whether or not the plan works, officials said.\n' >"$C/c.txt"
printf 'Markets today\n\nStocks rose sharply on Monday in Tokyo.\n' >"$C/d.txt"
printf 'Who is who\n\nA guide to names in politics.\n' >"$C/e.txt"
IDX="$WORK/index"
"$INDEX_BIN" --index "$IDX" --quiet "$C"
S() { "$SEARCH_BIN" --index "$IDX" --json --limit 50 "$@"; }
ids() { S "$@" | jq -r '[(.results // .articles)[].id] | join(" ")'; }

check "the: every article holding it, title matches first" test "$(ids the)" = "a.txt b.txt c.txt"
check "the: counted exactly" test "$(S the | jq .articles_matched)" = 3
check "to be or not to be: the phrase only" test "$(ids 'to be or not to be')" = "b.txt"
check "to be or not to be: the phrase highlighted" \
  grep -q '\[\[To be, or not to be\]\]' <<<"$("$SEARCH_BIN" --index "$IDX" --color never 'to be or not to be')"
check "to be or not to be: no suggestion" test "$(S 'to be or not to be' | jq -r .suggestion)" = null
check "quoted, the same" test "$(ids '"to be or not to be"')" = "b.txt"
check "The Who: the phrase" test "$(ids 'The Who')" = "a.txt"
check "OR of stopwords, by article: title matches first" test "$(ids --by article 'who OR not')" = "e.txt a.txt b.txt c.txt"
check "stopwords with an exclusion" test "$(ids 'the -concert')" = "b.txt c.txt"
check "a stopword with a word is the word's query" test "$(ids 'the stocks')" = "d.txt"

finish
