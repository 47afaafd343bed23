#!/usr/bin/env bash
# bench/run.sh — passim against Xapian's scriptindex and SQLite FTS5, on the
# same corpora, in one run.
#
# Usage: bench/run.sh [--corpora LIST] [--repeat N] [--out DIR] [options]
#
#   --corpora LIST     comma-separated: bbc, reuters, gutenberg (the archives
#                      in ../shared/corpora, extracted into the work dir), or
#                      NAME=DIR for a directory of .txt articles
#                      (default bbc,reuters,gutenberg)
#   --repeat N         runs of every measurement; medians are reported
#                      (default 3)
#   --out DIR          where the results go (default BUILD/bench-results)
#   --build DIR        the CMake build directory, configured Release and
#                      built here (default build-bench at the repo root)
#   --prebuilt DIR     use the programs already built in DIR (DIR/passim-*,
#                      DIR/bench/*) and build nothing (the smoke test's way)
#   --work DIR         scratch space: extracted corpora (kept and reused),
#                      indexes (removed after each corpus) (default
#                      BUILD/bench-work; a temporary directory, removed at
#                      the end, with --prebuilt)
#   --queries N        queries per corpus (default 1000)
#   --cli-runs N       whole-process CLI queries per repeat (default 20)
#   --analyzer-runs N  runs of the analyzer micro-benchmark (default 5)
#   --seed S           query generator seed (default 1)
#   --timeout S        bound on any one measured command (default 3600)
#   --systems LIST     any of passim,scriptindex,fts5 (default all three)
#   --index-args ARGS  extra options for passim-index, split on spaces
#                      (e.g. "--jobs 1"; default none: as a user runs it)
#
# What it measures, per corpus and system (see bench/README.md):
#   index time (wall, CPU), MB/s, peak RSS of the indexing process, index
#   bytes as built and compacted (xapian-compact; FTS5 'optimize' + VACUUM),
#   query latency p50/p95/p99 over the query set in one process, with
#   snippets ("full": passim's passages, FTS5's snippet()) and the article
#   match alone, and a whole-process CLI query (median).
#
# Writes to OUT: results.tsv (one row per corpus x system), ratios.tsv
# (passim / peer), analyzer.tsv, summary.md (tables, targets, machine load),
# chart.png, queries/CORPUS.q, raw/ (every single measurement), log.txt.
# Exit status 0, non-zero when a command failed (see log.txt).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$HERE")
SHARED=${PASSIM_SHARED:-$REPO/../shared}

corpora=bbc,reuters,gutenberg
repeat=3
out=""
build=""
prebuilt=""
work=""
nqueries=1000
cli_runs=20
analyzer_runs=5
seed=1
timeout=3600
systems=passim,scriptindex,fts5
index_args=""

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
  exit "${1:-2}"
}

posint() { [[ $2 =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: $1 takes a positive number" >&2; exit 2; }; }

while [ $# -gt 0 ]; do
  case $1 in
    -h|--help) ;;
    --*) [ $# -ge 2 ] || { echo "run.sh: $1 needs a value" >&2; exit 2; } ;;
  esac
  case $1 in
    --corpora) corpora=$2; shift 2 ;;
    --repeat) posint "$1" "$2"; repeat=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --prebuilt) prebuilt=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --queries) posint "$1" "$2"; nqueries=$2; shift 2 ;;
    --cli-runs) posint "$1" "$2"; cli_runs=$2; shift 2 ;;
    --analyzer-runs) posint "$1" "$2"; analyzer_runs=$2; shift 2 ;;
    --seed) [[ $2 =~ ^[0-9]+$ ]] || usage; seed=$2; shift 2 ;;
    --timeout) posint "$1" "$2"; timeout=$2; shift 2 ;;
    --systems) systems=$2; shift 2 ;;
    --index-args) index_args=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "run.sh: unknown argument '$1'" >&2; usage ;;
  esac
done

# --- programs ----------------------------------------------------------------
tmpwork=""
cleanup() { [ -z "$tmpwork" ] || rm -rf "$tmpwork"; }
trap cleanup EXIT
trap 'echo "run.sh: failed at line $LINENO (see the log in the output directory)" >&2' ERR

