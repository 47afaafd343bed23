#!/usr/bin/env bash
# Installing like a real tool: `cmake --install BUILD --prefix P` puts the
# programs in P/bin, the CGI in P/lib/cgi-bin and man pages generated from
# each program's --help in P/share/man/man1; the installed programs run.
# The run command's packages (scripts/deps.sh) hold no test tool, and the
# programs build without the test suite's libraries.
. "$(dirname "$0")/lib.sh"

P="$WORK/prefix"
cmake --install "$PASSIM_BIN" --prefix "$P" >"$WORK/install.log" 2>&1 || cat "$WORK/install.log"
for f in bin/passim-index bin/passim-search bin/passim-eval lib/cgi-bin/passim.cgi; do
  check "installed, executable: $f" test -x "$P/$f"
done

# man PAGE: the page rendered by man-db, wide enough not to break lines.
render() { MANWIDTH=1000 man -E ascii -l "$1" 2>"$WORK/man.err"; }
# same_options PROG: every --option of PROG --help is in its man page.
same_options() {
  local prog=$1 page=$P/share/man/man1/$1.1 missing=0
  render "$page" > "$WORK/$prog.txt" || return 1
  for opt in $("$P/bin/$prog" --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u); do
    if ! grep -qF -- "$opt" "$WORK/$prog.txt"; then
      echo "  $prog: $opt is in --help, not in the man page"
      missing=1
    fi
  done
  [ "$missing" = 0 ]
}
for prog in passim-index passim-search passim-eval; do
  page="$P/share/man/man1/$prog.1"
  check "man page installed: $prog.1" test -s "$page"
  check "groff parses $prog.1 without a warning" \
    sh -c 'groff -man -Tutf8 -ww -z "$1" 2>"$2" && ! test -s "$2"' sh "$page" "$WORK/groff.err"
  check "man -l renders $prog.1 with its name" sh -c "MANWIDTH=80 man -l '$page' 2>/dev/null | grep -q '^NAME'"
  check "man page of $prog has every option of its --help" same_options "$prog"
done
check "man page synopsis is the usage line" \
  grep -qF 'passim-search [OPTIONS] QUERY...' "$WORK/passim-search.txt"

# The installed programs run: index the bundled corpus, search it, score.
IDX="$WORK/index"
check "installed passim-index indexes the corpus" \
  "$P/bin/passim-index" -q --index "$IDX" "$PASSIM_SRC/corpus"
check "installed passim-search finds \"Bien Hoa\"" \
  sh -c "'$P/bin/passim-search' --index '$IDX' '\"Bien Hoa\"' | grep -q '001_1a7a354f7a53d6f6.txt'"
printf '1 0 a.txt 1\n' > "$WORK/qrels"
printf '1 Q0 a.txt 1 1.0 t\n' > "$WORK/run"
check "installed passim-eval scores a run" \
  sh -c "'$P/bin/passim-eval' '$WORK/qrels' '$WORK/run' | grep -q '1.0000'"
check "installed passim.cgi answers 200" \
  sh -c "PASSIM_INDEX='$IDX' '$P/lib/cgi-bin/passim.cgi' q=hanoi format=json | head -1 | grep -q '^Status: 200'"

# The run command installs no test tool; the test command installs them.
"$PASSIM_SRC/scripts/deps.sh" --list > "$WORK/run-pkgs" || true
"$PASSIM_SRC/scripts/deps.sh" --list --test > "$WORK/test-pkgs" || true
check "run command: the build and run packages" grep -qx libxapian-dev "$WORK/run-pkgs"
for p in libcmocka-dev chromium wrk xapian-omega sqlite3 gnuplot-nox lighttpd jq strace; do
  check "run command does not install $p" sh -c "! grep -qx '$p' '$WORK/run-pkgs'"
  check "test command installs $p" grep -qx "$p" "$WORK/test-pkgs"
done
check "test command also installs what the run command does" \
  sh -c "! grep -vxFf '$WORK/test-pkgs' '$WORK/run-pkgs' | grep -q ."
check "quickstart builds without the test suite" \
  grep -q -- '-DPASSIM_TESTS=OFF' "$PASSIM_SRC/scripts/quickstart.sh"
check "test command builds the test suite" \
  grep -q -- '-DPASSIM_TESTS=ON' "$PASSIM_SRC/scripts/test.sh"

# Configure without cmocka visible to pkg-config: the programs' build must
# not need it, the test suite's must (else hiding it proved nothing).
PC="$WORK/pkgconfig"
mkdir -p "$PC"
pc_path=$(pkg-config --variable pc_path pkg-config 2>/dev/null || true)
[ -n "$pc_path" ] || pc_path="/usr/local/lib/pkgconfig:/usr/lib/$(gcc -print-multiarch)/pkgconfig:/usr/lib/pkgconfig:/usr/share/pkgconfig"
IFS=: read -r -a pcdirs <<< "$pc_path"
for d in "${pcdirs[@]}"; do
  for pc in "$d"/*.pc; do
    [ -e "$pc" ] && [ "$(basename "$pc")" != cmocka.pc ] && ln -sf "$pc" "$PC/"
  done
done
configure() {
  rm -rf "$WORK/b"
  PKG_CONFIG_LIBDIR="$PC" PKG_CONFIG_PATH="" \
    cmake -S "$PASSIM_SRC" -B "$WORK/b" "$@" >"$WORK/configure.log" 2>&1
}
check "configures without cmocka when the tests are off" configure -DPASSIM_TESTS=OFF
configure_fails() { ! configure "$@"; }
check "(cmocka is hidden: configuring the tests fails)" configure_fails -DPASSIM_TESTS=ON
grep -q cmocka "$WORK/configure.log" || cat "$WORK/configure.log"

finish
