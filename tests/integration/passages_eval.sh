#!/usr/bin/env bash
# The judged passage collection (tests/data/passages) and its benchmark
# (bench/passages.sh): the collection is sound (every judged fragment is in
# its article's text, BBC rows included when ../shared/corpora/bbc.tar.xz is
# there), and a run on the seed questions prints well-formed metrics. No
# quality threshold is asserted: that is the benchmark's job, not a test's.
. "$(dirname "$0")/lib.sh"

BENCH="$PASSIM_SRC/bench/passages.sh"
QUESTIONS="$PASSIM_SRC/tests/data/passages/questions.tsv"
SHARED="${PASSIM_SHARED:-$PASSIM_SRC/../shared}"
export PASSIM_SHARED="$SHARED"

# --- the collection ------------------------------------------------------------
set +e
check_out=$(bash "$BENCH" --check --work "$WORK/check" 2>&1)
check_rc=$?
set -e
echo "$check_out" | sed 's/^/     /'
check "collection check exits 0" test "$check_rc" = 0
check "collection check reports no problems" grep -q '; 0 problems$' <<<"$check_out"
if [ -f "$SHARED/corpora/bbc.tar.xz" ]; then
  check "BBC judgments were checked too" \
    bash -c '! grep -q "BBC judgments skipped" <<<"$1"' _ "$check_out"
fi

# The checker catches a fragment that is not in its article, and an article
# that holds a judged fragment without being judged itself.
{
  printf 'qid\tquery\tgrade\tid\tfragment\n'
  printf 'x1\tMetal Shark\t2\t004_13a7ffee45129fbc.txt\tthis sentence is not in the article at all\n'
  printf 'x2\tVietnam War\t2\t000_d07ac7e1e3736adf.txt\tthe Vietnam War\n'
} >"$WORK/bad.tsv"
set +e
bad_out=$(bash "$BENCH" --check --questions "$WORK/bad.tsv" --shared "$WORK/none" \
  --work "$WORK/check-bad" 2>&1)
bad_rc=$?
set -e
check "a broken collection fails the check" test "$bad_rc" = 1
check "a missing fragment is reported" grep -q '^FAIL x1: not in 004_' <<<"$bad_out"
check "a short fragment is reported" grep -q '^FAIL row 2: fragment of 3 words' <<<"$bad_out"
check "an unjudged article holding a fragment is reported" \
  grep -q '^FAIL x2: 00[0-9]_[0-9a-f]*\.txt (not judged) also contains' <<<"$bad_out"

# --- a run on the seed questions -----------------------------------------------
nseed=$(awk -F'\t' '/^#/ || $1 == "qid" || NF < 5 { next }
                    { q[$1] = 1; if (index($4, "/")) b[$1] = 1 }
                    END { for (k in q) if (!(k in b)) n++; print n + 0 }' "$QUESTIONS")
check "there are seed questions" test "$nseed" -ge 10

run() { bash "$BENCH" --build "$PASSIM_BIN" --seeds-only --index "$WORK/index" \
          --work "$WORK/run" "$@"; }
set +e
out=$(run --verbose --run "$WORK/run1.tsv" 2>"$WORK/run.err")
rc=$?
set -e
check "seeds-only run exits 0" test "$rc" = 0
[ "$rc" = 0 ] || cat "$WORK/run.err"
summary=$(tail -n 1 <<<"$out")
echo "     $summary"
num='(0|1)\.[0-9]{4}'
check "summary line is well-formed" grep -Eq \
  "^questions=[0-9]+ success@1=$num success@3=$num mrr=$num direct@1=$num found@10=$num words@1=[0-9]+\.[0-9] options=\"\"\$" \
  <<<"$summary"

metric() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$summary"; }
check "every seed question was asked" test "$(sed -n 's/^questions=\([0-9]*\).*/\1/p' <<<"$summary")" = "$nseed"
check "success@1 is a number in [0,1]" \
  awk -v v="$(metric success@1)" 'BEGIN { exit !(v != "" && v >= 0 && v <= 1) }'
# Invariants of the definitions, whatever the ranking does.
check "success@1 <= mrr <= found@10 and success@1 <= success@3 <= found@10" \
  awk -v s1="$(metric success@1)" -v s3="$(metric success@3)" -v m="$(metric mrr)" \
      -v f="$(metric found@10)" -v d="$(metric direct@1)" \
      'BEGIN { exit !(s1 <= m && m <= f && s1 <= s3 && s3 <= f && d <= s1) }'
check "one verbose line per question" \
  test "$(grep -c '^s[0-9]* *first=' <<<"$out")" = "$nseed"
check "run file is well-formed" awk -F'\t' '
  NF != 8 || $2 !~ /^([1-9]|10)$/ || $4 !~ /^[0-9]+$/ || $5 !~ /^[1-9][0-9]*$/ ||
  $7 !~ /^[012]$/ || $8 !~ /^[1-9][0-9]*$/ { bad = 1 } END { exit bad || NR == 0 }' "$WORK/run1.tsv"

# The same run again changes nothing; options pass through to passim-search.
set +e
again=$(run --compare "$WORK/run1.tsv" 2>>"$WORK/run.err" | tail -n 1)
opts=$(run --passage-words 30 --top 5 --article-weight 0.5 2>>"$WORK/run.err" | tail -n 1)
bad_opt_rc=$(run --no-such-option >/dev/null 2>&1; echo $?)
set -e
check "a repeated run has the same top 3 everywhere" grep -q ' top3_changed=0 ' <<<"$again"
check "passim-search options pass through" \
  grep -q 'options="--passage-words 30 --top 5 --article-weight 0.5"$' <<<"$opts"
check "a bad passim-search option fails the run" test "$bad_opt_rc" = 1

# The full run (seeds and BBC: two corpus roots, so every id carries its
# root's label) still matches the judged ids: some passage in a top 10 is
# judged. Not a quality bar: a broken id mapping gives found@10=0.0000.
if [ -f "$SHARED/corpora/bbc.tar.xz" ]; then
  set +e
  full=$(bash "$BENCH" --build "$PASSIM_BIN" --work "$WORK/full" 2>>"$WORK/run.err" | tail -n 1)
  set -e
  echo "     $full"
  check "the full run finds judged passages (ids of two roots mapped)" \
    awk -v v="$(sed -n 's/.* found@10=\([0-9.]*\).*/\1/p' <<<"$full")" 'BEGIN { exit !(v != "" && v > 0) }'
fi

finish
