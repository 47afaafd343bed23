#!/usr/bin/env bash
# Run the libFuzzer targets of tests/fuzz with clang, one after another.
#
# usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# SECONDS_PER_TARGET defaults to 60; TARGETs are names such as `analyzer`
# or `jsonl` (default: every tests/fuzz/fuzz_<name>.c that has a corpus in
# tests/fuzz/corpus/<name>/). Installs clang and libclang-rt-14-dev when
# missing (apt-get, through sudo when not root), configures a clang build
# with -DPASSIM_FUZZ=ON (libFuzzer + ASan + UBSan) and runs each target in
# a single process with -max_total_time, its dictionary
# (tests/fuzz/<name>.dict) when there is one, and a -max_len suited to it.
#
# New corpus entries go to a scratch directory, never into the committed
# corpus. A crash stops that target's run; the input is minimized
# (-minimize_crash) and copied into tests/fuzz/corpus/<name>/ as
# crash-<what>-<hash>, a regression input that ctest then replays (rename
# it to say what it is once diagnosed). Closes with a table per target:
# runs, coverage, crashes found. Exits 1 when anything crashed.
#
# Environment: FUZZ_BUILD_DIR (default build-fuzz), FUZZ_WORK_DIR (scratch:
# corpora, crash files and logs; default $FUZZ_BUILD_DIR/fuzz-work),
# FUZZ_JOBS (build parallelism, default nproc).
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD

secs=60
if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then
  secs=$1
  shift
fi
build=${FUZZ_BUILD_DIR:-build-fuzz}
work=${FUZZ_WORK_DIR:-$build/fuzz-work}
jobs=${FUZZ_JOBS:-$(nproc)}

# ---- tools ------------------------------------------------------------------
need=()
for p in clang libclang-rt-14-dev; do
  case "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" in
    *"install ok installed"*) ;;
    *) need+=("$p") ;;
  esac
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing: ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
scripts/deps.sh

# ---- targets ----------------------------------------------------------------
all=()
for f in tests/fuzz/fuzz_*.c; do
  name=${f#tests/fuzz/fuzz_}
  name=${name%.c}
  [ -d "tests/fuzz/corpus/$name" ] && all+=("$name")
done
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")
for t in "${targets[@]}"; do
  if [ ! -f "tests/fuzz/fuzz_$t.c" ] || [ ! -d "tests/fuzz/corpus/$t" ]; then
    echo "fuzz.sh: unknown target '$t' (have: ${all[*]})" >&2
    exit 2
  fi
done

# Longest input libFuzzer makes for a target: articles are a few KB; a
# JSON Lines file must be able to cross the reader's 64 KiB buffer; a
# query is at most 4096 bytes (a little more tests the limit).
max_len() {
  case $1 in
    analyzer) echo 4096 ;;
    sentence|article|docdata) echo 8192 ;;
    jsonl) echo 70000 ;;
    query) echo 4200 ;;
    *) echo 4096 ;;
  esac
}

