#!/usr/bin/env bash
# passim.cgi behind a real web server and in a real browser: lighttpd
# (mod_cgi) on 127.0.0.1 at a free port, queried with curl, and headless
# Chromium loading the page as a search form's GET would, checking the
# rendered DOM, that the Content-Security-Policy blocks nothing of ours,
# and saving screenshots (phone and desktop widths) under the build
# directory: $PASSIM_BIN/cgi-screenshots/. Fails, never skips, when the
# server or the browser cannot run.
. "$(dirname "$0")/lib.sh"

CGI="$PASSIM_BIN/passim.cgi"
IDX="$WORK/index"
SHOTS="$PASSIM_BIN/cgi-screenshots"
for tool in lighttpd curl chromium jq gzip sha256sum base64; do
  command -v "$tool" >/dev/null || { echo "FAIL $tool is not installed (scripts/deps.sh)"; exit 1; }
done
test -x "$CGI" || { echo "FAIL passim.cgi not built at $CGI"; exit 1; }

"$INDEX_BIN" --index "$IDX" --quiet "$PASSIM_SRC/corpus"
mkdir -p "$WORK/www" "$SHOTS"
cp "$CGI" "$WORK/www/passim.cgi"

# --- the server -------------------------------------------------------------
LT_PID=""
stop_server() {
  if [ -n "$LT_PID" ]; then
    kill "$LT_PID" 2>/dev/null || true
    wait "$LT_PID" 2>/dev/null || true
    LT_PID=""
  fi
}
trap 'stop_server; rm -rf "$WORK"' EXIT

# start_server PORT: write the configuration and start lighttpd; returns 0
# once it answers, 1 if it died (e.g. the port was taken).
start_server() {
  local port=$1
  cat >"$WORK/lighttpd.conf" <<EOF
server.modules = ("mod_cgi", "mod_setenv")
server.document-root = "$WORK/www"
server.bind = "127.0.0.1"
server.port = $port
server.errorlog = "$WORK/lighttpd-error.log"
server.max-request-field-size = 65535
cgi.assign = (".cgi" => "")
setenv.add-environment = ("PASSIM_INDEX" => "$IDX")
EOF
  lighttpd -D -f "$WORK/lighttpd.conf" >"$WORK/lighttpd.out" 2>&1 &
  LT_PID=$!
  for ((i = 0; i < 100; i++)); do
    if ! kill -0 "$LT_PID" 2>/dev/null; then
      wait "$LT_PID" 2>/dev/null || true
      LT_PID=""
      return 1
    fi
    curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0
    sleep 0.1
  done
  stop_server
  return 1
}

