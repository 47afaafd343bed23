#!/usr/bin/env bash
# Install what building and running need (scripts/deps.sh: no test tools),
# build the programs and their man pages (no test suite), index ./corpus
# into ./index and run a sample search. Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPASSIM_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
build/passim-index --index index corpus
build/passim-search --index index --per-article 2 '"Bien Hoa"'
