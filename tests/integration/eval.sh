#!/usr/bin/env bash
# passim-eval on the hand-made files of tests/data/eval: the printed
# metrics, the JSON object, and the answers to bad input.
. "$(dirname "$0")/lib.sh"

EVAL_BIN="$PASSIM_BIN/passim-eval"
DATA="$PASSIM_SRC/tests/data/eval"
QRELS="$DATA/qrels.txt"

# value NAME TEXT: the value of row NAME of passim-eval's summary table.
value() { awk -v n="$1" '$1 == n { print $2; exit }' <<<"$2"; }

# --- run.txt, worked out by hand --------------------------------------------
# Query 1 (R = 2: business/001 rel 2, business/002 rel 1; sport/003 rel 0)
#   ranked 002 (rel 1), 003 (0), 001 (rel 2):
#   AP = (1/1 + 2/3)/2 = .8333;  P@10 = 2/10;  R@1000 = 1
#   nDCG@10 = (1/log2 2 + 2/log2 4) / (2/log2 2 + 1/log2 3) = 2/2.6309 = .7602
# Query 2 (R = 1): retrieves two unjudged documents: every metric 0.
# Query 3 (R = 2): absent from the run: 0 by default.
# Query 4: judged, nothing relevant: not evaluated. Query 5: run only: ignored.
# Default, 3 queries: MAP .8333/3 = .2778, P@10 .2/3 = .0667,
#   nDCG .7602/3 = .2534, R@1000 1/3 = .3333.
# --run-queries, queries 1 and 2: MAP .4167, P@10 .1000, nDCG .3801, R .5000.
out=$("$EVAL_BIN" "$QRELS" "$DATA/run.txt")
check "default: map" test "$(value map "$out")" = 0.2778
check "default: P_10" test "$(value P_10 "$out")" = 0.0667
check "default: ndcg_cut_10" test "$(value ndcg_cut_10 "$out")" = 0.2534
check "default: recall_1000" test "$(value recall_1000 "$out")" = 0.3333
check "default: 3 queries, 1 missing, 1 ignored" \
  test "$(value num_q "$out") $(value missing "$out") $(value ignored "$out")" = "3 1 1"
check "default: 5 retrieved, 5 relevant, 2 relevant retrieved" \
  test "$(value num_ret "$out") $(value num_rel "$out") $(value num_rel_ret "$out")" = "5 5 2"

out=$("$EVAL_BIN" --run-queries "$QRELS" "$DATA/run.txt")
check "run queries: map" test "$(value map "$out")" = 0.4167
check "run queries: P_10" test "$(value P_10 "$out")" = 0.1000
check "run queries: ndcg_cut_10" test "$(value ndcg_cut_10 "$out")" = 0.3801
check "run queries: recall_1000" test "$(value recall_1000 "$out")" = 0.5000
check "run queries: 2 queries, none missing" \
  test "$(value num_q "$out") $(value missing "$out")" = "2 0"

# --per-query: one row a query, the missing one flagged.
out=$("$EVAL_BIN" --per-query "$QRELS" "$DATA/run.txt")
row() { awk -v q="$1" '$1 == q { print $2, $3, $4, $5; exit }' <<<"$out"; }
check "per query: query 1 row" test "$(row 1)" = "0.8333 0.2000 0.7602 1.0000"
check "per query: query 2 row" test "$(row 2)" = "0.0000 0.0000 0.0000 0.0000"
check "per query: query 3 marked not in run" grep -q '^3 .*(not in run)' <<<"$out"
check "per query: no row for unevaluated queries 4 and 5" \
  test -z "$(row 4)$(row 5)"

# The run read from standard input gives the same numbers.
out=$("$EVAL_BIN" "$QRELS" - <"$DATA/run.txt")
check "stdin run: map" test "$(value map "$out")" = 0.2778

# --- JSON ------------------------------------------------------------------
json=$("$EVAL_BIN" --json --per-query "$QRELS" "$DATA/run.txt")
jround() { jq -r "$1 * 10000 | round" <<<"$json"; }
check "json: map" test "$(jround .metrics.map)" = 2778
check "json: P_10" test "$(jround .metrics.P_10)" = 667
check "json: ndcg_cut_10" test "$(jround .metrics.ndcg_cut_10)" = 2534
check "json: recall_1000" test "$(jround .metrics.recall_1000)" = 3333
check "json: counts" \
  test "$(jq -c '[.num_q, .missing, .ignored, .duplicates]' <<<"$json")" = "[3,1,1,0]"
