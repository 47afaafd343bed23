#!/usr/bin/env bash
# bench/passages.sh — how often passim's best passage answers the question,
# on the hand-judged collection of tests/data/passages/questions.tsv.
#
# Usage: bench/passages.sh [OPTIONS] [PASSIM-SEARCH OPTIONS...]
#
#   --build DIR       where passim-index and passim-search are
#                     (default $PASSIM_BIN, else build/ at the repo root)
#   --questions FILE  the judged questions (default
#                     tests/data/passages/questions.tsv)
#   --shared DIR      the shared data (default $PASSIM_SHARED, else ../shared
#                     beside the repo root); the BBC articles come from
#                     DIR/corpora/bbc.tar.xz
#   --seeds-only      index only the seed articles (corpus/) and ask only the
#                     questions judged on them alone
#   --index DIR       use the index in DIR, building it there first when DIR
#                     does not exist (kept afterwards; it must hold the same
#                     articles: build one per --seeds-only setting)
#   --work DIR        scratch space (default: a temporary directory, removed)
#   --check           only check the collection (below) and exit: 0 when it
#                     is sound, 1 with a line per problem
#   --verbose         a line per question as well as the summary
#   --run FILE        write the judged results, one line per passage shown:
#                     QID RANK ID PASSAGE SENTENCES SCORE GRADE WORDS
#                     (tab-separated; GRADE is the best grade of a fragment
#                     it contains, or 0; WORDS its length in words)
#   --compare FILE    also count the questions whose top 3 passages differ
#                     from those of an earlier --run FILE
#   -h, --help        this text
#
# Every other argument goes to passim-search as it is, e.g.
#   bench/passages.sh --passage-words 40 --top 20 --article-weight 0.5
#
# Each question runs as `passim-search --json --limit 10 [options] QUERY`
# over the five seed articles plus the 2,225 BBC articles. A passage
# answers a question when it comes from an article judged for it and
# contains one of that article's answer fragments: a case-sensitive
# substring match after runs of white space are collapsed to one space in
# both (a fragment cut by a passage boundary does not count). Printed:
#   questions  how many were asked
#   success@1  share whose top passage answers (any grade)
#   success@3  share with an answer among the top 3
#   mrr        mean of 1/rank of the first answering passage in the top 10
#              (0 when none)
#   direct@1   share whose top passage holds a grade-2 (direct) answer
#   found@10   share with an answer anywhere in the top 10
#   words@1    mean length in words of the top passages (longer passages
#              hold more answers but cost the reader more)
#   top3_changed  with --compare: questions whose top 3 (article, first
#              sentence, length, in order) differ from the earlier run
#
# --check verifies the collection itself: five tab-separated fields per
# row, one query per question, grades 1 or 2, fragments of 5-15 words, every
# fragment found in its article's text (the BBC headline line excluded, as
# passages leave it out), and no article left unjudged that contains a
# fragment judged for the same question (so duplicates are judged alike).
# BBC rows are checked when the BBC archive is there, and skipped (with a
# note) when it is not.
# Exit status: 0 on success, 1 on a failed search or check, 2 on bad usage.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$HERE")

build=${PASSIM_BIN:-$REPO/build}
questions=$REPO/tests/data/passages/questions.tsv
shared=${PASSIM_SHARED:-$REPO/../shared}
seeds_only=0
index=""
work=""
check_only=0
verbose=0
run_out=""
compare=""
extra=()

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
}
die() { echo "passages.sh: $*" >&2; exit 2; }
need_arg() { [ $# -ge 2 ] || die "$1 needs a value"; }

while [ $# -gt 0 ]; do
  case $1 in
    --build) need_arg "$@"; build=$2; shift 2 ;;
    --questions) need_arg "$@"; questions=$2; shift 2 ;;
    --shared) need_arg "$@"; shared=$2; shift 2 ;;
    --seeds-only) seeds_only=1; shift ;;
    --index) need_arg "$@"; index=$2; shift 2 ;;
    --work) need_arg "$@"; work=$2; shift 2 ;;
    --check) check_only=1; shift ;;
    --verbose) verbose=1; shift ;;
    --run) need_arg "$@"; run_out=$2; shift 2 ;;
    --compare) need_arg "$@"; compare=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) extra+=("$1"); shift ;;
  esac
done

[ -f "$questions" ] || die "no questions file: $questions"
[ -z "$compare" ] || [ -f "$compare" ] || die "no run to compare with: $compare"
command -v jq >/dev/null || die "jq is needed"

if [ -n "$work" ]; then
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/passim-passages.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
work=$(cd "$work" && pwd)

# The judgments without comments and header: QID QUERY GRADE ID FRAGMENT.
awk -F'\t' '/^#/ || /^[ \t]*$/ { next } !seen++ && $1 == "qid" { next } { print }' \
  "$questions" >"$work/judgments.tsv"

