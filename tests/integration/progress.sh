#!/usr/bin/env bash
# The progress line (shown only on a terminal: the run is given one by
# script(1)) counts the whole run's files, whichever number of workers
# builds it, and ends at the corpus's file count.
. "$(dirname "$0")/lib.sh"

BBC="$WORK/bbc"
mkdir -p "$BBC"
tar -xJf "$PASSIM_SHARED/corpora/bbc.tar.xz" -C "$BBC"
total=$(find "$BBC" -name '*.txt' | wc -l)
check "script(1) is installed" command -v script

# progress JOBS: the progress lines of a full build with --jobs JOBS, one
# per line, as "done/total".
progress() {
  rm -rf "$WORK/index"
  script -qec "$(printf '%q ' "$INDEX_BIN" --index "$WORK/index" --jobs "$1" "$BBC")" /dev/null \
    > "$WORK/tty" 2>&1 || true
  tr '\r' '\n' < "$WORK/tty" | grep -ao '[0-9]*/[0-9]* files' | sed 's/ files//'
}
# mb: the MB totals the progress lines of the last run showed.
mb() { tr '\r' '\n' < "$WORK/tty" | grep -ao '[0-9.]*/[0-9.]* MB' | sed 's/ MB//; s|.*/||' | sort -u; }
want_mb=$(find "$BBC" -name '*.txt' -printf '%s\n' | awk '{ n += $1 } END { printf "%.1f", n / 1e6 }')
for jobs in 1 2 4; do
  p=$(progress "$jobs")
  echo "    --jobs $jobs: $(wc -l <<<"$p") progress lines, first $(head -1 <<<"$p"), last $(tail -1 <<<"$p")"
  check "--jobs $jobs: progress lines were shown" test -n "$p"
  check "--jobs $jobs: every line counts out of the whole run's $total files" \
    test -z "$(grep -v "/$total\$" <<<"$p")"
  check "--jobs $jobs: the MB total is the whole corpus's ($want_mb MB; shown: $(mb | paste -sd' '))" \
    test "$(mb)" = "$want_mb"
  check "--jobs $jobs: files done never exceed the total" \
    test -z "$(awk -F/ '$1 > $2' <<<"$p")"
  check "--jobs $jobs: the summary accounts for all $total articles" \
    grep -aq "added $total," "$WORK/tty"
done

finish