# ---- build ------------------------------------------------------------------
echo "== configure $build (clang, libFuzzer + ASan + UBSan)"
cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DPASSIM_FUZZ=ON -DPASSIM_SANITIZE=ON >/dev/null
build_targets=()
for t in "${targets[@]}"; do build_targets+=(--target "fuzz_$t"); done
echo "== build ${targets[*]}"
cmake --build "$build" -j"$jobs" "${build_targets[@]}" >/dev/null

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# describe LOG: a short name for the crash reported in LOG, such as
# heap-buffer-overflow-reader-366 or invariant-check-120.
describe() {
  local line what where
  if grep -q 'ERROR: libFuzzer: timeout' "$1"; then echo timeout; return; fi
  if grep -qE 'ERROR: libFuzzer: out-of-memory|allocation-size-too-big' "$1"; then
    echo oom; return
  fi
  if grep -qE '^SUMMARY: AddressSanitizer: [0-9]+ byte\(s\) leaked' "$1"; then
    where=$(grep -m1 -E '^    #[0-9]+ .* in [A-Za-z_]+ .*/lib/' "$1" |
            sed -nE 's/.* in ([A-Za-z0-9_]+) .*/\1/p' || true)
    echo "leak${where:+-$where}"; return
  fi
  line=$(grep -m1 -E '^SUMMARY: [A-Za-z]+Sanitizer: [a-z]' "$1" || true)
  if [ -n "$line" ]; then
    # "SUMMARY: AddressSanitizer: heap-buffer-overflow /p/lib/x.c:12:3 in f"
    what=$(sed -E 's/^SUMMARY: [A-Za-z]+Sanitizer: ([a-z-]+).*/\1/' <<<"$line")
    where=$(sed -nE 's/.*[/ ]([A-Za-z0-9_]+)\.(c|cc|h):([0-9]+).*/\1-\3/p' <<<"$line")
    echo "${what}${where:+-$where}"
    return
  fi
  line=$(grep -m1 'invariant failed:' "$1" || true)
  if [ -n "$line" ]; then
    where=$(sed -nE 's/.*[(/]([A-Za-z0-9_]+)\.c:([0-9]+)\)$/\1-\2/p' <<<"$line")
    echo "invariant-${where:-unknown}"
    return
  fi
  echo crash
}

declare -A runs cov crashes
status=0
for t in "${targets[@]}"; do
  bin=$build/tests/fuzz/fuzz_$t
  dir=$work/$t
  mkdir -p "$dir/corpus" "$dir/crashes"
  log=$dir/fuzz.log
  args=(-max_total_time="$secs" -max_len="$(max_len "$t")" -timeout=10
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$dir/crashes/")
  [ -f "tests/fuzz/$t.dict" ] && args+=(-dict="tests/fuzz/$t.dict")
  echo "== fuzz $t for ${secs}s (log: $log)"
  touch "$log.start"
  # New entries go to the first directory (scratch); the committed corpus
  # is only read.
  "$bin" "${args[@]}" "$dir/corpus" "tests/fuzz/corpus/$t" >"$log" 2>&1 || true
  runs[$t]=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -1)
  cov[$t]=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || true)
  found=0
  mapfile -t new_crashes < <(find "$dir/crashes" -type f \( -name 'crash-*' \
    -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) ! -name '*.log' \
    ! -name '*.min' -newer "$log.start" | sort)
  for crash in "${new_crashes[@]}"; do
    found=$((found + 1))
    status=1
    # A committed input that still crashes: known, not copied again.
    sum=$(sha1sum <"$crash" | cut -c1-40)
    known=$(cd "tests/fuzz/corpus/$t" && sha1sum -- * 2>/dev/null |
            awk -v s="$sum" '$1 == s { print $2; exit }')
    if [ -n "$known" ]; then
      echo "   crash: committed input tests/fuzz/corpus/$t/$known still crashes (report: $crash.log)"
      "$bin" "$crash" >"$crash.log" 2>&1 || true
      continue
    fi
    # Replay to learn what it is, then minimize (not timeouts: too slow).
    "$bin" "$crash" >"$crash.log" 2>&1 || true
    what=$(describe "$crash.log")
    min=$crash
    case $what in
      timeout|oom) ;;
      *)
        mkdir -p "$dir/minimize"
        "$bin" -minimize_crash=1 -runs=20000 -max_total_time=120 \
          -artifact_prefix="$dir/minimize/" -exact_artifact_path="$crash.min" \
          "$crash" >"$crash.min.log" 2>&1 || true
        [ -s "$crash.min" ] && min=$crash.min
        ;;
    esac
    hash=$(sha1sum "$min" | cut -c1-8)
    dest=tests/fuzz/corpus/$t/crash-$what-$hash
    cp "$min" "$dest"
    echo "   crash: $what -> $dest ($(wc -c <"$min") bytes; report: $crash.log)"
  done
  crashes[$t]=$found
done

echo
printf '%-12s %12s %-24s %s\n' target runs coverage crashes
for t in "${targets[@]}"; do
  printf '%-12s %12s %-24s %s\n' "$t" "${runs[$t]:-?}" "${cov[$t]:-?}" "${crashes[$t]}"
done
exit $status
