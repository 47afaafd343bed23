#!/usr/bin/env bash
# passim.cgi under attack: a table of hostile requests, run against the
# binary directly with CGI environment variables. Every case checks the
# status, that the headers are well formed and only ours (no injected
# header), that Content-Length matches the body, that the body is valid
# UTF-8 holding no unescaped input (no tag, no event handler, no control
# byte) and no path or internal detail, and that the program exited 0
# without a sanitizer report. Then the request shapes that must work: the
# shell mode, JSON offsets, HEAD, gzip, and the CPU-time limit.
. "$(dirname "$0")/lib.sh"

CGI="$PASSIM_BIN/passim.cgi"
IDX="$WORK/index"
test -x "$CGI" || { echo "FAIL passim.cgi not built at $CGI"; exit 1; }
"$INDEX_BIN" --index "$IDX" --quiet "$PASSIM_SRC/corpus"

OUT="$WORK/out" ERR="$WORK/err" HDR="$WORK/hdr" BODY="$WORK/body"

# cgi METHOD QUERY_STRING [VAR=VALUE...] [-- ARGS...]: run the program as
# a web server would, with a clean environment; stdin is a request body
# it must never need. Splits the output into $HDR and $BODY.
cgi() {
  local method=$1 qs=$2; shift 2
  local vars=() args=()
  while [ $# -gt 0 ]; do
    if [ "$1" = -- ]; then shift; args=("$@"); break; fi
    vars+=("$1"); shift
  done
  local rc=0
  printf 'a=b&q=%%3Cscript%%3E' >"$WORK/request-body"
  env -i PATH="$PATH" PASSIM_INDEX="$IDX" ${ASAN_OPTIONS:+ASAN_OPTIONS="$ASAN_OPTIONS"} \
      ${UBSAN_OPTIONS:+UBSAN_OPTIONS="$UBSAN_OPTIONS"} \
      GATEWAY_INTERFACE=CGI/1.1 SERVER_PROTOCOL=HTTP/1.1 SCRIPT_NAME=/passim.cgi \
      REQUEST_METHOD="$method" QUERY_STRING="$qs" "${vars[@]}" \
      "$CGI" "${args[@]}" <"$WORK/request-body" >"$OUT" 2>"$ERR" || rc=$?
  LC_ALL=C sed -n '1,/^\r$/p' "$OUT" >"$HDR"
  tail -c +$(($(wc -c <"$HDR") + 1)) "$OUT" >"$BODY"
  return $rc
}

status_of() { LC_ALL=C sed -n '1s/^Status: \([0-9]*\) .*\r$/\1/p' "$HDR"; }
header() { LC_ALL=C sed -n "s/^$1: \\(.*\\)\\r\$/\\1/p" "$HDR"; }

# Headers: "Name: printable value" lines ending in CRLF, from our set only,
# then the blank line.
headers_ok() {
  local allowed='Status|Content-Type|Content-Length|Content-Encoding|Vary|Allow'
  allowed+='|Content-Security-Policy|X-Content-Type-Options|Referrer-Policy'
  allowed+='|Cache-Control|Retry-After'
  [ "$(tail -c 2 "$HDR" | od -An -c | tr -d ' ')" = '\r\n' ] || return 1
  LC_ALL=C awk -v ok="^($allowed): [ -~]*\r\$" '
    /^\r$/ { blank++; next }
    $0 !~ ok { bad++ }
    END { exit !(blank == 1 && !bad) }' "$HDR"
}

# The body as text: gunzip'd when the response says gzip.
body_text() {
  if [ "$(header Content-Encoding)" = gzip ]; then gzip -dc "$BODY"; else cat "$BODY"; fi
}

length_ok() {
  local cl; cl=$(header Content-Length)
  [ -z "$cl" ] || [ "$cl" = "$(wc -c <"$BODY")" ]
}

# No unescaped input in the body: valid UTF-8, no control byte, no path or
# internal detail; in HTML every '<' opens one of the page's own tags with
# only the page's own attribute names outside quoted values (so no input
# made a tag or broke out of an attribute), and every link stays on the
# site or the web; JSON holds no '<' or '>' at all.
TAGS='!DOCTYPE html head meta title style body header form a input button main p ol li'
TAGS+=' h2 span time mark details summary nav strong'
ATTRS='class href rel method role type name aria-label maxlength value charset'
ATTRS+=' content lang datetime html'
html_tags_ok() {
  local t=$1 opens tags
  opens=$(LC_ALL=C grep -ao '<' "$t" | wc -l)
  tags=$(LC_ALL=C grep -aoE '<[^<>]*>' "$t" | wc -l)
  [ "$opens" = "$tags" ] || return 1
  LC_ALL=C grep -aoE '<[^<>]*>' "$t" | LC_ALL=C awk -v tags="$TAGS" -v attrs="$ATTRS" '
    BEGIN { n = split(tags, a, " "); for (i = 1; i <= n; i++) { tag[a[i]] = 1; tag["/" a[i]] = 1 }
            n = split(attrs, a, " "); for (i = 1; i <= n; i++) attr[a[i]] = 1 }
    { s = $0; gsub(/"[^"]*"/, "", s); sub(/^</, "", s); sub(/>$/, "", s)
      n = split(s, w, /[ \t]+/)
      if (!(w[1] in tag)) bad++
      for (i = 2; i <= n; i++) { x = w[i]; sub(/=.*/, "", x); if (x != "" && !(x in attr)) bad++ } }
    END { exit bad > 0 }' || return 1
  ! LC_ALL=C grep -aoE 'href="[^"]*"' "$t" | grep -vqE '^href="(\?|https?://)'
}
body_clean() {
  local t="$WORK/text"
  body_text >"$t" || return 1
  iconv -f UTF-8 -t UTF-8 "$t" >/dev/null 2>&1 || return 1
  ! LC_ALL=C grep -aqP '[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]' "$t" || return 1
  ! grep -aqF -e "$WORK" -e /var/lib -e Xapian -e xapian -e 'No such file' "$t" || return 1
  case "$(header Content-Type)" in
    text/html*) html_tags_ok "$t" ;;
    application/json*) ! grep -aq '[<>]' "$t" ;;
    *) return 1 ;;
  esac
}