PORT=""
for ((try = 0; try < 10; try++)); do
  p=$((20000 + RANDOM % 40000))
  # Skip ports something already answers on.
  (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && continue
  if start_server "$p"; then PORT=$p; break; fi
done
if [ -z "$PORT" ]; then
  echo "FAIL lighttpd did not start"
  cat "$WORK/lighttpd.out" "$WORK/lighttpd-error.log" 2>/dev/null || true
  exit 1
fi
BASE="http://127.0.0.1:$PORT/passim.cgi"
echo "lighttpd on port $PORT"

# --- curl ---------------------------------------------------------------------
H="$WORK/h" B="$WORK/b"
get() { curl -s --max-time 60 -D "$H" -o "$B" -w '%{http_code}' "$@"; }
hdr() { sed -n "s/^$1: \\(.*\\)\\r\$/\\1/Ip" "$H"; }

check "curl: search page is 200" test "$(get "$BASE")" = 200
check "curl: search page has the form" grep -q '<form method="get"' "$B"
check "curl: strict CSP" bash -c "grep -qi \"^content-security-policy: default-src 'none'; style-src 'sha256-\" '$H'"
check "curl: Vary: Accept-Encoding" test "$(hdr Vary)" = Accept-Encoding

check "curl: a search is 200" test "$(get "$BASE?q=%22Bien+Hoa%22&per=2")" = 200
check "curl: Bien Hoa highlighted" grep -q '<mark>Bien Hoa</mark>' "$B"

# The style's hash is the one the CSP allows.
style_hash_ok() {
  local hex want
  hex=$(LC_ALL=C sed -n 's/^<style>\(.*\)<\/style>$/\1/p' "$B" | tr -d '\n' | sha256sum | cut -d' ' -f1)
  want="sha256-$(printf "$(sed 's/../\\x&/g' <<<"$hex")" | base64)"
  grep -qF "'$want'" "$H" && return 0
  echo "     the <style> hashes to $want: set PASSIM_HTML_STYLE_HASH in lib/web/html.h"
  return 1
}
check "curl: the CSP hash matches the served <style>" style_hash_ok

check "curl: JSON is 200" test "$(get "$BASE?q=%22Bien+Hoa%22&format=json")" = 200
json_ok() { jq -e '.results[0].highlights[0] | length == 2' "$B" >/dev/null; }
check "curl: JSON parses with results" json_ok

check "curl: gzip when asked" test "$(get -H 'Accept-Encoding: gzip' "$BASE?q=vietnam")" = 200
check "curl: Content-Encoding gzip" test "$(hdr Content-Encoding)" = gzip
check "curl: gzip body inflates to the page" bash -c "gzip -dc '$B' | grep -q '<mark>'"

# HEAD over a raw connection, to see every byte the server sends.
raw_head() {
  exec 3<>"/dev/tcp/127.0.0.1/$PORT"
  printf 'HEAD /passim.cgi?q=vietnam HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  timeout 30 cat <&3 >"$WORK/head.out"
  exec 3<&-
}
raw_head
check "HEAD: 200" grep -q '^HTTP/1.[01] 200 ' "$WORK/head.out"
check "HEAD: a Content-Length" grep -qi '^content-length: [1-9]' "$WORK/head.out"
check "HEAD: nothing after the headers" \
  test "$(LC_ALL=C sed -n '/^\r$/,$p' "$WORK/head.out" | wc -c)" = 2
check "curl: POST is 405" test "$(get --data 'q=vietnam' "$BASE")" = 405
check "curl: 405 names the methods" test "$(hdr Allow)" = "GET, HEAD"
check "curl: PUT is 405" test "$(get -X PUT --data x "$BASE")" = 405

# lighttpd itself refuses %00, overlong UTF-8 and CR/LF in the URL (400)
# and repairs a stray '%' into %25; a UTF-16 surrogate reaches us.
check "curl: a surrogate in UTF-8 is 400" test "$(get "$BASE?q=%ED%A0%80")" = 400
check "curl: ... with our message" grep -q 'not valid UTF-8' "$B"
check "curl: %00 is 400" test "$(get "$BASE?q=a%00b")" = 400
check "curl: absurd n is 400" test "$(get "$BASE?q=x&n=100000")" = 400
long=$(printf '%*s' 20000 '' | tr ' ' x)
check "curl: a 20 KB query string is 414" test "$(get "$BASE?zz=$long")" = 414
long=$(printf '%*s' 100000 '' | tr ' ' x)
huge_refused() { local c; c=$(get "$BASE?q=$long"); [ "$c" = 414 ] || [ "$c" = 431 ]; }
check "curl: a 100 KB query is refused (414 by us or 431 by lighttpd)" huge_refused
check "curl: script in q is escaped" test "$(get "$BASE?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")" = 200
check "curl: ... and never raw" bash -c "! grep -qi '<script' '$B' && grep -q '&lt;script&gt;' '$B'"
get "$BASE?q=x%0D%0AX-Injected:+1" >/dev/null
check "curl: CRLF in q adds no header" bash -c "! grep -qi '^x-injected' '$H'"

# --- Chromium ---------------------------------------------------------------
# browser OPTION... URL: run headless Chromium with a fresh profile; its
# log (console messages included) goes to $WORK/chrome.log.
browser() {
  rm -rf "$WORK/chrome-profile"
  HOME="$WORK/chrome-home" XDG_CONFIG_HOME="$WORK/chrome-home" XDG_CACHE_HOME="$WORK/chrome-home" \
    timeout -k 5 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
      --no-first-run --disable-background-networking --disable-component-update \
      --disable-sync --disable-dev-shm-usage --user-data-dir="$WORK/chrome-profile" --enable-logging=stderr --v=0 \
      --hide-scrollbars "$@" 2>"$WORK/chrome.log"
}
csp_quiet() { ! grep -q 'Content Security Policy' "$WORK/chrome.log"; }

# What the search form submits: GET to the page itself with q=... encoded
# as a browser encodes a form (space as '+').
FORM_URL="$BASE?q=%22Bien+Hoa%22+vietnam"
if ! browser --dump-dom "$FORM_URL" >"$WORK/dom.html"; then
  echo "FAIL chromium could not run"
  tail -20 "$WORK/chrome.log"
  failures=$((failures + 1))
  finish
  exit 1
fi
check "chromium: results rendered" grep -q '<li class="hit">' "$WORK/dom.html"
check "chromium: Bien Hoa highlighted" grep -q '<mark>Bien Hoa</mark>' "$WORK/dom.html"
check "chromium: further passages folded" grep -q '<details>' "$WORK/dom.html"
check "chromium: the query stays in the box" \
  grep -q 'value="&quot;Bien Hoa&quot; vietnam"' "$WORK/dom.html"
check "chromium: result count shown" grep -q 'articles\? matched' "$WORK/dom.html"
check "chromium: the CSP blocked nothing" csp_quiet

# A hostile query: the DOM holds no element made of it.
browser --dump-dom "$BASE?q=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E%3Cscript%3Ealert(2)%3C%2Fscript%3E" \
  >"$WORK/dom2.html"
check "chromium: hostile query makes no element" \
  bash -c "! grep -qiE '<(img|script)' '$WORK/dom2.html'"
check "chromium: hostile query shown as text" \
  grep -qF '<title>&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;' "$WORK/dom2.html"

# Screenshots at phone and desktop widths.
png_ok() { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] && [ "$(wc -c <"$1")" -gt 5000 ]; }
rm -f "$SHOTS/phone.png" "$SHOTS/desktop.png"
browser --window-size=412,915 --screenshot="$SHOTS/phone.png" "$FORM_URL&per=3" >/dev/null || true
check "chromium: phone screenshot saved" png_ok "$SHOTS/phone.png"
check "chromium: the CSP blocked nothing (phone)" csp_quiet
browser --window-size=1280,900 --screenshot="$SHOTS/desktop.png" "$FORM_URL&per=3" >/dev/null || true
check "chromium: desktop screenshot saved" png_ok "$SHOTS/desktop.png"
echo "     screenshots in $SHOTS"

stop_server
# The program's stderr lands in the server's error log.
check "server: no sanitizer report from passim.cgi" \
  bash -c "! grep -qE 'Sanitizer|runtime error:' '$WORK/lighttpd-error.log'"
finish
