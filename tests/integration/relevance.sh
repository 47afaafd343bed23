#!/usr/bin/env bash
# The relevance benchmark runs end to end on the shared judged collections,
# and the default ranking keeps beating Xapian's default BM25 (the
# baseline of DESIGN.md) on MAP and nDCG@10 — results are deterministic,
# so this guards the ranking against regressions.
. "$(dirname "$0")/lib.sh"

out=$(bash "$PASSIM_SRC/bench/eval.sh" --build "$PASSIM_BIN")
echo "$out"
check "a passim row per collection" test "$(grep -c ' passim ' <<<"$out")" = 2
row() { grep "^$1 *$2 " <<<"$out"; }
num() { awk -v c="$3" '{print $c}' <<<"$(row "$1" "$2")"; }
ge() { [[ $1 =~ ^[0-9.]+$ && $2 =~ ^[0-9.]+$ ]] && awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 >= b + 0) }'; }
for coll in cran adi; do
  check "$coll: metrics are numbers" \
    bash -c "[[ '$(num $coll passim 3)' =~ ^0\.[0-9]{4}$ ]]"
  check "$coll: MAP beats Xapian's default BM25" \
    ge "$(num $coll passim 3)" "$(num $coll xapian-bm25 4)"
  check "$coll: nDCG@10 beats Xapian's default BM25" \
    ge "$(num $coll passim 5)" "$(num $coll xapian-bm25 6)"
done
finish
