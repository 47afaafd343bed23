#!/usr/bin/env bash
# Smoke test of the benchmark suite (bench/run.sh): run it once on a tiny
# corpus with the programs of this build, and check that its outputs are
# well-formed. Nothing here is about speed.
. "$(dirname "$0")/lib.sh"

# A tiny corpus: 10 articles of each BBC section when ../shared is there,
# else the bundled seed articles.
TINY="$WORK/tiny"
mkdir -p "$TINY"
BBC_ARCHIVE="${PASSIM_SHARED:-$PASSIM_SRC/../shared}/corpora/bbc.tar.xz"
if [ -f "$BBC_ARCHIVE" ]; then
  mkdir -p "$WORK/bbc"
  tar -xJf "$BBC_ARCHIVE" -C "$WORK/bbc"
  for section in "$WORK"/bbc/*/; do
    name=$(basename "$section")
    mkdir -p "$TINY/$name"
    mapfile -t files < <(find "$section" -name '*.txt' | sort)
    cp "${files[@]:0:10}" "$TINY/$name/"
  done
else
  cp "$PASSIM_SRC"/corpus/*.txt "$TINY/"
fi
articles=$(find "$TINY" -name '*.txt' | wc -l)

OUT="$WORK/out"
set +e
bash "$PASSIM_SRC/bench/run.sh" --prebuilt "$PASSIM_BIN" --corpora "tiny=$TINY" \
  --repeat 1 --queries 40 --cli-runs 3 --analyzer-runs 1 --timeout 120 \
  --work "$WORK/bench-work" --out "$OUT" >"$WORK/run.log" 2>&1
rc=$?
set -e
check "bench/run.sh exits 0" test "$rc" = 0
[ "$rc" = 0 ] || tail -n 30 "$WORK/run.log"

RES="$OUT/results.tsv"
HEADER=$'corpus\tsystem\tarticles\traw_mb\tindex_s\tindex_cpu_s\tmb_per_s\tpeak_rss_mib\tindex_mb\tindex_mb_compacted\tsize_ratio\tsize_ratio_compacted\tfull_p50_ms\tfull_p95_ms\tfull_p99_ms\tmatch_p50_ms\tmatch_p95_ms\tmatch_p99_ms\tcli_ms\trepeat\tqueries'
check "results.tsv exists" test -s "$RES"
check "results.tsv has the header" test "$(head -n 1 "$RES" 2>/dev/null)" = "$HEADER"
check "results.tsv has one row per system" \
  test "$(tail -n +2 "$RES" 2>/dev/null | cut -f1,2 | tr '\n' ' ')" = \
       "tiny	passim tiny	scriptindex tiny	fts5 "

# Every row: 21 fields, the counts right, every figure a number; only
# scriptindex, which makes no snippets, may have NA for the full_* columns.
rows_well_formed() {
  awk -F'\t' -v n="$articles" '
    function num(x) { return x ~ /^[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/ }
    NR == 1 { next }
    NF != 21 { print "row " NR ": " NF " fields"; bad = 1; next }
    $3 != n { print "row " NR ": " $3 " articles, want " n; bad = 1 }
    $20 != 1 || $21 != 40 { print "row " NR ": repeat/queries " $20 "/" $21; bad = 1 }
    { for (i = 4; i <= 19; i++) {
        if ($2 == "scriptindex" && i >= 13 && i <= 15 && $i == "NA") continue
        if (!num($i)) { print "row " NR " field " i ": \"" $i "\""; bad = 1 } } }
    END { exit bad }' "$RES"
}
check "results.tsv rows are well-formed and numeric" rows_well_formed

# Figures that must be positive whatever the machine: sizes, times, RSS.
positive() {
  awk -F'\t' 'NR > 1 { for (i = 5; i <= 12; i++) if (!($i > 0)) exit 1 }' "$RES"
}
check "times, sizes and RSS are positive" positive

RAT="$OUT/ratios.tsv"
check "ratios.tsv has a row per peer" \
  test "$(tail -n +2 "$RAT" 2>/dev/null | cut -f1,2 | tr '\n' ' ')" = \
       "tiny	scriptindex tiny	fts5 "
ratios_numeric() {
  awk -F'\t' 'NR > 1 { for (i = 3; i <= 7; i++)
                if ($i !~ /^[0-9.eE+-]+$/) exit 1 }' "$RAT"
}
check "ratios.tsv figures are numeric" ratios_numeric

check "analyzer.tsv has a numeric MB/s" \
  awk -F'\t' 'NR == 2 && $4 ~ /^[0-9]+(\.[0-9]+)?$/ && $4 > 0 { ok = 1 } END { exit !ok }' \
  "$OUT/analyzer.tsv"

check "queries were generated" test "$(wc -l < "$OUT/queries/tiny.q")" = 40
check "chart.png exists" test -s "$OUT/chart.png"
check "chart.png is a PNG" \
  test "$(head -c 8 "$OUT/chart.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a
check "summary.md has the targets" grep -q '^## Targets' "$OUT/summary.md"

finish
