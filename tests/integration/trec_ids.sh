#!/usr/bin/env bash
# TREC runs with article ids that hold a space, a tab, a newline or '%':
# --batch writes each id as one escaped field (evaluate.h: %XX for space,
# control characters, '%' and bytes that are not UTF-8), and passim-eval
# reads them back, decoding run and qrels ids the same way.
. "$(dirname "$0")/lib.sh"

EVAL_BIN="$PASSIM_BIN/passim-eval"
C="$WORK/corpus"
mkdir -p "$C"
printf 'Zebra crossing\n\nThe zebra crossing plan was approved by the council.\n' >"$C/with space.txt"
printf 'Zebra herds\n\nA zebra herd crossed the river at dawn.\n' >"$C/new
line.txt"
printf 'Zebra stripes\n\nWhy the zebra has stripes is still debated.\n' >"$C/100%.txt"
printf 'Zebra tab\n\nThe zebra keeper spoke about the zebra.\n' >"$C/tab	bed.txt"
printf 'Lions\n\nLions rest in the shade.\n' >"$C/lion.txt"
"$INDEX_BIN" --index "$WORK/index" --quiet "$C"

printf '1\tzebra\n2\tlions\n' >"$WORK/queries.tsv"
"$SEARCH_BIN" --index "$WORK/index" --batch "$WORK/queries.tsv" --trec t1 >"$WORK/run.trec"
cat "$WORK/run.trec"

check "5 run lines (4 zebra, 1 lion)" test "$(wc -l <"$WORK/run.trec")" -eq 5
check "every line has 6 fields" awk 'NF != 6 { bad = 1 } END { exit bad }' "$WORK/run.trec"
check "space escaped" grep -q '^1 Q0 with%20space\.txt ' "$WORK/run.trec"
check "newline escaped" grep -q '^1 Q0 new%0Aline\.txt ' "$WORK/run.trec"
check "tab escaped" grep -q '^1 Q0 tab%09bed\.txt ' "$WORK/run.trec"
check "percent escaped" grep -q '^1 Q0 100%25\.txt ' "$WORK/run.trec"
check "plain id unchanged" grep -q '^2 Q0 lion\.txt 1 ' "$WORK/run.trec"

# Judgments written with escaped ids, one of them with an escape the run
# does not use (%61 is 'a', lower-case hex digits): they match the run.
cat >"$WORK/qrels" <<'QRELS'
1 0 with%20space.txt 1
1 0 new%0aline.txt 1
1 0 100%25.txt 1
1 0 t%61b%09bed.txt 1
2 0 lion.txt 1
QRELS
out=$("$EVAL_BIN" "$WORK/qrels" "$WORK/run.trec")
echo "$out"
value() { awk -v n="$1" '$1 == n { print $2; exit }' <<<"$out"; }
check "eval reads the run" test -n "$out"
check "every judged article found: map 1" test "$(value map)" = 1.0000
check "5 relevant retrieved" test "$(value num_rel_ret)" = 5
check "no duplicates" test "$(value duplicates)" = 0

# A qrels id that the escape cannot confuse: "100%" unescaped in the qrels
# is the same article as the run's 100%25 (a '%' without two hex digits
# stands for itself).
printf '1 0 100%%.txt 1\n' >"$WORK/qrels2"
out=$("$EVAL_BIN" "$WORK/qrels2" "$WORK/run.trec")
check "literal %% in qrels matches %%25" test "$(value num_rel_ret)" = 1
finish
