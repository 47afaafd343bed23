#!/usr/bin/env bash
# Article ids across corpus roots and odd file names:
#   - two roots holding the same relative names (A/x/1.txt, B/x/1.txt):
#     both roots' articles are indexed under labelled ids, whatever --jobs,
#     and stay right through later runs (rm -rf A/*, touch, --retry-failed);
#   - one root keeps its plain relative ids;
#   - a duplicate JSON Lines id: the first file in corpus order keeps it,
#     with --jobs 1 and 2 alike; the other is reported with FILE:LINE and
#     counted, and indexed once the first is gone;
#   - a file name that is not valid UTF-8 gets a faithful escaped id.
. "$(dirname "$0")/lib.sh"

# index DIR ARGS...: passim-index --json on DIR; summary in $WORK/sum,
# messages in $WORK/err, exit code in $rc.
index() {
  local dir=$1; shift
  set +e
  "$INDEX_BIN" --index "$dir" --json "$@" >"$WORK/sum" 2>"$WORK/err"
  rc=$?
  set -e
  sed 's/^/    /' "$WORK/err"
  echo "    $(cat "$WORK/sum") (exit $rc)"
}
counts() { jq -c '[.added,.replaced,.removed,.unchanged,.failed]' "$WORK/sum"; }
ids() { xapian-delve -a -1 "$1" | sed -n 's/^Q//p' | LC_ALL=C sort; }
# articles DIR: every article's id, title and text, as passim-search shows them.
articles() {
  "$SEARCH_BIN" --index "$1" --json --limit 1000 --per-article 10 report |
    jq -S -c '[.results[] | {id, title, date, text, passage}] | sort_by(.id, .passage)'
}
found() { "$SEARCH_BIN" --index "$1" --json --limit 100 "$2" | jq -r '.results[].id' | LC_ALL=C sort -u | paste -sd' '; }
article() { printf '%s\n\nThe %s report was published by the committee this week.\n' "$2" "$3" > "$1"; }

echo "== two roots with the same relative names"
A="$WORK/A" B="$WORK/B"
mkdir -p "$A/x" "$B/x"
for n in 1 2 3; do
  article "$A/x/$n.txt" "Alpha $n" "alphaword$n"
  article "$B/x/$n.txt" "Beta $n" "betaword$n"
done
want=$(printf '%s\n' A/x/1.txt A/x/2.txt A/x/3.txt B/x/1.txt B/x/2.txt B/x/3.txt)
for jobs in default 1 2; do
  I="$WORK/i-$jobs"
  if [ "$jobs" = default ]; then index "$I" "$A" "$B"; else index "$I" --jobs "$jobs" "$A" "$B"; fi
  check "jobs $jobs: exit 0" test "$rc" = 0
  check "jobs $jobs: 6 added, failed 0" test "$(counts)" = "[6,0,0,0,0]"
  check "jobs $jobs: every article under its root's label" test "$(ids "$I")" = "$want"
  check "jobs $jobs: A's and B's words are found" \
    test "$(found "$I" alphaword1) $(found "$I" betaword1)" = "A/x/1.txt B/x/1.txt"
done
check "--jobs 1 and --jobs 2 build the same articles" \
  cmp -s <(articles "$WORK/i-1") <(articles "$WORK/i-2")
check "the default and --jobs 1 build the same articles" \
  cmp -s <(articles "$WORK/i-default") <(articles "$WORK/i-1")

for jobs in default 1; do
  I="$WORK/i-$jobs"
  ja=(); [ "$jobs" = default ] || ja=(--jobs "$jobs")
  index "$I" "${ja[@]}" "$A" "$B"
  check "jobs $jobs, rerun: all 6 unchanged" test "$(counts)" = "[0,0,0,6,0]"
