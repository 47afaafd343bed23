# plot.gp — the benchmark chart: index time, index size and query p99
# against corpus size, one line per system. Called by bench/run.sh as
#   gnuplot -e "datadir='DIR'; outfile='FILE.png'; systems='passim ...'" plot.gp
# For each name in `systems`, DIR holds NAME.dat with the columns
#   raw_mb  index_s  index_mb  index_mb_compacted  full_p99_ms  match_p99_ms
# one line per corpus, sorted by raw_mb, "NA" where a system has no figure
# (scriptindex makes no snippets, so it has no full_p99_ms).

if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
    set terminal pngcairo size 1500,480 font ",10"
} else {
    set terminal png size 1500,480
}
set output outfile
set datafile missing "NA"
set datafile separator whitespace
set key top left
set grid
set xlabel "corpus size (MB of text)"
set xrange [0:*]
set offsets graph 0.02, graph 0.02, graph 0.05, graph 0.05

color(s) = s eq "passim" ? "#1b9e77" : s eq "scriptindex" ? "#d95f02" : "#7570b3"
file(s) = datadir . "/" . s . ".dat"

set multiplot layout 1,3 title "passim against Xapian scriptindex and SQLite FTS5"

set title "index time (median)"
set ylabel "seconds"
set yrange [0:*]
plot for [s in systems] file(s) using 1:2 with linespoints lc rgb color(s) \
     pt 7 title s

set title "index size (solid: compacted, dashed: as built)"
set ylabel "MB"
plot for [s in systems] file(s) using 1:4 with linespoints lc rgb color(s) \
     pt 7 title s, \
     for [s in systems] file(s) using 1:3 with linespoints lc rgb color(s) \
     dt 2 pt 6 notitle

set title "query p99 (solid: with snippets, dashed: match alone)"
set ylabel "ms"
set logscale y
set yrange [*:*]
plot for [s in systems] file(s) using 1:5 with linespoints lc rgb color(s) \
     pt 7 title s . " full", \
     for [s in systems] file(s) using 1:6 with linespoints lc rgb color(s) \
     dt 2 pt 6 title s . " match"

unset multiplot
