#!/usr/bin/env bash
# "Did you mean": a table of queries over the seeds and an accented article,
# each with the suggestion expected or "-" for none. A suggestion corrects
# every misspelt plain word (never stopwords, operators, prefixes or
# name:value chunks) and is shown only when it finds clearly more.
. "$(dirname "$0")/lib.sh"

C="$WORK/corpus"
mkdir -p "$C"
cp "$PASSIM_SRC"/corpus/*.txt "$PASSIM_SRC"/tests/data/accented/*.txt "$C"/
IDX="$WORK/index"
"$INDEX_BIN" --index "$IDX" --quiet "$C"

rows=0
while IFS=$'\t' read -r query want; do
  [ -z "$query" ] && continue
  rows=$((rows + 1))
  got=$("$SEARCH_BIN" --index "$IDX" --json "$query" | jq -r '.suggestion // "-"')
  check "$query -> $want" test "$got" = "$want"
done <<'TABLE'
bein hao	bien hoa
"Bein Hao"	"bien hoa"
dioxn remediaton	dioxin remediation
cooperaton	cooperation
remediaton	remediation
dioxin remediaton	dioxin remediation
vietnm	vietnam
Hegsath	hegseth
mattsi	mattis
hanio	hanoi
Parameswaren	parameswaran
secretery of war	secretary of war
title:tise	title:ties
cooperaton AND vietnam	cooperation AND vietnam
pow/mai	pow/mia
Gaing	giang
deffense	defense
aashton	ashton
goverment	government
Defence Minster	Defence minister
contaminaton	contamination
Da Nnag	Da nang
Phan Van Giagn	Phan Van giang
Biên Hòaa	Biên hoa
"the war"	-
the war	-
sta*	-
remedi*	-
"defense minist*"	-
foo:bar	-
hegseth	-
Mattis	-
remediation	-
to be or not to be	-
xyzzyq	-
+hegseth -mattiss	-
NOT hegsath	-
hegseth OR xyzzyq	-
mattis NEAR/3 cartr	-
date:2015	-
title:ties	-
TABLE
check "the table has at least 30 rows" test "$rows" -ge 30

# A rare spelling (one article) against a common one (twenty): corrected,
# except inside a phrase that found something.
R="$WORK/rare"
mkdir -p "$R"
printf 'Plans\n\nThe goverment plans a new road.\n' >"$R/typo.txt"
for i in $(seq 1 20); do printf 'Budget %s\n\nThe government budget for year %s was set.\n' "$i" "$i" >"$R/g$i.txt"; done
"$INDEX_BIN" --index "$WORK/rareidx" --quiet "$R"
sg() { "$SEARCH_BIN" --index "$WORK/rareidx" --json "$1" | jq -r '.suggestion // "-"'; }
check "rare spelling: corrected" test "$(sg goverment)" = "government"
check "rare spelling in a phrase that found something: not corrected" test "$(sg '"goverment plans"')" = "-"
check "rare spelling in a phrase that found nothing: corrected" test "$(sg '"goverment budget"')" = '"government budget"'

check "text output: Did you mean" grep -qx 'Did you mean: dioxin remediation' \
  <<<"$("$SEARCH_BIN" --index "$IDX" --color never 'dioxn remediaton')"
out=$("$SEARCH_BIN" --index "$IDX" 'carter NEAR/0 ashton' 2>&1 >/dev/null; echo "rc=$?")
check "NEAR/0 is an error, not a word to correct" grep -q 'rc=2' <<<"$out"
check "NEAR/0: says why" grep -q 'NEAR/n takes a number' <<<"$out"

finish
