#!/usr/bin/env bash
# Every example in README.md is run, so the README cannot drift from the
# programs. The examples run in README order in a temporary copy of the
# project's layout (corpus/, index/, build/ -> the build directory, and the
# small files the examples name: news/, feed.jsonl.gz, queries.tsv,
# qrels.trec), with build/ on PATH and no PASSIM_INDEX.
#
# What the README's fenced blocks mean here:
#   <!-- not run -->     on the line before a block: illustrative only (it
#                        installs, benchmarks or shows a layout); an output
#                        block right after a block not run is not run either.
#   ```sh                one command a line (`\` continues a line); each
#                        must run a passim program (build/passim-…, passim-…,
#                        passim.cgi, after optional NAME=VALUE words). It must
#                        exit 0, or N where its comment says `exit N`; a
#                        passim.cgi command must answer `Status: 200`, or NNN
#                        where its comment says `status NNN`.
#   ```http              `GET /passim.cgi?QUERY`: passim.cgi run as a CGI
#                        request on the bundled corpus's index; 200 expected.
#   ``` or ```json right after one of those (blank lines between only): the
#                        output of its last command or of the request.
#                        JSON is compared as values, each number of the
#                        output rounded to the decimals the README shows;
#                        text exactly (stdout and stderr together), except
#                        durations (`0.03 s`, `4 ms`), which vary, and
#                        trailing blank lines.
#   ``` or ```sh whose first line starts with `$ `: a transcript: each
#                        `$ COMMAND` line, then its exact output (stdout and
#                        stderr together, compared as text above).
# A failure names the README line and the command and shows a diff from
# the README (-) to what the program printed (+). PASSIM_README=FILE runs the
# examples of another file (to try the test itself on a drifted copy).
. "$(dirname "$0")/lib.sh"

README=${PASSIM_README:-$PASSIM_SRC/README.md}
P="$WORK/project"

# The project's layout, and the files the examples stand for.
mkdir -p "$P/index" "$P/news/world"
cp -r "$PASSIM_SRC/corpus" "$P/corpus"
cp "$PASSIM_SRC/index/README.md" "$P/index/README.md"
ln -s "$PASSIM_BIN" "$P/build"
cp "$PASSIM_SRC/corpus/000_d07ac7e1e3736adf.txt" "$P/news/world/ties.txt"
printf 'Harbour reopens\n\nThe harbour reopened on Monday after the storm.\n' > "$P/news/world/harbour.txt"
printf '%s\n' '{"id": "feed-1", "title": "Rail link opens", "date": "2025-11-03", "text": "The new rail link between the two cities opened today."}' \
              '{"id": "feed-2", "text": "Farmers expect a good harvest this year."}' | gzip -c > "$P/feed.jsonl.gz"
printf '1\tbien hoa airport\n2\tjoint vision statement\n3\tdioxin remediation\n' > "$P/queries.tsv"
printf '1 0 001_1a7a354f7a53d6f6.txt 1\n2 0 000_d07ac7e1e3736adf.txt 1\n3 0 001_1a7a354f7a53d6f6.txt 1\n' > "$P/qrels.trec"

# ---- parsing: README.md -> one record per example -------------------------
# For example i: EX_LINE (README line), EX_KIND (cmd | http), EX_CMD,
# EX_EXIT, EX_STATUS (passim.cgi only), EX_OUT (a file with the expected
# output, or empty), EX_OUTKIND (json | text), EX_OUTLINE.
EX_LINE=() EX_KIND=() EX_CMD=() EX_EXIT=() EX_STATUS=() EX_OUT=() EX_OUTKIND=() EX_OUTLINE=()
ERRORS=()      # README blocks the test cannot run: each a failure
not_run=0

