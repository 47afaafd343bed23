#!/usr/bin/env bash
# The summary adds up: every file, line or article skipped is counted once
# in `failed` (the human line and --json alike), named with its path on
# stderr, and gives exit 6; an identical rerun counts the same; a parallel
# build counts as a build in one process. A table of cases, each a corpus
# of one good article plus the case.
. "$(dirname "$0")/lib.sh"

good() { printf 'A good article\n\nIt holds a sentence about the harbour.\n' > "$1/good.txt"; }

# case_* DIR: make the case's files in DIR.
case_two_empty_files() { : > "$1/e1.txt"; : > "$1/e2.txt"; }
case_blank_file() { printf '\n\n   \n' > "$1/blank.txt"; }
case_bad_jsonl_lines() {
  printf '%s\n' '{"id": "j1", "text": "fine record"}' 'not json' '{"text": "no id"}' \
    '{"id": "j2"}' '{"id": "j3", "text": "fine too"}' > "$1/lines.jsonl"
}
case_duplicate_in_one_file() {
  printf '%s\n' '{"id": "d1", "text": "first"}' '{"id": "d1", "text": "second"}' > "$1/dup.jsonl"
}
case_duplicate_across_files() {
  printf '%s\n' '{"id": "x1", "text": "first copy"}' > "$1/a.jsonl"
  printf '%s\n' '{"id": "x1", "text": "second copy"}' > "$1/b.jsonl"
}
case_control_char_id() {
  printf '%s\n' '{"id": "ok", "text": "fine"}' '{"id": "bad\nid", "text": "newline in id"}' \
    '{"id": "esc\u001b", "text": "escape in id"}' > "$1/ctl.jsonl"
}
case_truncated_gzip() {
  printf 'A headline\n\n%s\n' "$(seq 1 400 | tr '\n' ' ')" | gzip | head -c 60 > "$1/cut.txt.gz"
}
case_binary_file() { head -c 4096 /dev/urandom > "$1/noise.txt"; }
case_fifo() { mkfifo "$1/pipe.txt"; }
case_empty_jsonl_record_text() { printf '%s\n' '{"id": "t", "text": ""}' > "$1/notext.jsonl"; }

# name | expected failed | paths (basenames) that must be named on stderr
CASES=(
  "two_empty_files|2|e1.txt e2.txt"
  "blank_file|1|blank.txt"
  "bad_jsonl_lines|3|lines.jsonl:2 lines.jsonl:3 lines.jsonl:4"
  "duplicate_in_one_file|1|dup.jsonl:2"
  "duplicate_across_files|1|b.jsonl:1"
  "control_char_id|2|ctl.jsonl:2 ctl.jsonl:3"
  "truncated_gzip|1|cut.txt.gz"
  "binary_file|1|noise.txt"
  "fifo|1|pipe.txt"
  "empty_jsonl_record_text|1|notext.jsonl:1"
)

# run IDX ARGS...: passim-index twice over the same corpus — human line,
# then --json — so both forms are compared.
run_json() {
  set +e
  "$INDEX_BIN" --index "$1" --json "${@:2}" >"$WORK/sum" 2>"$WORK/err"
  rc=$?
  set -e
}
run_human() {
  set +e
  "$INDEX_BIN" --index "$1" "${@:2}" >"$WORK/out" 2>"$WORK/err"
  rc=$?
  set -e
}
human_failed() { sed -n 's/.*, failed \([0-9]*\);.*/\1/p' "$WORK/out"; }
named_all() {
  local p
  for p in $1; do grep -aq "/$p[: ].*(skipped)\$" "$WORK/err" || { echo "    not named: $p"; return 1; }; done
}

total_want=1 # the good article of the combined corpus
ALL="$WORK/all"
mkdir -p "$ALL"
good "$ALL"
for row in "${CASES[@]}"; do
  IFS='|' read -r name want paths <<<"$row"
  C="$WORK/c-$name"
  mkdir -p "$C"
  good "$C"
  "case_$name" "$C"
  mkdir -p "$ALL/$name" && "case_$name" "$ALL/$name"
  echo "== $name: failed $want"
  run_human "$WORK/h-$name" "$C"
  sed 's/^/    /' "$WORK/err" | cat -v
  check "$name: human line says failed $want (got $(human_failed))" test "$(human_failed)" = "$want"
  check "$name: exit 6" test "$rc" = 6
  check "$name: each skip named with its path" named_all "$paths"
  run_json "$WORK/j-$name" "$C"
  check "$name: --json says failed $want" test "$(jq .failed "$WORK/sum")" = "$want"
  run_json "$WORK/j-$name" "$C"
  check "$name: an identical rerun counts failed $want again ($(jq -c . "$WORK/sum"))" \
    test "$(jq .failed "$WORK/sum")" = "$want"
  check "$name: rerun exit 6" test "$rc" = 6
  check "$name: the rerun read nothing again" test "$(jq -c '[.bytes, .replaced, .added]' "$WORK/sum")" = "[0,0,0]"
  check "$name: rerun names the files again" named_all "$(sed 's/:[0-9]*//g' <<<"$paths")"
done

echo "== all cases together, in one process and in parallel"
sum=0
for row in "${CASES[@]}"; do IFS='|' read -r _ want _ <<<"$row"; sum=$((sum + want)); done
for jobs in 1 2; do
  run_json "$WORK/all-$jobs" --jobs "$jobs" "$ALL"
  echo "    --jobs $jobs: $(jq -c . "$WORK/sum") (exit $rc)"
  check "--jobs $jobs: failed is the sum of the cases ($sum)" test "$(jq .failed "$WORK/sum")" = "$sum"
  check "--jobs $jobs: exit 6" test "$rc" = 6
  check "--jobs $jobs: as many skips named as counted" \
    test "$(grep -ac '(skipped)$' "$WORK/err")" = "$sum"
  run_json "$WORK/all-$jobs" --jobs "$jobs" "$ALL"
  check "--jobs $jobs: identical rerun counts failed $sum again" test "$(jq .failed "$WORK/sum")" = "$sum"
  check "--jobs $jobs: identical rerun read nothing again" test "$(jq -c '[.bytes, .replaced, .added]' "$WORK/sum")" = "[0,0,0]"
done
run_json "$WORK/all-1" --rebuild --jobs 2 "$ALL"
check "--rebuild in parallel: failed $sum" test "$(jq .failed "$WORK/sum")" = "$sum"

finish