check "json: queries key says qrels" test "$(jq -r .queries <<<"$json")" = qrels
check "json: per_query ids in order" \
  test "$(jq -c '[.per_query[].qid]' <<<"$json")" = '["1","2","3"]'
check "json: query 1 AP" test "$(jround '.per_query[0].map')" = 8333
check "json: query 3 not in run" \
  test "$(jq '.per_query[2].in_run' <<<"$json")" = false
json=$("$EVAL_BIN" --json "$QRELS" "$DATA/run.txt")
check "json: no per_query without --per-query" \
  test "$(jq 'has("per_query")' <<<"$json")" = false

# --- ties and duplicates (run-ties-dups.txt) --------------------------------
# Query 1: 001 and 002 tie at 5.0; docid descending puts 002 (rel 1) first,
#   001 (rel 2) second; 001 listed again at 9.0 on line 3 is ignored.
#   AP = 1, P@10 = .2, nDCG = (1 + 2/log2 3)/(2 + 1/log2 3) = .8597
#   (1.0 if line 3 or the rank column decided the order).
# Queries 2 and 3: perfect, P@10 .1 and .2.
# MAP 1, P@10 .5/3 = .1667, nDCG (.8597 + 2)/3 = .9532, R@1000 1.
out=$("$EVAL_BIN" "$QRELS" "$DATA/run-ties-dups.txt" 2>"$WORK/err")
check "ties: map" test "$(value map "$out")" = 1.0000
check "ties: P_10" test "$(value P_10 "$out")" = 0.1667
check "ties: ndcg_cut_10" test "$(value ndcg_cut_10 "$out")" = 0.9532
check "ties: one duplicate counted" test "$(value duplicates "$out")" = 1
check "ties: warning names file:line of the duplicate" \
  grep -q 'run-ties-dups.txt:3: .*first at line 1' "$WORK/err"

# --- bad input: exit codes and file:line ------------------------------------
# expect CODE PATTERN ARGS...: passim-eval ARGS exits CODE, stderr matches.
expect() {
  local want=$1 pattern=$2 code=0
  shift 2
  "$EVAL_BIN" "$@" >/dev/null 2>"$WORK/err" || code=$?
  [ "$code" = "$want" ] && grep -q -- "$pattern" "$WORK/err"
}
check "non-numeric score: exit 2 with file:line" \
  expect 2 'run-bad-score.txt:2: score' "$QRELS" "$DATA/run-bad-score.txt"
check "missing field: exit 2 with file:line" \
  expect 2 'run-missing-field.txt:3: 4 fields' "$QRELS" "$DATA/run-missing-field.txt"
check "non-numeric relevance: exit 2 with file:line" \
  expect 2 'qrels-bad-rel.txt:2: relevance' "$DATA/qrels-bad-rel.txt" "$DATA/run.txt"
check "missing run file: exit 3" expect 3 'no-such-run' "$QRELS" "$WORK/no-such-run"
check "missing qrels file: exit 3" expect 3 'no-such-qrels' "$WORK/no-such-qrels" "$DATA/run.txt"
check "one argument: one-line usage error, exit 2" expect 2 'expected QRELS and RUN' "$QRELS"
check "unknown option: one-line usage error, exit 2" expect 2 "unknown option '--bogus'" --bogus "$QRELS" "$DATA/run.txt"

# An over-long line (past the 4096-byte limit) and a binary (gzip) file.
{ printf '1 Q0 d 1 1 '; head -c 5000 /dev/zero | tr '\0' t; echo; } >"$WORK/long.txt"
check "over-long line: exit 2 with file:line" \
  expect 2 'long.txt:1: line longer than 4096' "$QRELS" "$WORK/long.txt"
gzip -c -n "$QRELS" >"$WORK/binary.txt"
check "binary run: exit 2, no crash" expect 2 'binary.txt:' "$QRELS" "$WORK/binary.txt"

finish