if [ -n "$prebuilt" ]; then
  BIN=$(cd "$prebuilt" && pwd)
  if [ -z "$work" ]; then
    tmpwork=$(mktemp -d "${TMPDIR:-/tmp}/passim-bench.XXXXXX")
    work=$tmpwork
  fi
  [ -n "$out" ] || out=$BIN/bench-results
else
  BIN=${build:-$REPO/build-bench}
  echo "== building (Release) in $BIN" >&2
  cmake -S "$REPO" -B "$BIN" -DCMAKE_BUILD_TYPE=Release -DPASSIM_TESTS=OFF >/dev/null
  cmake --build "$BIN" -j"$(nproc)" --target passim-index passim-search \
    passim_qbench analyzer_bench gen_queries corpus_dump measure xapian_qbench >/dev/null
  cmake --build "$BIN" -j"$(nproc)" --target fts5_load fts5_qbench >/dev/null 2>&1 ||
    echo "run.sh: the FTS5 programs were not built (libsqlite3-dev missing?)" >&2
  BIN=$(cd "$BIN" && pwd)
  [ -n "$work" ] || work=$BIN/bench-work
  [ -n "$out" ] || out=$BIN/bench-results
fi
BB=$BIN/bench
mkdir -p "$work" "$out/raw" "$out/queries"
work=$(cd "$work" && pwd)
out=$(cd "$out" && pwd)
LOG=$out/log.txt
: > "$LOG"

for p in passim-index passim-search; do
  [ -x "$BIN/$p" ] || { echo "run.sh: $BIN/$p not built" >&2; exit 1; }
done
for p in passim_qbench analyzer_bench gen_queries corpus_dump measure xapian_qbench; do
  [ -x "$BB/$p" ] || { echo "run.sh: $BB/$p not built" >&2; exit 1; }
done

# Which systems run: those asked for whose tools exist.
run_sys=()
IFS=, read -r -a asked <<<"$systems"
for s in "${asked[@]}"; do
  case $s in
    passim) run_sys+=(passim) ;;
    scriptindex)
      if command -v scriptindex >/dev/null && command -v xapian-compact >/dev/null; then
        run_sys+=(scriptindex)
      else
        echo "run.sh: scriptindex or xapian-compact missing (packages xapian-omega, xapian-tools): left out" >&2
      fi ;;
    fts5)
      if [ -x "$BB/fts5_load" ] && [ -x "$BB/fts5_qbench" ]; then
        run_sys+=(fts5)
      else
        echo "run.sh: FTS5 programs not built: left out" >&2
      fi ;;
    *) echo "run.sh: unknown system '$s'" >&2; exit 2 ;;
  esac
done
have() { local s; for s in "${run_sys[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }
command -v xapian-compact >/dev/null ||
  { echo "run.sh: xapian-compact missing (package xapian-tools)" >&2; exit 1; }

# --- helpers -------------------------------------------------------------------
log() { echo "$*" >&2; echo "$*" >> "$LOG"; }

# median: the median of the numbers on stdin (NA when none).
median() {
  sort -g | awk '{ v[NR] = $1 }
    END { if (NR == 0) print "NA";
          else if (NR % 2) print v[(NR + 1) / 2];
          else printf "%.6g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# bytes PATH: the total size in bytes of the files at PATH (file or tree).
bytes() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }

# fmt X: X with 4 significant digits, NA kept.
fmt() { awk -v x="$1" 'BEGIN { if (x == "NA" || x == "") print "NA"; else printf "%.4g\n", x }'; }

# div A B: A / B, NA if either is NA or B is 0.
div() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    if (a == "NA" || b == "NA" || a == "" || b == "" || b + 0 == 0) print "NA";
    else printf "%.3g\n", a / b }'
}

# measured NAME CMD...: run CMD under measure (bounded), append its
# "wall user sys maxrss status" line to raw/NAME.tsv; fail when it fails.
measured() {
  local name=$1; shift
  local line
  line=$("$BB/measure" -q -t "$timeout" -- "$@" 2>>"$LOG" | tail -n 1) || true
  [ -n "$line" ] || { log "run.sh: $name: no measurement"; return 1; }
  printf '%s\n' "$line" >> "$out/raw/$name.tsv"
  local status; status=$(cut -f5 <<<"$line")
  if [ "$status" != 0 ]; then
    log "run.sh: $name: '$*' exited with status $status"
    return 1
  fi
}

