#!/usr/bin/env bash
# Usage errors of the three programs: a table of bad invocations, each
# answered with exit 2 and exactly two lines on stderr — one naming the
# problem, then "Try 'PROG --help'." — and nothing on stdout (never the
# whole help).
. "$(dirname "$0")/lib.sh"

EVAL_BIN="$PASSIM_BIN/passim-eval"
"$INDEX_BIN" --index "$WORK/index" --quiet "$PASSIM_SRC/corpus"
export PASSIM_INDEX="$WORK/index"

# usage NAME PROG EXPECTED_FIRST_LINE ARGS...: exit 2, the expected first
# line, the "Try" line, nothing else.
usage() {
  local name=$1 prog=$2 want=$3; shift 3
  local bin rc=0
  case $prog in
    passim-search) bin=$SEARCH_BIN ;;
    passim-index) bin=$INDEX_BIN ;;
    passim-eval) bin=$EVAL_BIN ;;
  esac
  "$bin" "$@" >"$WORK/out" 2>"$WORK/err" || rc=$?
  local ok=1
  [ "$rc" -eq 2 ] || { echo "  exit $rc, want 2"; ok=0; }
  [ ! -s "$WORK/out" ] || { echo "  stdout not empty"; ok=0; }
  [ "$(wc -l <"$WORK/err")" -eq 2 ] || { echo "  stderr has $(wc -l <"$WORK/err") lines"; ok=0; }
  [ "$(sed -n 1p "$WORK/err")" = "$prog: $want" ] ||
    { echo "  first line: $(sed -n 1p "$WORK/err")"; ok=0; }
  [ "$(sed -n 2p "$WORK/err")" = "Try '$prog --help'." ] ||
    { echo "  second line: $(sed -n 2p "$WORK/err")"; ok=0; }
  check "$name" test "$ok" -eq 1
}

S=passim-search
usage "unknown long option" $S "unknown option '--frobnicate'" --frobnicate q
usage "unknown short option" $S "unknown option '-x'" -x q
usage "missing value" $S "option '--index' needs a value" q --index
usage "value to a flag" $S "option '--json' takes no value" --json=yes q
usage "no query" $S "no query given"
usage "limit 0" $S "--limit takes a whole number from 1 to 1000" --limit 0 q
usage "limit too large" $S "--limit takes a whole number from 1 to 1000" --limit 1001 q
usage "limit not a number" $S "--limit takes a whole number from 1 to 1000" --limit ten q
usage "limit 0 in batch" $S "--limit takes a whole number from 1 to 1000" --limit 0 --batch /dev/null
usage "offset too large" $S "--offset takes a whole number from 0 to 10000" --offset 10001 q
usage "passage-words 0" $S "--passage-words takes a whole number from 1 to 1000" --passage-words 0 q
usage "per-article 0" $S "--per-article takes a whole number from 1 to 100" --per-article 0 q
usage "top 0" $S "--top takes a whole number from 1 to 10000" --top 0 q
usage "unknown scheme" $S \
  "--weighting: unknown scheme; one of ineb2, bm25, bm25+, ifb2, inl2, pl2, dlh, tfidf" \
  --weighting okapi q
usage "scheme parameter count" $S "--weighting bm25 takes 5 parameters, or none" \
  --weighting bm25:1.2 q
usage "scheme without parameters" $S "--weighting dlh takes no parameters" \
  --weighting dlh:1 q
usage "negative scheme parameter" $S "--weighting parameters are numbers from 0 to 1000000" \
  --weighting ineb2:-1 q
usage "malformed scheme" $S \
  "--weighting takes NAME[:P1,P2,...] with NAME one of ineb2, bm25, bm25+, ifb2, inl2, pl2, dlh, tfidf" \
  --weighting bm25:x q
usage "bad --by" $S "--by takes article or passage" --by chapter q
usage "bad --color" $S "--color takes auto, always or never" --color pink q
usage "bad title boost" $S "--title-boost takes a number from 0 to 100" --title-boost -1 q

usage "unknown language" $S "unknown language 'klingon'" --language klingon q
usage "index: unknown language" passim-index "unknown language 'klingon'" \
  --index "$WORK/lang-index" --language klingon "$PASSIM_SRC/corpus"
usage "index: unknown option" passim-index "unknown option '--nope'" --nope
usage "index: missing value" passim-index "option '--jobs' needs a value" --jobs
usage "index: jobs out of range" passim-index "--jobs takes 1 to 4" --jobs 0
usage "index: compact with a corpus" passim-index "--compact takes no corpus and no --rebuild" \
  --compact corpus
usage "eval: unknown option" passim-eval "unknown option '--trec'" --trec a b
usage "eval: operands" passim-eval "expected QRELS and RUN" only-one

# Compacting an index that is not there is exit 3 and creates nothing.
set +e
"$INDEX_BIN" --compact --index "$WORK/no-index" 2>/dev/null
rc=$?
set -e
check "compact of a missing index: exit 3" test "$rc" = 3
check "compact of a missing index leaves no directory" test ! -e "$WORK/no-index"

# The valid edges still work.
check "limit 1 works" sh -c '"$0" --limit 1 Hegseth | grep -q "^1\. "' "$SEARCH_BIN"
check "scheme with its parameters works" \
  sh -c '"$0" --weighting bm25:1.2,0,1,0.5,0.5 --limit 1 Hegseth >/dev/null' "$SEARCH_BIN"
check "help still prints the help" sh -c '"$0" --help | grep -q "^Usage: passim-search"' "$SEARCH_BIN"
finish
