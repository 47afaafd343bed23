# Helpers shared by the integration tests (sourced, not run by ctest:
# ctest runs only tests/integration/*.sh files that are not named lib.sh).
set -euo pipefail
: "${PASSIM_BIN:?}" "${PASSIM_SRC:?}"
INDEX_BIN="$PASSIM_BIN/passim-index"
SEARCH_BIN="$PASSIM_BIN/passim-search"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/passim-it.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
failures=0
checks=0

# check NAME COMMAND...: run a test command; report and count failure.
check() {
  local name=$1; shift
  checks=$((checks + 1))
  if "$@"; then
    echo "ok   $name"
  else
    echo "FAIL $name"
    failures=$((failures + 1))
  fi
}

# finish: print the closing line and exit with the right status.
finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [ "$failures" -eq 0 ]
}

# byte_slice TEXT START END: the bytes [START, END) of TEXT.
byte_slice() {
  local LC_ALL=C
  printf '%s' "${1:$2:$3-$2}"
}
