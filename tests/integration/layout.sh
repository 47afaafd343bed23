#!/usr/bin/env bash
# The tree keeps its stages (lib/README.md): every module lives in a stage
# folder, includes other modules as "stage/module.h", and uses only its own
# stage and the stages before it (util, text, index, search, web; eval uses
# util only); each .c has its .h.
. "$(dirname "$0")/lib.sh"
cd "$PASSIM_SRC"

# allowed STAGE: the stages STAGE may include.
allowed() {
  case $1 in
    util) echo "util" ;;
    text) echo "util text" ;;
    index) echo "util text index" ;;
    search) echo "util text index search" ;;
    web) echo "util text index search web" ;;
    eval) echo "util eval" ;;
    *) echo "" ;;
  esac
}

check "no module outside a stage folder" test -z "$(find lib -maxdepth 1 -name '*.[ch]')"
bad=""
for f in lib/*/*.[ch]; do
  stage=${f#lib/}; stage=${stage%%/*}
  ok=$(allowed "$stage")
  if [ -z "$ok" ]; then bad+="$f: unknown stage $stage"$'\n'; continue; fi
  while IFS= read -r inc; do
    case $inc in
      xapian_c.h) [ "$stage" = util ] && bad+="$f: util uses the wrapper"$'\n' ;;
      */*) s=${inc%%/*}
           case " $ok " in *" $s "*) ;; *) bad+="$f: $stage uses $s ($inc)"$'\n' ;; esac
           [ -f "lib/$inc" ] || bad+="$f: no lib/$inc"$'\n' ;;
      *) bad+="$f: \"$inc\" is not included by stage"$'\n' ;;
    esac
  done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f")
done
[ -z "$bad" ] || printf '%s' "$bad"
check "every include names its stage, and only earlier stages are used" test -z "$bad"
missing=""
for c in lib/*/*.c; do [ -f "${c%.c}.h" ] || missing+="$c "; done
check "every module has its header" test -z "$missing"
# Only lib/ talks to the Xapian wrapper: no program (nor a test program
# driving the library as one) includes its header or a lib-internal one
# (*_private.h), or names anything of it (xc_...), not even in a comment.
programs=$(ls searcher/*.[ch] cgi/*.[ch] indexer/*.[ch] eval/*.[ch] bench/*.[ch] \
              tests/integration/*.c 2>/dev/null || true)
wrapped=$(grep -lE '(^|[^A-Za-z0-9_])xc_|xapian_c\.h|_private\.h' $programs || true)
[ -z "$wrapped" ] || echo "uses the wrapper: $wrapped"
check "no program uses the wrapper or a lib-internal header" test -z "$wrapped"
# ... nor reaches the wrapper's header through a lib header it includes.
reached=""
for p in $programs; do
  case $p in *.c) ;; *) continue ;; esac
  if cc -E -M -MG -Ilib -Ixapian-c "$p" 2>/dev/null | tr ' ' '\n' | grep -q 'xapian_c\.h'; then
    reached+="$p "
  fi
done
[ -z "$reached" ] || echo "reach xapian_c.h through lib headers: $reached"
check "no program reaches the wrapper's header through the headers it includes" test -z "$reached"

# Every lib/STAGE/MODULE.c has its unit test file tests/unit/STAGE/test_MODULE.c.
untested=""
for c in lib/*/*.c; do
  m=${c#lib/}; m=${m%.c}
  [ -f "tests/unit/${m%%/*}/test_${m#*/}.c" ] || untested+="$c "
done
[ -z "$untested" ] || echo "without a unit test file: $untested"
check "every module has its unit test file tests/unit/STAGE/test_MODULE.c" test -z "$untested"
# Out of memory says what was being allocated (status.h): no bare status
# returned or stored, always passim_error_nomem("...") (a variable's initial
# value, overwritten before it is returned, aside).
bare=$(grep -nE '(return PASSIM_ENOMEM;|[^=!<>]= PASSIM_ENOMEM;|[?:] PASSIM_ENOMEM;)' \
         lib/*/*.c xapian-c/*.cc xapian-c/*.c 2>/dev/null |
       grep -vE 'passim_status [a-z_]+ = PASSIM_ENOMEM;' || true)
[ -z "$bare" ] || echo "bare PASSIM_ENOMEM: $bare"
check "every out-of-memory error names what was being allocated" test -z "$bare"
check "lib/README.md names every stage" \
  sh -c 'for d in lib/*/; do d=${d#lib/}; grep -q "\`$d\`" lib/README.md || exit 1; done'

# Out-parameters come first (DESIGN.md, as libgit2): in a public header, a
# parameter named out or out_* (any pointer level), or a `T **` that is not
# const, comes first or after other out-parameters only (those, or pointers
# to a scalar such as `size_t *len`). Callback parameters are not looked at.
# Out-parameters with other names (`int *changed`) are kept by review.
late_out=$(perl -e '
use strict; use warnings;
my $scalar = qr/^(?:size_t|int|unsigned|uint32_t|uint64_t|double|long|pid_t|xc_docid)\s*\*\s*\w+$/;
for my $f (@ARGV) {
    local $/; open my $h, '\''<'\'', $f or die "$f: $!"; my $s = <$h>;
    $s =~ s{/\*.*?\*/}{ }gs; $s =~ s{//[^\n]*}{}g; $s =~ s{^\s*#[^\n]*}{}mg;
    while ($s =~ /([A-Za-z_]\w*)\s*\(((?:[^();{}]|\([^()]*\))*)\)\s*;/g) {
        my ($name, $plist) = ($1, $2);
        my @p = map { s/^\s+|\s+$//gr =~ s/\s+/ /gr } split /,(?![^()]*\))/, $plist;
        my $ok_before = 1;
        for my $i (0 .. $#p) {
            my $q = $p[$i];
            next if $q =~ /\(/;    # a callback parameter
            my $outlike = ($q =~ /\*\s*(out|out_\w+)$/) ||
                          ($q =~ /\*\s*\*/ && $q !~ /const\s*\*/ && $q !~ /^const\b/);
            if ($outlike && !$ok_before) { print "$f: $name($plist)\n" =~ s/\s+/ /gr, "\n"; last }
            $ok_before &&= ($outlike || $q =~ $scalar);
        }
    }
}
' xapian-c/xapian_c.h lib/*/*.h)
[ -z "$late_out" ] || printf 'out-parameter not first: %s\n' "$late_out"
check "public headers take out-parameters first" test -z "$late_out"

finish