done
rm -rf "${A:?}"/*
for jobs in default 1; do
  I="$WORK/i-$jobs"
  ja=(); [ "$jobs" = default ] || ja=(--jobs "$jobs")
  index "$I" "${ja[@]}" "$A" "$B"
  check "jobs $jobs, rm -rf A/*: A's 3 articles removed" test "$(counts)" = "[0,0,3,3,0]"
  check "jobs $jobs, rm -rf A/*: A's words are found no more" test -z "$(found "$I" alphaword1)"
  check "jobs $jobs, rm -rf A/*: B's articles stay" \
    test "$(ids "$I")" = "$(printf '%s\n' B/x/1.txt B/x/2.txt B/x/3.txt)"
  touch "$B/x/1.txt"
  index "$I" "${ja[@]}" "$A" "$B"
  check "jobs $jobs, touch: still B's 3, unchanged" test "$(counts)" = "[0,0,0,3,0]"
  index "$I" "${ja[@]}" --retry-failed "$A" "$B"
  check "jobs $jobs, --retry-failed: still B's 3, unchanged" test "$(counts)" = "[0,0,0,3,0]"
  check "jobs $jobs: B's words are found" test "$(found "$I" betaword2)" = B/x/2.txt
done

echo "== one root keeps plain relative ids"
index "$WORK/i-one" "$B"
check "one root: ids relative to it" test "$(ids "$WORK/i-one")" = "$(printf '%s\n' x/1.txt x/2.txt x/3.txt)"
index "$WORK/i-one" "$B" "$B/"
check "the same root given twice counts once: plain ids, unchanged" \
  test "$(counts)" = "[0,0,0,3,0]"
index "$WORK/i-one" "$B" "$A"
check "a second root added: the ids take labels (3 added, 3 removed)" \
  test "$(counts)" = "[3,0,3,0,0]"
check "a second root added: labelled ids" \
  test "$(ids "$WORK/i-one")" = "$(printf '%s\n' B/x/1.txt B/x/2.txt B/x/3.txt)"
mkdir -p "$WORK/p/news" "$WORK/q/news"
article "$WORK/p/news/a.txt" "Pnews" pnewsword
article "$WORK/q/news/a.txt" "Qnews" qnewsword
index "$WORK/i-labels" "$WORK/p/news" "$WORK/q/news" "$B/x/1.txt"
check "labels: as many trailing components as make them distinct; a file: its label" \
  test "$(ids "$WORK/i-labels")" = "$(printf '%s\n' 1.txt p/news/a.txt q/news/a.txt)"

echo "== duplicate JSON Lines ids: the first in corpus order wins"
D="$WORK/dups"
mkdir -p "$D"
for n in 00 01 02 03 04 05 06 07 08 09; do
  printf '{"id": "pad%s", "text": "Padding report %s."}\n{"id": "shared", "text": "Copy %s of the shared report."}\n' \
    "$n" "$n" "$n" > "$D/d$n.jsonl"
done
for jobs in 1 2; do
  I="$WORK/dup-$jobs"
  index "$I" --jobs "$jobs" "$D"
  check "jobs $jobs: exit 6" test "$rc" = 6
  check "jobs $jobs: 11 added, 9 duplicates counted failed" test "$(counts)" = "[11,0,0,0,9]"
  check "jobs $jobs: the first file's copy is kept" \
    test "$(found "$I" shared)" = shared -a "$("$SEARCH_BIN" --index "$I" --json shared | jq -r '.results[0].text')" = "Copy 00 of the shared report."
  check "jobs $jobs: each loser named with FILE:LINE" \
    test "$(grep -c 'dups/d0[1-9].jsonl:2: duplicate article id' "$WORK/err")" = 9
  index "$I" --jobs "$jobs" "$D"
  check "jobs $jobs, identical rerun: the same count" test "$(counts)" = "[0,0,0,11,9]"
  check "jobs $jobs, identical rerun: exit 6" test "$rc" = 6
done
check "--jobs 1 and 2: the same articles" cmp -s <(articles "$WORK/dup-1") <(articles "$WORK/dup-2")
rm "$D/d00.jsonl"
index "$WORK/dup-1" --jobs 1 "$D"
check "first copy's file removed: the next copy is indexed (d01's)" \
  test "$("$SEARCH_BIN" --index "$WORK/dup-1" --json shared | jq -r '.results[0].text')" = "Copy 01 of the shared report."
check "first copy's file removed: d01 read again (pad01 and shared replaced), pad00 removed" \
  test "$(counts)" = "[0,2,1,8,8]"

echo "== a file name that is not valid UTF-8"
L="$WORK/latin1"
mkdir -p "$L"
article "$L/caf$(printf '\351').txt" "Cafe report" cafeword
article "$L/back\\slash.txt" "Backslash report" slashword
article "$L/lit\\xff.txt" "Literal escape report" literalword
index "$WORK/i-latin1" "$L"
check "Latin-1 name: exit 0" test "$rc" = 0
check "Latin-1 name: a warning names the file and its id" \
  env LC_ALL=C grep -aq 'caf\\xe9\.txt: file name is not valid UTF-8; its id is "caf\\xe9.txt"' "$WORK/err"
set +e
json=$("$SEARCH_BIN" --index "$WORK/i-latin1" --json cafeword); src=$?
set -e
check "Latin-1 name: passim-search --json works (exit $src)" test "$src" = 0
check "Latin-1 name: its id is the escaped name, valid UTF-8" \
  test "$(jq -r '.results[0].id' <<<"$json")" = 'caf\xe9.txt'
check "a lone backslash stays as it is" test "$(found "$WORK/i-latin1" slashword)" = 'back\slash.txt'
check "a name that reads as an escape: warned" grep -aq 'lit.xff.txt: file name holds what reads as an escape' "$WORK/err"
check "a backslash that would read as an escape is doubled" \
  test "$(found "$WORK/i-latin1" literalword)" = 'lit\\xff.txt'

finish