# Questions whose judged articles are all seed articles (ids without '/').
seed_qids() {
  awk -F'\t' '{ q[$1] = 1; if (index($4, "/")) bbc[$1] = 1 }
              END { for (k in q) if (!(k in bbc)) print k }' "$work/judgments.tsv" | sort
}

bbc_archive=$shared/corpora/bbc.tar.xz
bbc_dir=""
extract_bbc() {
  bbc_dir=$work/bbc
  if [ ! -d "$bbc_dir" ]; then
    mkdir -p "$bbc_dir.tmp"
    tar -xJf "$bbc_archive" -C "$bbc_dir.tmp"
    mv "$bbc_dir.tmp" "$bbc_dir"
  fi
}

# ---- --check: the collection itself --------------------------------------
if [ "$check_only" = 1 ]; then
  have_bbc=0
  if [ -f "$bbc_archive" ]; then
    extract_bbc
    have_bbc=1
  fi
  # The articles: ID<TAB>PATH<TAB>1 if its first line is a headline to skip.
  {
    for f in "$REPO"/corpus/*.txt; do
      printf '%s\t%s\t0\n' "$(basename "$f")" "$f"
    done
    if [ "$have_bbc" = 1 ]; then
      (cd "$bbc_dir" && find . -name '*.txt' | sed 's|^\./||' | sort) |
        while IFS= read -r id; do printf '%s\t%s\t1\n' "$id" "$bbc_dir/$id"; done
    fi
  } >"$work/articles.tsv"
  set +e
  awk -F'\t' -v have_bbc="$have_bbc" '
    function squash(s) { gsub(NBSP, " ", s); gsub(/[ \t\r\n\f\v]+/, " ", s); sub(/^ /, "", s); sub(/ $/, "", s); return s }
    BEGIN { NBSP = sprintf("%c%c", 194, 160) }
    function bad(msg) { print "FAIL " msg; nbad++ }
    FILENAME == ARGV[1] {                       # the articles
      text = ""; n = 0
      while ((getline line < $2) > 0) { if (++n == 1 && $3 == 1) continue; text = text " " line }
      close($2)
      art[$1] = squash(text); narts++
      next
    }
    {                                           # the judgments
      row++
      if (NF != 5) { bad("row " row ": " NF " fields, want 5"); next }
      q = $1; query = $2; grade = $3; id = $4; frag = squash($5)
      if (q == "" || query == "" || id == "" || frag == "") { bad("row " row ": an empty field"); next }
      if ((q in qtext) && qtext[q] != query) bad("row " row ": question " q " has two queries")
      qtext[q] = query
      if (grade != "1" && grade != "2") bad("row " row ": grade \"" grade "\" is not 1 or 2")
      nw = split(frag, w, " ")
      if (nw < 5 || nw > 15) bad("row " row ": fragment of " nw " words, want 5-15: " frag)
      if (index(id, "/") && !have_bbc) { skipped++; next }
      judged[q, id] = 1
      nrows++; rq[nrows] = q; rid[nrows] = id; rfrag[nrows] = frag
    }
    END {
      for (i = 1; i <= nrows; i++) {
        q = rq[i]; id = rid[i]; frag = rfrag[i]
        if (!(id in art)) { bad(q ": no article " id); continue }
        if (!index(art[id], frag)) bad(q ": not in " id ": " frag)
        if ((frag in done) && done[frag] == q) continue
        done[frag] = q
        for (a in art)
          if (!((q, a) in judged) && index(art[a], frag))
            bad(q ": " a " (not judged) also contains: " frag)
      }
      for (k in qtext) nq++
      printf "checked %d questions, %d judgments over %d articles", nq, nrows, narts
      if (skipped) printf "; %d BBC judgments skipped (no BBC archive)", skipped
      printf "; %d problems\n", nbad
      exit nbad > 0
    }' "$work/articles.tsv" "$work/judgments.tsv"
  rc=$?
  set -e
  exit $rc
fi

# ---- the index --------------------------------------------------------------
search_bin=$build/passim-search
index_bin=$build/passim-index
if [ ! -x "$search_bin" ] || [ ! -x "$index_bin" ]; then
  die "no passim-search/passim-index in $build (--build DIR)"
fi

if [ -z "$index" ]; then
  index=$work/index
fi
if [ ! -e "$index" ]; then
  corpora=("$REPO/corpus")
  if [ "$seeds_only" = 0 ]; then
    [ -f "$bbc_archive" ] || die "no BBC archive at $bbc_archive (--shared DIR, or --seeds-only)"
    extract_bbc
    corpora+=("$bbc_dir")
  fi
  set +e
  "$index_bin" --index "$index" -q "${corpora[@]}" 2>"$work/index.log"
  rc=$?
  set -e
  if [ "$rc" != 0 ]; then
    cat "$work/index.log" >&2
    echo "passages.sh: passim-index failed (exit $rc)" >&2
    exit 1
  fi
fi

# ---- the questions ----------------------------------------------------------
if [ "$seeds_only" = 1 ]; then
  seed_qids >"$work/qids"
  awk -F'\t' 'NR == FNR { keep[$1] = 1; next } $1 in keep' "$work/qids" "$work/judgments.tsv" \
    >"$work/asked.tsv"
else
  cp "$work/judgments.tsv" "$work/asked.tsv"
fi
# One line per question, in file order: QID<TAB>QUERY.
awk -F'\t' '!seen[$1]++ { print $1 "\t" $2 }' "$work/asked.tsv" >"$work/questions.tsv"
[ -s "$work/questions.tsv" ] || die "no questions to ask"

# Run every question; the passages shown, one per line:
# QID RANK ID PASSAGE SENTENCES SCORE TEXT (white space collapsed).
: >"$work/results.tsv"
failed=0
while IFS=$'\t' read -r qid query; do
  if "$search_bin" --index "$index" --json --limit 10 "${extra[@]}" -- "$query" \
       >"$work/out.json" 2>"$work/err.txt"; then
    # With two corpus roots (seeds and BBC) every id starts with its root's
    # label (README: how ids are formed); the judgments name ids within a
    # root, so the label is dropped.
    jq -r --arg q "$qid" --arg strip "$((1 - seeds_only))" '.results | to_entries[] |
      [$q, (.key + 1),
       (if $strip == "1" then (.value.id | sub("^[^/]+/"; "")) else .value.id end),
       .value.passage, .value.sentences, .value.score,
       (.value.text | gsub("\\s+"; " "))] | map(tostring) | join("\t")' \
      "$work/out.json" >>"$work/results.tsv"
  else
    echo "passages.sh: $qid: passim-search failed: $(head -c 300 "$work/err.txt")" >&2
    failed=$((failed + 1))
  fi
done <"$work/questions.tsv"

# Judge each passage shown: the best grade of a fragment it contains.
awk -F'\t' '
  function squash(s) { gsub(NBSP, " ", s); gsub(/[ \t\r\n\f\v]+/, " ", s); sub(/^ /, "", s); sub(/ $/, "", s); return s }
  BEGIN { NBSP = sprintf("%c%c", 194, 160) }
  FILENAME == ARGV[1] { n = ++nf[$1, $4]; frag[$1, $4, n] = squash($5); grade[$1, $4, n] = $3; next }
  {
    g = 0; text = squash($7)
    for (i = 1; i <= nf[$1, $3]; i++)
      if (index(text, frag[$1, $3, i]) && grade[$1, $3, i] > g) g = grade[$1, $3, i]
    print $1 "\t" $2 "\t" $3 "\t" $4 "\t" $5 "\t" $6 "\t" g "\t" split(text, w, " ")
  }' "$work/asked.tsv" "$work/results.tsv" >"$work/judged.tsv"
[ -z "$run_out" ] || cp "$work/judged.tsv" "$run_out"

# The metrics (and the per-question lines with --verbose).
options="${extra[*]:-}"
awk -F'\t' -v verbose="$verbose" -v compare="$compare" -v options="$options" '
  FILENAME == ARGV[1] { nq++; order[nq] = $1; query[$1] = $2; next }
  compare != "" && FILENAME == compare { if ($2 <= 3) old[$1] = old[$1] " " $3 ":" $4 ":" $5; next }
  {
    if ($2 <= 3) new[$1] = new[$1] " " $3 ":" $4 ":" $5
    if ($2 == 1) { top[$1] = $3 ":" $4 "+" $5; words += $8; ntop++ }
    if ($7 > 0 && !($1 in first)) { first[$1] = $2; fgrade[$1] = $7 }
    if ($2 == 1 && $7 == 2) direct[$1] = 1
  }
  END {
    for (i = 1; i <= nq; i++) {
      q = order[i]
      if (q in first) {
        r = first[q]; rr += 1 / r; found++
        if (r == 1) s1++
        if (r <= 3) s3++
      }
      if (q in direct) d1++
      if (compare != "" && old[q] != new[q]) changed++
      if (verbose)
        printf "%-4s first=%-2s grade=%s top=%-32s %s\n", q, (q in first) ? first[q] : "-",
               (q in first) ? fgrade[q] : "-", (q in top) ? top[q] : "(none)", query[q]
    }
    printf "questions=%d success@1=%.4f success@3=%.4f mrr=%.4f direct@1=%.4f found@10=%.4f words@1=%.1f",
           nq, s1 / nq, s3 / nq, rr / nq, d1 / nq, found / nq, ntop ? words / ntop : 0
    if (compare != "") printf " top3_changed=%d", changed
    printf " options=\"%s\"\n", options
  }' "$work/questions.tsv" ${compare:+"$compare"} "$work/judged.tsv"

if [ "$failed" -gt 0 ]; then
  echo "passages.sh: $failed searches failed" >&2
  exit 1
fi
