#!/usr/bin/env bash
# The article view: passim-search --show ID [QUERY] (text and --json) and
# passim.cgi ?id=ID[&q=Q] (HTML and JSON): the whole article with its
# title, date, byline, url and paragraphs, the query's words highlighted,
# each sentence anchored (id="pN") so that a result's link lands on its
# passage; unknown ids give exit 3 / 404; hostile ids and titles are
# escaped; ids with bytes that are not UTF-8 or with a tab are found from
# the escaped form the outputs show.
. "$(dirname "$0")/lib.sh"

CGI="$PASSIM_BIN/passim.cgi"
"$INDEX_BIN" --index "$WORK/index" --quiet "$PASSIM_SRC/corpus"
export PASSIM_INDEX="$WORK/index"
utf8() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; }

# cgi QUERY_STRING: passim.cgi as a web server runs it; headers into $HDR,
# body into $BODY.
HDR="$WORK/hdr" BODY="$WORK/body"
cgi() {
  env -i PATH="$PATH" PASSIM_INDEX="$PASSIM_INDEX" REQUEST_METHOD=GET QUERY_STRING="$1" \
    ${ASAN_OPTIONS:+ASAN_OPTIONS="$ASAN_OPTIONS"} "$CGI" >"$WORK/cgi" 2>/dev/null || return 1
  LC_ALL=C sed -n '1,/^\r$/p' "$WORK/cgi" >"$HDR"
  tail -c +$(($(wc -c <"$HDR") + 1)) "$WORK/cgi" >"$BODY"
}
status() { LC_ALL=C sed -n '1s/^Status: \([0-9]*\) .*\r$/\1/p' "$HDR"; }

# --- CLI ----------------------------------------------------------------------
"$SEARCH_BIN" --json --per-article 3 --limit 6 Hegseth Vietnam >"$WORK/results"
ID=$(jq -r '.results[0].id' "$WORK/results")
"$SEARCH_BIN" --show "$ID" --json Hegseth Vietnam >"$WORK/view.json"
check "show json: keys" test "$(jq -c 'keys_unsorted' "$WORK/view.json")" = \
  '["id","title","date","byline","url","query","paragraphs"]'
check "show json: the article asked for" test "$(jq -r .id "$WORK/view.json")" = "$ID"
check "show json: title and date as in results" \
  test "$(jq -c '[.title, .date]' "$WORK/view.json")" = "$(jq -c '.results[0] | [.title, .date]' "$WORK/results")"
check "show json: paragraph keys" \
  test "$(jq -c '.paragraphs[0] | keys_unsorted' "$WORK/view.json")" = '["sentence","text","highlights"]'
check "show json: highlights" test "$(jq '[.paragraphs[].highlights[]] | length' "$WORK/view.json")" -gt 0
# Every passage the search showed from this article is in its paragraphs.
for n in $(jq -r --arg id "$ID" '.results | map(select(.id == $id)) | keys[]' "$WORK/results"); do
  p=$(jq -r --arg id "$ID" --argjson n "$n" '.results | map(select(.id == $id))[$n].text' "$WORK/results")
  check "show json: passage $n is in the article" \
    test "$(jq --arg p "$p" '[.paragraphs[].text | contains($p)] | any' "$WORK/view.json")" = true
done

