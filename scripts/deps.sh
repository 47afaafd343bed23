#!/usr/bin/env bash
# Install the Debian packages passim needs, if any are missing; apt-get
# runs through sudo when not root.
#
#   scripts/deps.sh          what building and running need (the compiler,
#                            CMake, the libraries, help2man for the man pages)
#   scripts/deps.sh --test   that, plus what the test suite and the
#                            benchmarks need (cmocka, jq, the Xapian tools,
#                            Omega, SQLite, gnuplot, lighttpd, curl, wrk,
#                            Chromium, strace, man)
#   scripts/deps.sh --list [--test]   print the packages, install nothing
set -euo pipefail

# Building (cmake -DPASSIM_TESTS=OFF) and running the programs.
build_packages=(
  build-essential cmake pkg-config
  libxapian-dev libstemmer-dev zlib1g-dev libutf8proc-dev libjansson-dev
  help2man
)
# The test suite (ctest, scripts/test.sh) and the benchmarks.
test_packages=(
  libcmocka-dev                  # unit tests
  jq xz-utils gzip               # integration tests: JSON, shared corpora
  xapian-tools                   # xapian-check, xapian-compact
  strace util-linux              # incremental.sh (opened files), setpriv, flock
  man-db groff-base              # install.sh renders the man pages
  lighttpd curl                  # cgi_server.sh: the CGI behind a real server
  chromium fonts-dejavu-core     # cgi_server.sh: the page as a browser draws it
  xapian-omega sqlite3 libsqlite3-dev gnuplot-nox   # bench_smoke.sh, bench/run.sh
  wrk                            # bench/cgi.sh: load on the CGI
)

want_test=0 list=0
for arg in "$@"; do
  case "$arg" in
    --test) want_test=1 ;;
    --list) list=1 ;;
    *) echo "deps.sh: unknown argument '$arg' (use --test, --list)" >&2; exit 2 ;;
  esac
done
packages=("${build_packages[@]}")
[ "$want_test" = 1 ] && packages+=("${test_packages[@]}")
if [ "$list" = 1 ]; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing+=("$p") ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
