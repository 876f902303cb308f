#!/usr/bin/env bash
# Benchmark 2: O(1) append and history.
# Latency (one connection, wrk) of an append (POST .../messages) and of reading the latest 50 messages
# (GET .../messages?order=desc&limit=50, newest first) in a conversation of 10 vs 100,000 messages,
# and with a messages table of 10 k rows vs 10 M rows (rows generated with SQL generate_series, not HTTP).
# Ratios (p50, target <= 1.3): conversation 100,000 / 10 (both in the 10 M table) and table 10 M / 10 k
# (both in conversations of 10). The same run measures the peer, Spring AI's JdbcChatMemoryRepository
# (bench/peer-spring-ai), appending one message to a conversation of N messages on the same PostgreSQL,
# and plots both curves into results/o1.png (gnuplot).
#   POINT_SECONDS=4 (seconds a latency point; short, so that appends grow the conversations little)  BIG_CONVERSATIONS=100 (x 100,000 messages = the 10 M table)
source "$(dirname "$0")/lib.sh"
require_tools wrk psql curl gnuplot mvn
POINT_SECONDS="${POINT_SECONDS:-4}"
BIG_CONVERSATIONS="${BIG_CONVERSATIONS:-100}"
PORT="${PORT:-18082}"
CURVE="10 100 1000 10000 100000"
begin o1
ensure_jar
log "building the Spring AI peer (bench/peer-spring-ai, not part of the reactor)"
(cd "$BENCH_DIR/peer-spring-ai" && { mvn -B -o -q package >&2 2>/dev/null || mvn -B -q package >&2; })
create_db parley_bench_o1
start_service "$PORT"
psql_bench -f "$BENCH_DIR/sql/bench-functions.sql" >/dev/null
export BENCH_TOKEN="$(token bench service)"
summary="$OUT/summary.txt"
URL="http://127.0.0.1:$PORT"

# latency MODE IDS_FILE: one connection for POINT_SECONDS; prints "p50 p99 rps errors"
latency() {
  local r
  r="$(wrk_run 1 "$POINT_SECONDS" "$BENCH_DIR/load.lua" "$URL" "$2" "$1")"
  echo "$r" | awk '{ print $2, $3, $1, $5 }'
}
point() { # point LABEL FROM TO: append then read-latest-50 latency in conversations FROM..TO; appends to the summary
  conversation_ids "$2" "$3" "$WORK/ids"
  read -r a50 a99 _ aerr < <(latency append "$WORK/ids")
  read -r r50 r99 _ rerr < <(latency read "$WORK/ids")
  printf '%-34s | %8s %8s %4s | %8s %8s %4s | %s\n' "$1" "$a50" "$a99" "$aerr" "$r50" "$r99" "$rerr" "$(load_avg)" | tee -a "$summary" >&2
  echo "$a50 $r50"
}

{
  echo "# benchmark 2: O(1) append and read-latest-50 ($(machine_line))"
  echo "# one connection, ${POINT_SECONDS}s a point (append, then read); latencies in ms"
  printf '%-34s | %8s %8s %4s | %8s %8s %4s | %s\n' point app_p50 app_p99 err read_p50 read_p99 err "load(1/5/15)"
} | tee "$summary"

# conversations: 1..1000 hold 10 messages (the 10 k table); 1001..1010 100, 1011..1020 1,000, 1021..1030 10,000;
# 2001.. hold 100,000 each (2001..2010 are measured, the others fill the table to 10 M); 3001..3050 warm-up.
# A point spreads its requests over the conversations of its size, so that they grow little during it.
create_conversations 1 1030
create_conversations 2001 "$((2000 + BIG_CONVERSATIONS))"
create_conversations 3001 3050
fill_messages 1 1000 10
psql_bench -c "VACUUM ANALYZE conversation.messages" -c "VACUUM ANALYZE conversation.conversations"
log "warm-up (JIT) on separate conversations"
conversation_ids 3001 3050 "$WORK/warm"
wrk_run 4 15 "$BENCH_DIR/load.lua" "$URL" "$WORK/warm" append >/dev/null
wrk_run 4 10 "$BENCH_DIR/load.lua" "$URL" "$WORK/warm" read >/dev/null

rows_small="$(psql_bench -c 'SELECT count(*) FROM conversation.messages')"
read -r small_a small_r < <(point "conv 10, table $rows_small rows" 1 1000)

