#!/usr/bin/env bash
# One 15 MiB article that is a single sentence: every answer that shows
# its passage stays small (the shown text is cut past 2,000 bytes around
# the matched words, with ellipses), and the matched words stay
# highlighted at the right offsets.
. "$(dirname "$0")/lib.sh"

C="$WORK/corpus"
IDX="$WORK/index"
mkdir -p "$C"
# 15 MiB of words, no sentence end; "quagga" near the start and the end.
python3 - "$C/huge.txt" <<'PY'
import sys
words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]
out = ["Huge headline here", "", "Start of the text with quagga in it"]
size, i = 0, 0
body = []
while size < 15 * 1024 * 1024:
    w = words[i % 6]
    body.append(w)
    size += len(w) + 1
    i += 1
body[len(body) - 5] = "quagga"
out.append(" ".join(body))
with open(sys.argv[1], "w") as f:
    f.write("\n".join(out[:2]) + "\n" + out[2] + " " + out[3] + "\n")
PY
printf 'Small story\n\nA short passage about the quagga stays whole.\n' > "$C/small.txt"
"$INDEX_BIN" --index "$IDX" "$C" >"$WORK/out" 2>"$WORK/err" || { cat "$WORK/err"; exit 1; }
cat "$WORK/err"

"$SEARCH_BIN" --index "$IDX" --json --per-article 3 quagga > "$WORK/json"
bytes=$(wc -c < "$WORK/json")
echo "JSON answer: $bytes bytes"
check "JSON answer under 12 KB" test "$bytes" -lt 12000
huge_text() { jq -r '.results[] | select(.id == "huge.txt") | .text' "$WORK/json"; }
check "the huge passage is shown" test -n "$(huge_text)"
check "shown text at most 2,000 bytes plus ellipses" \
  test "$(huge_text | head -1 | wc -c)" -le 2200
check "shown text cut with an ellipsis" grep -q '…' <<<"$(huge_text)"
# Both quagga of the huge article highlighted at the right byte offsets.
spans_ok() {
  local text n i s e word
  n=$(jq '[.results[] | select(.id == "huge.txt") | .highlights[]] | length' "$WORK/json")
  [ "$n" -ge 2 ] || return 1
  text=$(huge_text)
  for i in $(seq 0 $((n - 1))); do
    s=$(jq ".results[] | select(.id == \"huge.txt\") | .highlights[$i][0]" "$WORK/json")
    e=$(jq ".results[] | select(.id == \"huge.txt\") | .highlights[$i][1]" "$WORK/json")
    word=$(byte_slice "$text" "$s" "$e")
    [ "$word" = quagga ] || { echo "highlight $i is '$word'"; return 1; }
  done
}
check "both matched words kept and highlighted exactly" spans_ok
check "a short passage is shown whole" \
  test "$(jq -r '.results[] | select(.id == "small.txt") | .text' "$WORK/json")" = \
       "A short passage about the quagga stays whole."

"$SEARCH_BIN" --index "$IDX" --per-article 3 quagga > "$WORK/text"
bytes=$(wc -c < "$WORK/text")
echo "text answer: $bytes bytes"
check "text answer under 12 KB" test "$bytes" -lt 12000

PASSIM_INDEX="$IDX" "$PASSIM_BIN/passim.cgi" q=quagga > "$WORK/html"
bytes=$(wc -c < "$WORK/html")
echo "HTML answer: $bytes bytes"
check "HTML answer is a page" grep -q '<html' "$WORK/html"
check "HTML answer under 40 KB" test "$bytes" -lt 40000
check "HTML answer highlights quagga" grep -q 'quagga</' "$WORK/html"

PASSIM_INDEX="$IDX" "$PASSIM_BIN/passim.cgi" q=quagga format=json > "$WORK/cgijson"
bytes=$(wc -c < "$WORK/cgijson")
echo "CGI JSON answer: $bytes bytes"
check "CGI JSON answer under 12 KB" test "$bytes" -lt 12000

finish
