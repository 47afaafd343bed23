#!/usr/bin/env bash
# --by article: the text output shows each article once with its passages
# under it, the JSON nests them (articles: [{..., passages: [...]}]), and
# --limit / --offset count articles.
. "$(dirname "$0")/lib.sh"

"$INDEX_BIN" --index "$WORK/index" --quiet "$PASSIM_SRC/corpus"
export PASSIM_INDEX="$WORK/index"
Q=(Hegseth Vietnam)
J="$WORK/json"

# JSON, articles 1-3, up to 3 passages each.
"$SEARCH_BIN" --by article --per-article 3 --limit 3 --json "${Q[@]}" >"$J"
check "json: parses" sh -c 'jq -e . "$0" >/dev/null' "$J"
check "json: no flat results" test "$(jq 'has("results")' "$J")" = false
check "json: 3 articles (limit counts articles)" test "$(jq '.articles | length' "$J")" -eq 3
check "json: more passages than articles" test "$(jq '[.articles[].passages[]] | length' "$J")" -gt 3
check "json: article keys" test "$(jq -c '.articles[0] | keys_unsorted' "$J")" = \
  '["id","title","title_highlights","date","byline","url","article_rank","article_score","passages"]'
check "json: passage keys" test "$(jq -c '.articles[0].passages[0] | keys_unsorted' "$J")" = \
  '["passage","sentences","score","text","highlights"]'
check "json: at most 3 passages an article" \
  test "$(jq '[.articles[].passages | length] | max' "$J")" -le 3
check "json: articles in rank order" \
  test "$(jq '[.articles[].article_rank] | . == sort' "$J")" = true
check "json: each article once" \
  test "$(jq '[.articles[].id] | length == (unique | length)' "$J")" = true
check "json: passages of an article best first" \
  test "$(jq '[.articles[].passages | [.[].score] | . == (sort | reverse)] | all' "$J")" = true
check "json: limit and offset echoed" test "$(jq -c '[.offset, .limit]' "$J")" = '[0,3]'

# --offset skips articles: articles 2-3 are the second and third above.
"$SEARCH_BIN" --by article --per-article 3 --offset 1 --limit 2 --json "${Q[@]}" >"$WORK/json2"
check "json: offset counts articles" \
  test "$(jq -c '[.articles[].id]' "$WORK/json2")" = "$(jq -c '[.articles[1:][].id]' "$J")"
check "json: offset keeps the articles' passages" \
  test "$(jq -c '[.articles[].passages[].passage]' "$WORK/json2")" = \
       "$(jq -c '[.articles[1:][].passages[].passage]' "$J")"

# Text: one header per article, its passages under it.
"$SEARCH_BIN" --by article --per-article 3 --limit 3 --color never "${Q[@]}" >"$WORK/text"
cat "$WORK/text"
check "text: 3 numbered articles" test "$(grep -c '^[0-9]*\. ' "$WORK/text")" -eq 3
check "text: numbered 1 to 3" test "$(grep -o '^[0-9]*\.' "$WORK/text" | tr -d '\n')" = '1.2.3.'
for id in $(jq -r '.articles[].id' "$J"); do
  check "text: $id shown once" test "$(grep -c -F "   $id" "$WORK/text")" -eq 1
done
check "text: a passage line per passage" \
  test "$(grep -c '^   passage [0-9]* · score ' "$WORK/text")" -eq "$(jq '[.articles[].passages[]] | length' "$J")"
"$SEARCH_BIN" --by article --per-article 3 --offset 2 --limit 1 --color never "${Q[@]}" >"$WORK/text2"
check "text: numbering follows --offset" grep -q '^3\. ' "$WORK/text2"
check "text: --offset 2 --limit 1 is one article" test "$(grep -c '^[0-9]*\. ' "$WORK/text2")" -eq 1

# Passage mode is unchanged: a flat list of passages.
"$SEARCH_BIN" --per-article 3 --limit 3 --json "${Q[@]}" >"$WORK/flat"
check "passage mode: flat results" test "$(jq '.results | length' "$WORK/flat")" -eq 3
finish