log "generating the 10 M table with SQL (this takes a few minutes)"
t0=$(date +%s)
fill_messages 1001 1010 100
fill_messages 1011 1020 1000
fill_messages 1021 1030 10000
# two sessions in parallel (2 cores), 1 M rows a statement
fill_big() { # fill_big FIRST STEP: every STEP-th block of 10 conversations from FIRST
  local c last=$((2000 + BIG_CONVERSATIONS))
  for ((c = $1; c <= last; c += $2)); do fill_messages "$c" "$((c + 9 < last ? c + 9 : last))" 100000; done
}
fill_big 2001 20 & fill_a=$!
fill_big 2011 20 & fill_b=$!
wait "$fill_a" "$fill_b"
psql_bench -c "VACUUM ANALYZE conversation.messages" -c "VACUUM ANALYZE conversation.conversations"
rows_big="$(psql_bench -c 'SELECT count(*) FROM conversation.messages')"
echo "# generated $rows_big rows in $(( $(date +%s) - t0 )) s (insert + VACUUM ANALYZE); table + indexes: $(psql_bench -c "SELECT pg_size_pretty(pg_total_relation_size('conversation.messages'))")" | tee -a "$summary"
# the warm-up again: the service's caches and JIT are as before, PostgreSQL's buffers now hold the big table
wrk_run 4 5 "$BENCH_DIR/load.lua" "$URL" "$WORK/warm" append >/dev/null

read -r big10_a big10_r < <(point "conv 10, table $rows_big rows" 1 1000)
read -r n100_a n100_r < <(point "conv 100, table $rows_big rows" 1001 1010)
read -r n1k_a n1k_r < <(point "conv 1000, table $rows_big rows" 1011 1020)
read -r n10k_a n10k_r < <(point "conv 10000, table $rows_big rows" 1021 1030)
read -r big_a big_r < <(point "conv 100000, table $rows_big rows" 2001 "$((BIG_CONVERSATIONS < 10 ? 2000 + BIG_CONVERSATIONS : 2010))")

{
  echo "ratio conversation 100,000 / 10 (table $rows_big): append $(ratio "$big_a" "$big10_a"), read-latest-50 $(ratio "$big_r" "$big10_r")  (target <= 1.3)"
  echo "ratio table $rows_big / $rows_small (conversations of 10): append $(ratio "$big10_a" "$small_a"), read-latest-50 $(ratio "$big10_r" "$small_r")  (target <= 1.3)"
} | tee -a "$summary"

log "the peer: Spring AI JdbcChatMemoryRepository, one append to a conversation of N messages"
CP="$BENCH_DIR/peer-spring-ai/target/classes:$(cat "$BENCH_DIR/peer-spring-ai/target/classpath.txt")"
"$BENCH_JAVA" -cp "$CP" bench.Main "jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" "$(echo $CURVE | tr ' ' ',')" 2>"$WORK/peer.err" \
  | tee "$OUT/peer-spring-ai.txt" | sed 's/^/spring-ai: /' | tee -a "$summary" || { tail -5 "$WORK/peer.err"; }
declare -A parley_a=([10]="$big10_a" [100]="$n100_a" [1000]="$n1k_a" [10000]="$n10k_a" [100000]="$big_a")
declare -A parley_r=([10]="$big10_r" [100]="$n100_r" [1000]="$n1k_r" [10000]="$n10k_r" [100000]="$big_r")
{
  echo "# N parley_append_p50_ms parley_read50_p50_ms spring_ai_append_p50_ms"
  for n in $CURVE; do
    echo "$n ${parley_a[$n]} ${parley_r[$n]} $(awk -v n="$n" '$1 == "N" && $2 == n { print $6 }' "$OUT/peer-spring-ai.txt")"
  done
} >"$OUT/curve.dat"
peer10="$(awk '$1 == 10 { print $4 }' "$OUT/curve.dat")"; peer100k="$(awk '$1 == 100000 { print $4 }' "$OUT/curve.dat")"
echo "ratio Spring AI append, conversation 100,000 / 10: $(ratio "$peer100k" "$peer10"); Parley: $(ratio "$big_a" "$big10_a")" | tee -a "$summary"
gnuplot <<EOF
set terminal pngcairo size 900,560 font "DejaVu Sans,11"
set output "$RESULTS/o1.png"
set title "Append one message to a conversation of N messages (PostgreSQL 15, 2 cores; median latency)"
set logscale xy
set xlabel "messages already in the conversation (N)"
set ylabel "latency, ms (log scale)"
set key top left
set grid
set xtics ("10" 10, "100" 100, "1k" 1000, "10k" 10000, "100k" 100000)
plot "$OUT/curve.dat" using 1:2 with linespoints lw 2 pt 7 title "Parley POST /messages (HTTP end to end, table of $rows_big messages)", \
     "$OUT/curve.dat" using 1:3 with linespoints lw 2 pt 5 dt 2 title "Parley GET latest 50 messages (HTTP end to end)", \
     "$OUT/curve.dat" using 1:4 with linespoints lw 2 pt 9 title "Spring AI JdbcChatMemoryRepository find + saveAll (JDBC in process)"
EOF
log "plot: $RESULTS/o1.png"
