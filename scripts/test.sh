#!/usr/bin/env bash
# Install what is missing (scripts/deps.sh --test: building, running and
# every test's tools), build, and run the whole test suite through ctest
# twice: a normal build and an AddressSanitizer + UBSan build, both with
# warnings as errors. Run from anywhere; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh --test
jobs=$(nproc)
status=0

run_suite() {
  local dir=$1; shift
  echo "== build $dir ($*)"
  cmake -S . -B "$dir" -DPASSIM_WERROR=ON -DPASSIM_TESTS=ON "$@" >/dev/null
  cmake --build "$dir" -j"$jobs" >/dev/null
  echo "== ctest $dir"
  (cd "$dir" && ctest --output-on-failure -j"$jobs") || status=1
}

run_suite build -DCMAKE_BUILD_TYPE=RelWithDebInfo
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite build-asan -DCMAKE_BUILD_TYPE=Debug -DPASSIM_SANITIZE=ON
exit $status