# to_fts5 QUERY: the FTS5 form fts5_qbench uses ("w" OR "two words").
to_fts5() {
  local q=$1 res="" part
  while :; do
    q=${q#"${q%%[! ]*}"}
    [ -n "$q" ] || break
    if [ "${q:0:1}" = '"' ]; then
      q=${q:1}; part=${q%%\"*}
      if [[ $q == *\"* ]]; then q=${q#*\"}; else q=""; fi
    else
      part=${q%%[ \"]*}; q=${q:${#part}}
    fi
    [ -z "$part" ] || res+="${res:+ OR }\"${part//\"/\"\"}\""
  done
  printf '%s' "$res"
}

# corpus_dir NAME[=DIR]: where that corpus's articles are (extracting it).
corpus_dir() {
  local spec=$1 name archive dir
  if [[ $spec == *=* ]]; then
    dir=${spec#*=}
    [ -d "$dir" ] || { echo "run.sh: no directory $dir" >&2; return 1; }
    (cd "$dir" && pwd)
    return
  fi
  case $spec in
    bbc) archive=bbc.tar.xz ;;
    reuters) archive=reuters.tar.xz ;;
    gutenberg) archive=gutenberg100.tar.xz ;;
    *) echo "run.sh: unknown corpus '$spec' (bbc, reuters, gutenberg or NAME=DIR)" >&2
       return 1 ;;
  esac
  dir=$work/corpora/$spec
  if [ ! -f "$dir/.extracted" ]; then
    [ -f "$SHARED/corpora/$archive" ] ||
      { echo "run.sh: $SHARED/corpora/$archive not found" >&2; return 1; }
    rm -rf "$dir"; mkdir -p "$dir"
    tar -xJf "$SHARED/corpora/$archive" -C "$dir"
    touch "$dir/.extracted"
  fi
  printf '%s\n' "$dir"
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

SI_SCRIPT=$work/scriptindex.script
# The reference configuration: the text indexed with positions and English
# stemming (scriptindex's default stemmer: unstemmed terms with positions,
# Z-prefixed stems without), the title without positions, an id term for
# replacement, no stored fields.
cat > "$SI_SCRIPT" <<'EOF'
id : unique=Q boolean=Q
title : indexnopos
text : index
EOF

HEADER="corpus	system	articles	raw_mb	index_s	index_cpu_s	mb_per_s	peak_rss_mib	index_mb	index_mb_compacted	size_ratio	size_ratio_compacted	full_p50_ms	full_p95_ms	full_p99_ms	match_p50_ms	match_p95_ms	match_p99_ms	cli_ms	repeat	queries"
printf '%s\n' "$HEADER" > "$out/results.tsv"
printf 'corpus\traw_mb\truns\tmedian_mb_s\tbest_mb_s\n' > "$out/analyzer.tsv"
rm -f "$out"/raw/*.tsv
failed=0
load_start=$(loadavg)
t_start=$(date +%s)

log "== passim bench: corpora $corpora, repeat $repeat, $nqueries queries, systems ${run_sys[*]}${index_args:+, passim-index $index_args}"
log "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), load $load_start"

# --- one corpus ----------------------------------------------------------------
bench_corpus() {
  local spec=$1 name dir w q raw_bytes articles raw_mb r s
  name=${spec%%=*}
  dir=$(corpus_dir "$spec") || return 1
  w=$work/run-$name
  rm -rf "$w"; mkdir -p "$w"
  raw_bytes=$(bytes "$dir")
  articles=$(find "$dir" -type f -name '*.txt' | wc -l)
  raw_mb=$(awk -v b="$raw_bytes" 'BEGIN { printf "%.3f", b / 1e6 }')
  log "== $name: $articles articles, $raw_mb MB (load $(loadavg))"

  q=$out/queries/$name.q
  "$BB/gen_queries" --seed "$seed" --count "$nqueries" "$dir" > "$q" || return 1
  if have scriptindex; then
    "$BB/corpus_dump" "$dir" > "$w/dump" 2>>"$LOG" || return 1
  fi

  # Indexing, the systems interleaved in every repeat.
  for ((r = 1; r <= repeat; r++)); do
    for s in "${run_sys[@]}"; do
      log "   index $s, run $r/$repeat"
      case $s in
        passim)
          rm -rf "$w/passim"
          # shellcheck disable=SC2086 # index_args is split on purpose
          measured "$name.index.passim" "$BIN/passim-index" -q $index_args \
            --index "$w/passim" "$dir" ;;
        scriptindex)
          rm -rf "$w/scriptindex"
          measured "$name.index.scriptindex" scriptindex --overwrite "$w/scriptindex" "$SI_SCRIPT" "$w/dump" ;;
        fts5)
          rm -f "$w/fts5.db"
          measured "$name.index.fts5" "$BB/fts5_load" "$w/fts5.db" "$dir" ;;
      esac || { failed=1; return 1; }
    done
  done

  # Sizes, as built and compacted.
  declare -A size size_c
  for s in "${run_sys[@]}"; do
    case $s in
      passim)
        size[$s]=$(bytes "$w/passim")
        xapian-compact "$w/passim" "$w/passim.compact" >>"$LOG" 2>&1 || return 1
        size_c[$s]=$(bytes "$w/passim.compact"); rm -rf "$w/passim.compact" ;;
      scriptindex)
        size[$s]=$(bytes "$w/scriptindex")
        xapian-compact "$w/scriptindex" "$w/scriptindex.compact" >>"$LOG" 2>&1 || return 1
        size_c[$s]=$(bytes "$w/scriptindex.compact"); rm -rf "$w/scriptindex.compact" ;;
      fts5)
        size[$s]=$(bytes "$w/fts5.db")
        cp "$w/fts5.db" "$w/fts5.opt.db" || return 1
        "$BB/fts5_load" --optimize "$w/fts5.opt.db" >>"$LOG" 2>&1 || return 1
        size_c[$s]=$(bytes "$w/fts5.opt.db"); rm -f "$w/fts5.opt.db" ;;
    esac
  done

  # Query latency in one process, over the indexes as built.
  log "   queries (load $(loadavg))"
  for ((r = 1; r <= repeat; r++)); do
    for s in "${run_sys[@]}"; do
      case $s in
        passim) "$BB/passim_qbench" "$w/passim" "$q" ;;
        scriptindex) "$BB/xapian_qbench" "$w/scriptindex" "$q" ;;
        fts5) "$BB/fts5_qbench" "$w/fts5.db" "$q" ;;
      esac > "$w/q.out" 2>>"$LOG" || { log "run.sh: $name: $s query benchmark failed"; failed=1; return 1; }
      tail -n +2 "$w/q.out" | sed "s/^/$r\t/" >> "$out/raw/$name.query.$s.tsv"
    done
  done

  # Whole-process CLI queries: the first --cli-runs queries, each a fresh
  # process, in every repeat.
  local -a cliq=()
  mapfile -t cliq < <(head -n "$cli_runs" "$q")
  for ((r = 1; r <= repeat; r++)); do
    for s in "${run_sys[@]}"; do
      local qq
      for qq in "${cliq[@]}"; do
        case $s in
          passim) measured "$name.cli.$s" "$BIN/passim-search" --index "$w/passim" -- "$qq" ;;
          scriptindex)
            if command -v quest >/dev/null; then
              measured "$name.cli.$s" quest -d "$w/scriptindex" -m 10 "$qq"
            fi ;;
          fts5)
            if command -v sqlite3 >/dev/null; then
              local f; f=$(to_fts5 "$qq"); f=${f//\'/\'\'}
              measured "$name.cli.$s" sqlite3 -readonly "$w/fts5.db" \
                "SELECT id, title, snippet(docs, -1, '[', ']', '…', 32) FROM docs WHERE docs MATCH '$f' ORDER BY rank LIMIT 10"
            fi ;;
        esac || { failed=1; return 1; }
      done
    done
  done

  # The analyzer alone.
  log "   analyzer (load $(loadavg))"
  "$BB/analyzer_bench" --runs "$analyzer_runs" "$dir" > "$w/an.out" 2>>"$LOG" ||
    { log "run.sh: analyzer_bench failed"; failed=1; return 1; }
  awk -F'\t' -v c="$name" -v mb="$raw_mb" -v runs="$analyzer_runs" \
    'NR == 2 { printf "%s\t%s\t%s\t%s\t%s\n", c, mb, runs, $6, $7 }' "$w/an.out" >> "$out/analyzer.tsv"

  # The rows.
  for s in "${run_sys[@]}"; do
    local it="$out/raw/$name.index.$s.tsv" qt="$out/raw/$name.query.$s.tsv"
    local wall cpu rss mbs fp50 fp95 fp99 mp50 mp95 mp99 cli
    wall=$(cut -f1 "$it" | median)
    cpu=$(awk -F'\t' '{ print $2 + $3 }' "$it" | median)
    rss=$(awk -F'\t' '{ print $4 / 1024 }' "$it" | median)
    mbs=$(div "$raw_mb" "$wall")
    # columns of raw/*.query.*.tsv: repeat label n p50 p95 p99 ...
    col() { awk -F'\t' -v l="$1" -v c="$2" '$2 == l { print $c }' "$qt" | median; }
    fp50=$(col full 4); fp95=$(col full 5); fp99=$(col full 6)
    mp50=$(col match 4); mp95=$(col match 5); mp99=$(col match 6)
    if [ -s "$out/raw/$name.cli.$s.tsv" ]; then
      cli=$(awk -F'\t' '{ print $1 * 1000 }' "$out/raw/$name.cli.$s.tsv" | median)
    else
      cli=NA
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
      "$name" "$s" "$articles" "$raw_mb" "$(fmt "$wall")" "$(fmt "$cpu")" "$(fmt "$mbs")" \
      "$(fmt "$rss")" "$(fmt "$(div "${size[$s]}" 1e6)")" "$(fmt "$(div "${size_c[$s]}" 1e6)")" \
      "$(div "${size[$s]}" "$raw_bytes")" "$(div "${size_c[$s]}" "$raw_bytes")" \
      "$(fmt "$fp50")" "$(fmt "$fp95")" "$(fmt "$fp99")" \
      "$(fmt "$mp50")" "$(fmt "$mp95")" "$(fmt "$mp99")" "$(fmt "$cli")" \
      "$repeat" "$nqueries" >> "$out/results.tsv"
  done
  rm -rf "$w"
}

IFS=, read -r -a specs <<<"$corpora"
for spec in "${specs[@]}"; do
  [ -n "$spec" ] || continue
  # A failure inside ends the whole run (set -e): results would be partial.
  bench_corpus "$spec"
done
load_end=$(loadavg)
log "== done in $(( $(date +%s) - t_start )) s (load $load_end)"

# --- ratios: passim / peer ---------------------------------------------------------
awk -F'\t' -v OFS='\t' '
  function ratio(a, b) { return (a == "NA" || b == "NA" || b + 0 == 0) ? "NA" : sprintf("%.3g", a / b) }
  NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
  { row[$1, $2] = $0; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
  END {
    print "corpus", "peer", "index_s", "index_cpu_s", "peak_rss", "index_size", "index_size_compacted",
          "full_p99", "match_p99", "cli"
    for (k = 1; k <= n; k++) {
      c = order[k]
      if (!((c, "passim") in row)) continue
      split(row[c, "passim"], p, "\t")
      for (j = 1; j <= 2; j++) {
        peer = j == 1 ? "scriptindex" : "fts5"
        if (!((c, peer) in row)) continue
        split(row[c, peer], q, "\t")
        print c, peer, ratio(p[col["index_s"]], q[col["index_s"]]),
              ratio(p[col["index_cpu_s"]], q[col["index_cpu_s"]]),
              ratio(p[col["peak_rss_mib"]], q[col["peak_rss_mib"]]),
              ratio(p[col["index_mb"]], q[col["index_mb"]]),
              ratio(p[col["index_mb_compacted"]], q[col["index_mb_compacted"]]),
              ratio(p[col["full_p99_ms"]], q[col["full_p99_ms"]]),
              ratio(p[col["match_p99_ms"]], q[col["match_p99_ms"]]),
              ratio(p[col["cli_ms"]], q[col["cli_ms"]])
      }
    }
  }' "$out/results.tsv" > "$out/ratios.tsv"

# --- chart -------------------------------------------------------------------------
mkdir -p "$out/plot"
for s in "${run_sys[@]}"; do
  awk -F'\t' -v s="$s" 'NR > 1 && $2 == s { print $4, $5, $9, $10, $15, $18 }' \
    "$out/results.tsv" | sort -g > "$out/plot/$s.dat"
done
if command -v gnuplot >/dev/null; then
  gnuplot -e "datadir='$out/plot'; outfile='$out/chart.png'; systems='${run_sys[*]}'" \
    "$HERE/plot.gp" 2>>"$LOG" || { log "run.sh: gnuplot failed"; failed=1; }
else
  log "run.sh: gnuplot missing (package gnuplot-nox): no chart"
fi

# --- summary -----------------------------------------------------------------------
# md_table FILE: a TSV as a Markdown table.
md_table() {
  awk -F'\t' 'NR == 1 { h = "|"; s = "|"; for (i = 1; i <= NF; i++) { h = h " " $i " |"; s = s "---|" }
                         print h; print s; next }
              { l = "|"; for (i = 1; i <= NF; i++) l = l " " $i " |"; print l }' "$1"
}

# targets: the goals passim is measured against, as a Markdown table.
targets() {
  awk -F'\t' -v an="$out/analyzer.tsv" '
    function g(c, s, k) { return v[c, s, col[k]] }
    function known(x) { return x != "" && x != "NA" }
    # row(corpus, goal, passim figure, peer figure, unit, factor): passim
    # meets the goal when passim <= factor * peer (peer empty: factor alone).
    function row(c, goal, p, q, unit, f,   lim, verdict) {
      if (!known(p) || (q != "-" && !known(q))) return
      lim = q == "-" ? f : f * q
      verdict = p + 0 <= lim + 0 ? "meets" : "**misses**"
      printf "| %s | %s | %s %s | %s | %s |\n", c, goal, p, unit,
             q == "-" ? "" : q " " unit, verdict
    }
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    { for (i = 1; i <= NF; i++) v[$1, $2, i] = $i
      if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
    END {
      while ((getline line < an) > 0) {
        split(line, a, "\t"); if (a[1] != "corpus") amb[a[1]] = a[4] }
      print "| corpus | goal | passim | peer | verdict |"
      print "|---|---|---|---|---|"
      for (k = 1; k <= n; k++) {
        c = order[k]
        row(c, "index time <= 0.5x scriptindex", g(c, "passim", "index_s"),
            g(c, "scriptindex", "index_s"), "s", 0.5)
        row(c, "peak RSS <= 256 MiB", g(c, "passim", "peak_rss_mib"), "-", "MiB", 256)
        row(c, "compacted index <= scriptindex", g(c, "passim", "index_mb_compacted"),
            g(c, "scriptindex", "index_mb_compacted"), "MB", 1)
        row(c, "p99 with passages+snippets <= 0.5x FTS5", g(c, "passim", "full_p99_ms"),
            g(c, "fts5", "full_p99_ms"), "ms", 0.5)
        row(c, "article match p99 <= 1.5x scriptindex", g(c, "passim", "match_p99_ms"),
            g(c, "scriptindex", "match_p99_ms"), "ms", 1.5)
        row(c, "cold CLI query <= 5 ms", g(c, "passim", "cli_ms"), "-", "ms", 5)
        if (known(amb[c]))
          printf "| %s | analyzer >= 50 MB/s | %s MB/s | | %s |\n", c, amb[c],
                 (amb[c] + 0 >= 50 ? "meets" : "**misses**")
      }
    }' "$out/results.tsv"
}

{
  echo "# passim benchmark"
  echo
  echo "Command: \`bench/run.sh --corpora $corpora --repeat $repeat --queries $nqueries${index_args:+ --index-args \"$index_args\"}\`"
  echo "($(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //');"
  echo "load average at start $load_start, at end $load_end; total $(( $(date +%s) - t_start )) s)."
  echo "Times are medians of $repeat runs; query latencies are medians over runs of each run's percentile."
  echo
  echo "## Results"
  echo
  md_table "$out/results.tsv"
  echo
  echo "## passim / peer"
  echo
  md_table "$out/ratios.tsv"
  echo
  echo "## Analyzer alone (one core)"
  echo
  md_table "$out/analyzer.tsv"
  echo
  echo "## Targets"
  echo
  targets
  echo
  echo "![chart](chart.png)"
} > "$out/summary.md"

log "== results in $out (results.tsv, ratios.tsv, analyzer.tsv, summary.md, chart.png)"
exit "$failed"
