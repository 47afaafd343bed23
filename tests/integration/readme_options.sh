#!/usr/bin/env bash
# The README's option table of each program and the program's --help agree:
# every option --help lists is in the table under the program's README
# heading and every option of that table is in --help, and every number
# --help gives as a default ("default 10", "defaults 1.2 and 0.5") is the
# default the table gives for that option.
. "$(dirname "$0")/lib.sh"
README="$PASSIM_SRC/README.md"

# help_entries PROG: one line per option entry of PROG --help (the option
# line and its continuation lines joined), from its "Options:" section.
help_entries() {
  "$PASSIM_BIN/$1" --help | awk '
    /^Options:/ { on = 1; next }
    on && /^  -/ { if (e != "") print e; e = $0; next }
    on && /^      / && e != "" { e = e " " $0; next }
    on { if (e != "") print e; e = "" }
    END { if (e != "") print e }'
}

# entry_options ENTRY: the options an entry names before its description
# (the part before the first run of two spaces).
entry_options() {
  local spec
  spec=$(printf '%s\n' "$1" | sed -E 's/^  +//; s/  .*//')
  printf '%s\n' "$spec" | { grep -oE '(^|[ ,])--?[a-z][a-z0-9-]*' || true; } | tr -d ' ,'
}

# table_rows PROG: the rows of the first option table under the README
# heading "### PROG", up to the next heading.
table_rows() {
  awk -v h="### $1 " '
    index($0, h) == 1 { on = 1; next }
    on && /^#/ { exit }
    on && /^\| option \| meaning \|/ { t = 1; next }
    t && /^\|---/ { next }
    t && /^\|/ { print; next }
    t { exit }' "$README"
}

# row_options ROW: the options named in the first cell of a table row.
row_options() {
  printf '%s\n' "$1" | awk -F' [|] ' '{ sub(/^[|] /, "", $1); print $1 }' |
    { grep -oE '(^|[ ,`])--?[a-z][a-z0-9-]*' || true; } | tr -d ' ,`'
}

for prog in passim-search passim-index passim-eval; do
  help=$(help_entries "$prog")
  rows=$(table_rows "$prog")
  check "$prog: --help lists options" test -n "$help"
  check "$prog: the README has its option table" test -n "$rows"
  in_help=$(while IFS= read -r e; do entry_options "$e"; done <<<"$help" | sed '/^$/d' | sort -u)
  in_readme=$(while IFS= read -r r; do row_options "$r"; done <<<"$rows" | sed '/^$/d' | sort -u)
  missing=$(comm -23 <(printf '%s\n' "$in_help") <(printf '%s\n' "$in_readme") | sed '/^$/d' | tr '\n' ' ')
  extra=$(comm -13 <(printf '%s\n' "$in_help") <(printf '%s\n' "$in_readme") | sed '/^$/d' | tr '\n' ' ')
  [ -z "$missing" ] || echo "  in --help, not in the README table: $missing"
  [ -z "$extra" ] || echo "  in the README table, not in --help: $extra"
  check "$prog: every --help option is in the README table" test -z "$missing"
  check "$prog: every README table option is in --help" test -z "$extra"

  # Defaults: each number --help gives as a default is the README's.
  bad=""
  while IFS= read -r e; do
    nums=$(printf '%s\n' "$e" | grep -oE 'defaults? [0-9][0-9.]*( and [0-9][0-9.]*)?' |
             grep -oE '[0-9][0-9.]*' || true)
    [ -n "$nums" ] || continue
    mine=""
    for o in $(entry_options "$e"); do
      mine+=$(while IFS= read -r r; do
                if row_options "$r" | grep -qxF -- "$o"; then printf '%s\n' "$r"; fi
              done <<<"$rows")$'\n'
    done
    for n in $nums; do
      n=${n%.}
      grep -qE "default \`?$(printf '%s' "$n" | sed 's/\./\\./g')\`?([^0-9.]|\.[^0-9]|$)" <<<"$mine" ||
        bad+="$(entry_options "$e" | tr '\n' ' ')(default $n) "
    done
  done <<<"$help"
  [ -z "$bad" ] || echo "  defaults that differ: $bad"
  check "$prog: the README gives --help's defaults" test -z "$bad"
done

finish