# A multi-paragraph article (blank lines between paragraphs).
for f in "$PASSIM_SRC"/corpus/*.txt; do
  id=$(basename "$f")
  np=$("$SEARCH_BIN" --show "$id" --json | jq '.paragraphs | length')
  [ "$np" -gt 3 ] && break
done
check "show: a long article has several paragraphs" test "$np" -gt 3
"$SEARCH_BIN" --show "$id" --color never >"$WORK/view.txt"
check "show text: title on the first line" \
  test "$(head -1 "$WORK/view.txt")" = "$("$SEARCH_BIN" --show "$id" --json | jq -r .title)"
check "show text: id on the second line" grep -q "^$id" <(sed -n 2p "$WORK/view.txt")
check "show text: one block per paragraph" \
  test "$(awk 'prev == "" && NR > 3 { n++ } { prev = $0 } END { print n }' "$WORK/view.txt")" -eq "$np"
check "show text: no highlights without a query" test "$(grep -c '\[\[' "$WORK/view.txt")" -eq 0
"$SEARCH_BIN" --show "$ID" --color never Hegseth >"$WORK/view-q.txt"
check "show text: query words highlighted" grep -q '\[\[Hegseth\]\]' "$WORK/view-q.txt"
check "show text: as many highlights as the JSON" \
  test "$(grep -o '\[\[Hegseth\]\]' "$WORK/view-q.txt" | wc -l)" -eq \
       "$("$SEARCH_BIN" --show "$ID" --json Hegseth | jq '[.paragraphs[].highlights[]] | length')"

rc=0; "$SEARCH_BIN" --show no-such-article.txt >/dev/null 2>"$WORK/err" || rc=$?
check "show: unknown id exits 3" test "$rc" -eq 3
check "show: unknown id named" grep -q "no article has the id 'no-such-article.txt'" "$WORK/err"
rc=0; "$SEARCH_BIN" --show "$ID" '(Bien' >/dev/null 2>&1 || rc=$?
check "show: bad query exits 2" test "$rc" -eq 2

# --- CGI ----------------------------------------------------------------------
cgi "q=Hegseth+Vietnam&per=3"
href=$(grep -o '<h2><a href="[^"]*"' "$BODY" | head -1 | sed 's/.*href="//; s/"$//; s/&amp;/\&/g')
echo "first result links to: $href"
check "results: title links to the view, keeping q, at a passage" \
  grep -Eq '^\?id=[^&#]+&q=Hegseth\+Vietnam#p[0-9]+$' <<<"$href"
# Every link to the view on the page (titles and folded passages) lands
# on a sentence anchor of its article.
grep -o 'href="?id=[^"]*"' "$BODY" | sed 's/^href="?//; s/"$//; s/&amp;/\&/g' >"$WORK/links"
check "results: folded passages link to the view too" \
  test "$(wc -l <"$WORK/links")" -gt "$(grep -c '<h2><a href' "$BODY")"
bad=0
while read -r l; do
  cgi "${l%%#*}" && grep -q "<span id=\"${l##*#}\">" "$BODY" || bad=$((bad + 1))
done <"$WORK/links"
check "results: every view link has its anchor" test "$bad" -eq 0
qs=${href#\?}; anchor=${qs##*#}; qs=${qs%%#*}
check "view: 200" cgi "$qs"
check "view: status 200" test "$(status)" = 200
check "view: valid UTF-8" utf8 "$BODY"
check "view: the linked passage has its anchor" grep -q "<span id=\"$anchor\">" "$BODY"
check "view: the linked sentence is styled as the target" grep -q 'span:target{' "$BODY"
check "view: query words marked" grep -q '<mark>Hegseth</mark>' "$BODY"
check "view: title as h1" grep -q '^<h1>' "$BODY"
check "view: a link back to the results" grep -q 'href="?q=Hegseth+Vietnam">' "$BODY"
check "view: no script" test "$(grep -ci '<script' "$BODY")" -eq 0
cgi "id=$ID&q=the+Hegseth"
check "view: stopwords of the query are not marked" test "$(grep -ci '<mark>the</mark>' "$BODY")" -eq 0
check "view: the other words are" grep -q '<mark>Hegseth</mark>' "$BODY"
check "show: stopwords of the query are not marked either" \
  test "$("$SEARCH_BIN" --show "$ID" --color never the Hegseth | grep -ci '\[\[the\]\]')" -eq 0
cgi "id=$ID&format=json"
check "view json: 200" test "$(status)" = 200
check "view json: same paragraphs as the CLI" \
  test "$(jq -c '[.paragraphs[].text]' "$BODY")" = "$("$SEARCH_BIN" --show "$ID" --json | jq -c '[.paragraphs[].text]')"
cgi "id=no-such-article.txt"
check "view: unknown id is 404" test "$(status)" = 404
cgi "id=no-such-article.txt&format=json"
check "view json: unknown id is 404 JSON" test "$(jq -r .error.status "$BODY")" = 404
cgi "id=$(head -c 1025 /dev/zero | tr '\0' a)"
check "view: id over 1024 bytes is 400" test "$(status)" = 400
cgi "id=caf%E9.txt"
check "view: id not UTF-8 in the request is 400" test "$(status)" = 400
cgi "id=a%1Bb"
check "view: control character in the request is 400" test "$(status)" = 400

# --- hostile and odd ids ---------------------------------------------------------
H="$WORK/hostile"
mkdir -p "$H"
cat >"$H/a.jsonl" <<'JSONL'
{"id": "<script>alert(1)</script>\"'&.txt", "title": "<img src=x onerror=alert(1)> & \"quotes\"", "byline": "\"><b>bold</b>", "url": "javascript:alert(1)", "text": "The zebra crossing plan was approved by the council. Zebra stripes were painted."}
JSONL
printf 'Zebra herds\n\nA zebra herd crossed the river.\n' >"$H/$(printf 'caf\xe9.txt')"
printf 'Zebra tab\n\nThe zebra keeper spoke.\n' >"$H/$(printf 'tab\tbed.txt')"
"$INDEX_BIN" --index "$WORK/hindex" --quiet "$H" 2>/dev/null || true
export PASSIM_INDEX="$WORK/hindex"

cgi "q=zebra&per=1"
check "hostile results: 200" test "$(status)" = 200
check "hostile results: no tag from the corpus" \
  test "$(grep -Eci '<script|<img|<b>|href="javascript' "$BODY")" -eq 0
grep -o '<h2><a href="[^"]*"' "$BODY" | sed 's/.*href="//; s/"$//; s/&amp;/\&/g' >"$WORK/hrefs"
cat "$WORK/hrefs"
# The encoded id each link must carry: URL-encoded, and a byte that is not
# UTF-8 or a control character first written as \xHH (%5Cx..).
for want in '%3Cscript%3Ealert%281%29%3C%2Fscript%3E%22%27%26.txt' 'caf%5Cxe9.txt' 'tab%5Cx09bed.txt'; do
  href=$(grep -F "?id=$want&q=zebra#p" "$WORK/hrefs" || true)
  check "hostile: a result links to ?id=$want" test -n "$href"
  qs=${href#\?}; qs=${qs%%#*}
  cgi "$qs" || true
  check "hostile: view of $want is 200" test "$(status)" = 200
  check "hostile: view of $want is valid UTF-8" utf8 "$BODY"
  check "hostile: view of $want holds no corpus tag" \
    test "$(grep -Eci '<script|<img|<b>|href="javascript' "$BODY")" -eq 0
done
cgi "id=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22'%26.txt"
check "hostile view: id escaped" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;.txt' "$BODY"
check "hostile view: title escaped" grep -qF '<h1>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;</h1>' "$BODY"
check "hostile view: byline escaped" grep -qF '&quot;&gt;&lt;b&gt;bold&lt;/b&gt;' "$BODY"
check "hostile view: a javascript: url is not a link" grep -qF '<span class="url">javascript:alert(1)</span>' "$BODY"
check "cli: the Latin-1 id is found from its escaped form" \
  sh -c '"$0" --show "caf\\xe9.txt" --json | jq -e ".paragraphs | length > 0" >/dev/null' "$SEARCH_BIN"
finish