sanitizer_quiet() { ! grep -qE 'Sanitizer|runtime error:' "$ERR"; }

# hostile NAME STATUS METHOD QUERY_STRING [VAR=VALUE...] [-- ARGS...]
# [+ MUST_CONTAIN...]: run one row of the table and check it.
rows=0
hostile() {
  local name=$1 want=$2 method=$3 qs=$4; shift 4
  local extra=() needles=() rc=0
  while [ $# -gt 0 ] && [ "$1" != + ]; do extra+=("$1"); shift; done
  [ $# -gt 0 ] && { shift; needles=("$@"); }
  rows=$((rows + 1))
  cgi "$method" "$qs" "${extra[@]}" || rc=$?
  local got; got=$(status_of)
  local why=""
  [ "$rc" = 0 ] || why+=" exit=$rc"
  [ "$got" = "$want" ] || why+=" status=$got(want $want)"
  headers_ok || why+=" headers"
  if [ "$method" = HEAD ]; then
    [ ! -s "$BODY" ] || why+=" body-on-HEAD"
  else
    length_ok || why+=" content-length"
    body_clean || why+=" body"
  fi
  sanitizer_quiet || why+=" sanitizer"
  if [ "$method" != HEAD ] && [ "$want" != 200 ]; then
    # A short message, in the format asked for.
    [ -s "$BODY" ] || why+=" empty-body"
  fi
  local n
  for n in "${needles[@]}"; do
    body_text | grep -aqF -- "$n" || why+=" lacks[$n]"
  done
  if [ -z "$why" ]; then
    echo "ok   hostile: $name"
  else
    echo "FAIL hostile: $name:$why"
    failures=$((failures + 1))
  fi
  checks=$((checks + 1))
}

rep() { local s=$1 n=$2 out=""; for ((i = 0; i < n; i++)); do out+=$s; done; printf '%s' "$out"; }

# --- the table --------------------------------------------------------------
hostile "script tag in q" 200 GET 'q=%3Cscript%3Ealert(1)%3C%2Fscript%3E' \
  + '&lt;script&gt;alert(1)&lt;/script&gt;'
hostile "raw (unencoded) script tag in q" 200 GET 'q=<script>alert(1)</script>' \
  + '&lt;script&gt;alert(1)&lt;/script&gt;'
hostile "double-quote attribute breaker" 200 GET 'q=%22%3E%3Csvg+onload%3Dalert(1)%3E' \
  + 'value="&quot;&gt;&lt;svg onload=alert(1)&gt;"'
hostile "single-quote attribute breaker" 200 GET "q=x'+autofocus+onfocus='alert(1)" \
  + 'x&#39; autofocus onfocus=&#39;alert(1)'
hostile "img onerror in q, JSON" 200 GET 'q=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E&format=json' \
  + '\u003cimg src=x onerror=alert(1)\u003e'
hostile "NUL byte %00" 400 GET 'q=Bien%00Hoa' + 'control character'
hostile "bad escape %ZZ" 400 GET 'q=%ZZ' + 'malformed'
hostile "truncated escape at the end" 400 GET 'q=Bien%2' + 'malformed'
hostile "overlong UTF-8 for <" 400 GET 'q=%C0%BCscript%C0%BE' + 'UTF-8'
hostile "UTF-16 surrogate in UTF-8" 400 GET 'q=%ED%A0%80' + 'UTF-8'
hostile "byte FF" 400 GET 'q=%FF' + 'UTF-8'
hostile "raw invalid byte in QUERY_STRING" 400 GET $'q=Bi\xeAn' + 'UTF-8'
hostile "ANSI escape %1B" 400 GET 'q=%1B%5B2J' + 'control character'
hostile "C1 control is shown replaced" 200 GET 'q=a%C2%85b' + $'a\xef\xbf\xbdb'
hostile "100 KB query" 414 GET "q=$(rep abcdefghij 10000)" + 'longer than 8192'
hostile "query string one byte over the limit" 414 GET "zz=$(rep x 8190)"
hostile "query string at the limit (unknown field)" 200 GET "zz=$(rep x 8189)"
hostile "query over 2048 bytes" 400 GET "q=$(rep abcdefgh 300)" + 'longer than 2048'
hostile "thousands of OR terms" 400 GET "q=$(rep 'a+OR+' 1600)b" + 'the query is'
hostile "hundreds of OR terms" 400 GET "q=$(rep 'a+OR+' 400)b" + 'more than 64 words'
hostile "deep parentheses" 400 GET "q=$(rep '(' 1000)x$(rep ')' 1000)" + 'parentheses'
hostile "too many wildcards" 400 GET 'q=abc*+def*+ghi*+jkl*+mno*' + 'wildcards'
hostile "one-letter wildcard" 400 GET 'q=a*' + 'wildcard'
hostile "CRLF in q never reaches a header" 200 GET 'q=x%0D%0ASet-Cookie:+a%3Db%0D%0A%0D%0A<b>'
hostile "CRLF in format" 400 GET 'format=json%0D%0AX-Injected:+1' + 'format'
hostile "CRLF in n" 400 GET 'n=5%0D%0ALocation:+http://evil.example/' + 'parameter n'
hostile "CRLF in Accept-Encoding" 200 GET 'q=bien' $'HTTP_ACCEPT_ENCODING=gzip\r\nX-Injected: 1'
hostile "absurd n" 400 GET 'q=bien&n=1000000000' + 'parameter n'
hostile "negative n" 400 GET 'q=bien&n=-1' + 'parameter n'
hostile "absurd offset" 400 GET 'q=bien&offset=99999999999999999999' + 'parameter offset'
hostile "page past the paging limit" 400 GET 'q=bien&page=100000' + 'parameter page'
hostile "page just past the paging depth" 400 GET 'q=bien&page=7&n=100' + 'paged'
hostile "page and offset" 400 GET 'q=bien&page=2&offset=3' + 'page or offset'
hostile "per out of range" 400 GET 'q=bien&per=1000' + 'parameter per'
hostile "unknown format" 400 GET 'q=bien&format=xml' + 'html or json'
hostile "format with markup" 400 GET 'q=bien&format=%3Cscript%3E' + 'html or json'
hostile "duplicate q" 400 GET 'q=bien&q=hoa' + 'more than once'
hostile "impossible date" 400 GET 'q=bien&from=2024-02-30' + 'parameter from'
hostile "date with markup" 400 GET 'q=bien&to=%3Cscript%3E' + 'parameter to'
hostile "dates in the wrong order" 400 GET 'q=bien&from=2025-01-01&to=2024-01-01' + 'after'
hostile "too many fields" 400 GET "$(rep 'x=1&' 40)q=bien" + 'fields'
hostile "DELETE" 405 DELETE 'q=bien' + 'only GET and HEAD'
hostile "lower-case get" 405 get 'q=bien'
hostile "empty method" 405 '' 'q=bien'
hostile "TRACE with markup" 405 TRACE 'q=%3Cscript%3E'
hostile "POST with a bad CONTENT_LENGTH" 405 POST '' CONTENT_LENGTH=-1 \
  CONTENT_TYPE=application/x-www-form-urlencoded
hostile "POST with a huge CONTENT_LENGTH" 405 POST 'q=bien' \
  CONTENT_LENGTH=99999999999999999999999
hostile "HEAD with a hostile query" 200 HEAD 'q=%3Cscript%3E'
hostile "index chosen by the request is ignored" 200 GET "PASSIM_INDEX=$WORK&index=%2Fetc&q=bien" \
  + '<mark>Bien</mark>'
hostile "ISINDEX-style argv is ignored" 200 GET '' -- 'q=<script>alert(1)</script>'
hostile "path traversal in PATH_INFO is ignored" 200 GET 'q=bien' PATH_INFO=/../../etc/passwd
hostile "gzip'd hostile page" 200 GET 'q=%3Cscript%3E' HTTP_ACCEPT_ENCODING=gzip \
  + '&lt;script&gt;'
hostile "missing index: no path in the answer" 503 GET 'q=bien' PASSIM_INDEX="$WORK/none" \
  + 'not available'
check "the table has at least 25 rows" test "$rows" -ge 25

# The request body was never read (it would have been parsed as a query).
cgi POST '' CONTENT_LENGTH=20 || true
check "POST body is not read" grep -q 'only GET and HEAD' "$BODY"

# --- what must work -----------------------------------------------------
# Shell mode: NAME=VALUE arguments, no REQUEST_METHOD.
shell_mode() {
  env -i PATH="$PATH" PASSIM_INDEX="$IDX" "$CGI" "$@" >"$OUT" 2>"$ERR"
  LC_ALL=C sed -n '1,/^\r$/p' "$OUT" >"$HDR"
  tail -c +$(($(wc -c <"$HDR") + 1)) "$OUT" >"$BODY"
}
shell_mode q='"Bien Hoa"'
check "shell mode: status 200" test "$(status_of)" = 200
check "shell mode: Bien Hoa highlighted" grep -q '<mark>Bien Hoa</mark>' "$BODY"
check "shell mode: further passages folded" grep -q '<details>' "$BODY"
check "shell mode: the query stays in the box" \
  grep -q 'value="&quot;Bien Hoa&quot;"' "$BODY"
check "shell mode: a CSP with default-src 'none'" \
  grep -q "^Content-Security-Policy: default-src 'none'; " "$HDR"
check "shell mode: no script in the page" bash -c "! grep -qi '<script' '$BODY'"
shell_mode 'Bien Hoa'
check "shell mode: an argument without = is a 400" test "$(status_of)" = 400

cgi GET ''
check "empty q: the search page, 200" test "$(status_of)" = 200
check "empty q: a search form" grep -q '<form method="get"' "$BODY"
check "empty q: no results block" bash -c "! grep -q 'class=\"stats\"' '$BODY'"

# JSON: highlight offsets slice "Bien Hoa" out of each passage's text.
cgi GET 'q=%22Bien+Hoa%22&format=json&per=2&n=5'
check "json: status 200, JSON type" test "$(status_of) $(header Content-Type)" = \
  "200 application/json; charset=utf-8"
json_has_results() { jq -e '.results | length > 0' "$BODY" >/dev/null; }
check "json: parses, with results" json_has_results
json_spans_ok() {
  local n i text start end
  n=$(jq '.results | length' "$BODY")
  for ((i = 0; i < n; i++)); do
    text=$(jq -r ".results[$i].text" "$BODY")
    [ "$(jq ".results[$i].highlights | length" "$BODY")" -gt 0 ] || return 1
    while read -r start end; do
      [ "$(byte_slice "$text" "$start" "$end")" = "Bien Hoa" ] || return 1
    done < <(jq -r ".results[$i].highlights[] | \"\(.[0]) \(.[1])\"" "$BODY")
  done
}
check "json: highlight offsets slice the phrase" json_spans_ok
check "json: limit and offset echo n and page" \
  test "$(jq -c '[.limit, .offset, .query]' "$BODY")" = '[5,0,"\"Bien Hoa\""]'
cgi GET 'q=bien&format=json&n=0'
check "json: errors are JSON too" \
  test "$(jq -c '.error.status' "$BODY")" = 400

# "Did you mean": a misspelt word gets a link, and the link finds results.
cgi GET 'q=vietnm'
suggestion_works() {
  local href
  href=$(grep -o 'Did you mean <a href="?[^"]*"' "$BODY" | sed 's/.*href="?//; s/"$//; s/&amp;/\&/g')
  [ -n "$href" ] || return 1
  cgi GET "$href" && grep -q '<li class="hit">' "$BODY"
}
check "did you mean: a link that finds results" suggestion_works

# HEAD: the headers of the GET, no body.
cgi GET 'q=bien+hoa'
get_len=$(header Content-Length)
cgi HEAD 'q=bien+hoa'
check "HEAD: same Content-Length as GET" test "$(header Content-Length)" = "$get_len"
check "HEAD: no body" test ! -s "$BODY"

# gzip when accepted, identity otherwise; Vary always.
cgi GET 'q=bien+hoa' HTTP_ACCEPT_ENCODING='br, gzip;q=0.8'
check "gzip: Content-Encoding gzip" test "$(header Content-Encoding)" = gzip
check "gzip: body inflates to the page" bash -c "gzip -dc '$BODY' | grep -q '<mark>'"
check "gzip: Vary: Accept-Encoding" test "$(header Vary)" = Accept-Encoding
cgi GET 'q=bien+hoa' HTTP_ACCEPT_ENCODING='gzip;q=0'
check "gzip;q=0: not compressed" test -z "$(header Content-Encoding)"

# Paging: page 2 is offset n, and its links keep the query.
cgi GET 'q=vietnam&n=2&per=1&page=2'
check "paging: passages 3 to 4" grep -q 'passages 3–4 of' "$BODY"
check "paging: a previous link" grep -q 'rel="prev" href="?q=vietnam&amp;n=2&amp;per=1"' "$BODY"
check "paging: a next link" grep -q 'rel="next" href="?q=vietnam&amp;page=3&amp;n=2&amp;per=1"' "$BODY"

# --- the CPU-time limit ---------------------------------------------------
# 800 articles and a broad query deep in the results take tens of
# milliseconds of CPU, far more than the 1 ms limit set here (the same
# request is checked to succeed without it), so the limit, not luck, makes
# the 503.
BIG="$WORK/big"
mkdir -p "$BIG"
for ((i = 0; i < 160; i++)); do
  for f in "$PASSIM_SRC"/corpus/*.txt; do cp "$f" "$BIG/$(basename "$f" .txt)_$i.txt"; done
done
"$INDEX_BIN" --index "$WORK/bigidx" --quiet "$BIG"
heavy='q=the+of+and+to+in+vietnam+defense+cooperation+united+states+war+minister+said&n=100&offset=400&per=10'
cgi GET "$heavy" PASSIM_INDEX="$WORK/bigidx" PASSIM_CGI_CPU_MS=60000
check "heavy query succeeds without a tight limit" test "$(status_of)" = 200
cpu_limited() {
  local fmt=$1
  cgi GET "$heavy$fmt" PASSIM_INDEX="$WORK/bigidx" PASSIM_CGI_CPU_MS=1 || return 1
  [ "$(status_of)" = 503 ] && headers_ok && body_clean && sanitizer_quiet
}
check "CPU limit: 503 with a clean page" cpu_limited ''
check "CPU limit: the page says why" grep -q 'took too long' "$BODY"
check "CPU limit: 503 as JSON for the API" cpu_limited '&format=json'
check "CPU limit: the JSON parses" test "$(jq -c .error.status "$BODY")" = 503

finish
