#!/usr/bin/env bash
# Relevance benchmark: index each judged collection of ../shared/eval from
# its docs.jsonl, run its queries in one batch, and print MAP, P@10,
# nDCG@10 and R@1000 beside the Xapian 1.4.22 baselines of DESIGN.md.
#
#   bench/eval.sh [--build DIR] [-- SEARCH-OPTIONS...]
#
# SEARCH-OPTIONS go to passim-search (e.g. --weighting bm25 --title-boost 0).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${PASSIM_SHARED:-$here/../shared}
build=$here/build
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --) shift; break ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "eval.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
for prog in passim-index passim-search passim-eval; do
  if [ ! -x "$build/$prog" ]; then
    cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$build" -j"$(nproc)" >/dev/null
    break
  fi
done
work=$(mktemp -d "${TMPDIR:-/tmp}/passim-eval.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Baselines (DESIGN.md): Xapian BM25 and IneB2 at defaults, English
# stemming, SMART stopwords, OR queries.
declare -A base=(
  [cran.bm25]="0.3071 0.2356 0.3817" [adi.bm25]="0.4172 - 0.4957"
  [cran.ineb2]="0.328 - 0.408" [adi.ineb2]="0.446 - 0.520"
)
printf '%-6s %-22s %7s %7s %9s %8s\n' collection system MAP P@10 nDCG@10 R@1000
for coll in cran adi; do
  d="$shared/eval/$coll"
  [ -f "$d/docs.jsonl" ] || { echo "eval.sh: $d/docs.jsonl missing" >&2; exit 3; }
  # Records with no text are reported and skipped: exit 6 is expected.
  "$build/passim-index" --quiet --index "$work/$coll" "$d/docs.jsonl" 2>/dev/null || [ $? -eq 6 ]
  "$build/passim-search" --index "$work/$coll" --batch "$d/queries.tsv" --trec passim \
    "$@" > "$work/$coll.run"
  "$build/passim-eval" --json "$d/qrels.trec" "$work/$coll.run" |
    jq -r --arg c "$coll" '.metrics | [$c, "passim", .map, .P_10, .ndcg_cut_10,
      .recall_1000] | @tsv' |
    awk -F'\t' '{printf "%-6s %-22s %7.4f %7.4f %9.4f %8.4f\n", $1, $2, $3, $4, $5, $6}'
  for sys in bm25 ineb2; do
    read -r m p n <<<"${base[$coll.$sys]}"
    printf '%-6s %-22s %7s %7s %9s %8s\n' "$coll" "xapian-$sys (baseline)" "$m" "$p" "$n" -
  done
done