add_example() { # LINE KIND CMD
  local line=$1 kind=$2 cmd=$3 code=0 status=""
  if [[ $cmd =~ \#[^\'\"]*exit\ ([0-9]+) ]]; then code=${BASH_REMATCH[1]}; fi
  if [ "$kind" = http ] || [[ $cmd =~ passim\.cgi ]]; then
    status=200
    if [[ $cmd =~ \#[^\'\"]*status\ ([0-9]{3}) ]]; then status=${BASH_REMATCH[1]}; fi
  fi
  EX_LINE+=("$line") EX_KIND+=("$kind") EX_CMD+=("$cmd") EX_EXIT+=("$code")
  EX_STATUS+=("$status") EX_OUT+=("") EX_OUTKIND+=("") EX_OUTLINE+=("")
}

# is_passim_command CMD: runs a passim program (NAME=VALUE words first allowed).
is_passim_command() {
  [[ $1 =~ ^([A-Za-z_][A-Za-z0-9_]*=[^[:space:]]*[[:space:]]+)*(build/)?passim(-index|-search|-eval|\.cgi)([[:space:]]|$) ]]
}

# accept_command LINE CMD: add CMD as an example, or record why it cannot be
# run. Returns 1 when it is not added.
accept_command() {
  if ! is_passim_command "$2"; then
    ERRORS+=("README.md:$1: \`$2\` runs no passim program: put <!-- not run --> before its block, or make it one")
  elif [[ ${2%%#*} =~ (^|[[:space:]=])/ ]]; then
    ERRORS+=("README.md:$1: \`$2\` names an absolute path: examples are run, so they use paths inside the project")
  else
    add_example "$1" cmd "$2"
    return 0
  fi
  return 1
}

# Block handlers: the block's lines are in BLOCK[], its first line BLOCK_LINE.
handle_sh() {
  local i=0 n=${#BLOCK[@]} cmd line
  while [ $i -lt $n ]; do
    line=$((BLOCK_LINE + i)); cmd=${BLOCK[$i]}
    while [[ $cmd == *\\ ]] && [ $((i + 1)) -lt $n ]; do
      i=$((i + 1)); cmd="${cmd%\\}${BLOCK[$i]}"
    done
    i=$((i + 1))
    [[ $cmd =~ ^[[:space:]]*(#.*)?$ ]] && continue
    accept_command "$line" "$cmd" || true
  done
}

handle_http() {
  local req=${BLOCK[0]:-}
  if [ ${#BLOCK[@]} -eq 1 ] && [[ $req =~ ^GET\ /passim\.cgi(\?(.*))?$ ]]; then
    add_example "$BLOCK_LINE" http "${BASH_REMATCH[2]}"
  else
    ERRORS+=("README.md:$BLOCK_LINE: an http block must be one line, GET /passim.cgi?QUERY")
  fi
}

handle_transcript() {
  local i out="" last
  for ((i = 0; i < ${#BLOCK[@]}; i++)); do
    if [[ ${BLOCK[$i]} == '$ '* ]]; then
      out="$WORK/rejected"
      if accept_command "$((BLOCK_LINE + i))" "${BLOCK[$i]#\$ }"; then
        last=$((${#EX_LINE[@]} - 1))
        out="$WORK/expected.$last"
        EX_OUT[$last]=$out EX_OUTKIND[$last]=text EX_OUTLINE[$last]=$((BLOCK_LINE + i + 1))
      fi
      : > "$out"
    elif [ -n "$out" ]; then
      printf '%s\n' "${BLOCK[$i]}" >> "$out"
    else
      ERRORS+=("README.md:$((BLOCK_LINE + i)): a transcript must start with a \$ COMMAND line")
      return
    fi
  done
}

# An output block: the output of the example just before (PENDING = its
# index, set while only blank lines separate the two blocks).
handle_output() { # KIND
  if [ -z "$PENDING" ]; then
    ERRORS+=("README.md:$BLOCK_LINE: an output block that follows no command: put the command in a sh block just before it, or <!-- not run --> before it")
    return
  fi
  local out="$WORK/expected.$PENDING"
  printf '%s\n' "${BLOCK[@]}" > "$out"
  EX_OUT[$PENDING]=$out EX_OUTKIND[$PENDING]=$1 EX_OUTLINE[$PENDING]=$BLOCK_LINE
}

parse_readme() {
  local lineno=0 in_block=0 lang="" skip=0 skipped_prev=0 text
  PENDING=""
  while IFS= read -r text || [ -n "$text" ]; do
    lineno=$((lineno + 1))
    if [ $in_block = 0 ]; then
      if [[ $text =~ ^\`\`\`([A-Za-z0-9_-]*)[[:space:]]*$ ]]; then
        in_block=1 lang=${BASH_REMATCH[1]} BLOCK=() BLOCK_LINE=$((lineno + 1))
      elif [[ $text =~ ^[[:space:]]*\<!--\ not\ run\ --\>[[:space:]]*$ ]]; then
        skip=1
      elif [[ ! $text =~ ^[[:space:]]*$ ]]; then
        PENDING="" skipped_prev=0 skip=0
      fi
      continue
    fi
    if [[ $text =~ ^\`\`\`[[:space:]]*$ ]]; then
      in_block=0
      local first=${BLOCK[0]:-}
      local is_output=0
      { [ "$lang" = json ] || { [ -z "$lang" ] && [[ $first != '$ '* ]]; }; } && is_output=1
      if [ $skip = 1 ] || { [ $is_output = 1 ] && [ $skipped_prev = 1 ]; }; then
        not_run=$((not_run + 1)); skip=0; skipped_prev=1; PENDING=""
        continue
      fi
      skipped_prev=0
      local before=${#EX_LINE[@]}
      case "$lang" in
        sh|http)
          PENDING=""
          if [ "$lang" = sh ] && [[ $first == '$ '* ]]; then
            handle_transcript
          else
            "handle_$lang"
            [ ${#EX_LINE[@]} -gt "$before" ] && PENDING=$((${#EX_LINE[@]} - 1))
          fi ;;
        json|"")
          if [ $is_output = 1 ]; then handle_output "$([ "$lang" = json ] && echo json || echo text)"
          else handle_transcript
          fi
          PENDING="" ;;
        *) ERRORS+=("README.md:$BLOCK_LINE: a \`\`\`$lang block: the test runs sh, http, json and plain blocks; put <!-- not run --> before it")
           PENDING="" ;;
      esac
      continue
    fi
    BLOCK+=("$text")
  done < "$README"
  [ $in_block = 0 ] || ERRORS+=("README.md: a code block is not closed")
}

# ---- running ----------------------------------------------------------------
# Durations masked, trailing blank lines dropped.
mask_durations() {
  sed -E 's/[0-9]+(\.[0-9]+)? (s|ms)\b/<duration> \2/g' "$1" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
}

# The actual JSON, each number rounded to the decimals of the README's
# number at the same place; then both pretty-printed with sorted keys.
cat > "$WORK/fit.jq" <<'EOF'
def decimals: tostring | if test("^-?[0-9]+\\.[0-9]+$") then split(".")[1] | length else 0 end;
def fit($e):
  if type == "number" and ($e | type) == "number" then
    (pow(10; $e | decimals)) as $m | (. * $m | round) / $m
  elif type == "object" and ($e | type) == "object" then
    . as $o | reduce keys_unsorted[] as $k ({}; .[$k] = ($o[$k] | fit($e[$k])))
  elif type == "array" and ($e | type) == "array" then
    . as $a | [range(0; length) | . as $i | $a[$i] | fit($e[$i])]
  else . end;
$a[0] | fit($e[0])
EOF

# shown I: the example as the README writes it.
shown() {
  if [ "${EX_KIND[$1]}" = http ]; then echo "GET /passim.cgi?${EX_CMD[$1]}"; else echo "${EX_CMD[$1]}"; fi
}

# report_drift I EXPECTED ACTUAL: print the diff, README (-) to program (+).
report_drift() {
  echo "  README.md:${EX_LINE[$1]}: the output of \`$(shown "$1")\` drifted from the README's block at line ${EX_OUTLINE[$1]}:"
  diff -u --label "README.md:${EX_OUTLINE[$1]}" --label "printed now" "$2" "$3" | sed 's/^/    /'
}

compare_output() { # I ACTUAL_FILE
  local i=$1 act=$2 e="$WORK/e.$1" a="$WORK/a.$1"
  if [ "${EX_OUTKIND[$i]}" = json ]; then
    if ! jq -S . "${EX_OUT[$i]}" > "$e" 2>/dev/null; then
      echo "  README.md:${EX_OUTLINE[$i]}: the README's JSON block does not parse"
      return 1
    fi
    if [ ! -s "$act" ]; then
      echo "  README.md:${EX_LINE[$i]}: \`$(shown "$i")\` printed nothing on stdout; the README shows JSON at line ${EX_OUTLINE[$i]}"
      return 1
    fi
    if ! jq -S . "$act" > /dev/null 2>&1; then
      echo "  README.md:${EX_LINE[$i]}: \`$(shown "$i")\` did not print JSON:"
      sed 's/^/    /' "$act" | head -20
      return 1
    fi
    jq -S -n --slurpfile e "${EX_OUT[$i]}" --slurpfile a "$act" -f "$WORK/fit.jq" > "$a"
  else
    mask_durations "${EX_OUT[$i]}" > "$e"
    mask_durations "$act" > "$a"
  fi
  cmp -s "$e" "$a" || { report_drift "$i" "$e" "$a"; return 1; }
}

run_example() { # I
  local i=$1 out="$WORK/out.$1" err="$WORK/err.$1" rc ok=0
  if [ "${EX_KIND[$i]}" = http ]; then
    (cd "$P" && env -u PASSIM_INDEX PASSIM_INDEX="$P/index" REQUEST_METHOD=GET \
       QUERY_STRING="${EX_CMD[$i]}" GATEWAY_INTERFACE=CGI/1.1 SCRIPT_NAME=/passim.cgi \
       build/passim.cgi) > "$out.raw" 2> "$err"
    rc=$?
    sed '1,/^\r\{0,1\}$/d' "$out.raw" > "$out"
    cp "$out.raw" "$out.headers"
  elif [ "${EX_OUTKIND[$i]}" = text ]; then
    (cd "$P" && env -u PASSIM_INDEX PATH="$P/build:$PATH" bash -c "${EX_CMD[$i]}") > "$out" 2>&1
    rc=$?
    cp "$out" "$out.headers"
  else
    (cd "$P" && env -u PASSIM_INDEX PATH="$P/build:$PATH" bash -c "${EX_CMD[$i]}") > "$out" 2> "$err"
    rc=$?
    cp "$out" "$out.headers"
  fi
  if [ "$rc" != "${EX_EXIT[$i]}" ]; then
    echo "  README.md:${EX_LINE[$i]}: \`$(shown "$i")\` exited $rc, the README says ${EX_EXIT[$i]}"
    ok=1
  fi
  if [ -n "${EX_STATUS[$i]}" ] && ! head -1 "$out.headers" | grep -q "^Status: ${EX_STATUS[$i]}"; then
    echo "  README.md:${EX_LINE[$i]}: \`$(shown "$i")\` answered '$(head -1 "$out.headers" | tr -d '\r')', the README expects ${EX_STATUS[$i]}"
    ok=1
  fi
  if [ $ok != 0 ] && [ -s "$err" ]; then
    echo "  its stderr:"; sed 's/^/    /' "$err" | head -20
  fi
  if [ -n "${EX_OUT[$i]}" ]; then
    compare_output "$i" "$out" || ok=1
  fi
  return $ok
}

BLOCK=() BLOCK_LINE=0
parse_readme
for e in "${ERRORS[@]}"; do
  check "$e" false
done
check "README.md has examples to run (and $not_run blocks marked not run)" test "${#EX_LINE[@]}" -gt 0
for ((i = 0; i < ${#EX_LINE[@]}; i++)); do
  label="README.md:${EX_LINE[$i]}: $(shown "$i")"
  [ -n "${EX_OUT[$i]}" ] && label="$label (output: README.md:${EX_OUTLINE[$i]})"
  check "$label" run_example "$i"
done
finish
