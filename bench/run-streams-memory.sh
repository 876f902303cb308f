#!/usr/bin/env bash
# Memory per idle Server-Sent Event stream (issue 14): the service's live heap (after a full GC) with N idle
# guest streams open, minus the live heap with none, divided by N; also RSS and the JVM's thread count
# (which must not grow with the streams: no thread per stream). The clients are a separate Python process
# (bench/sse_idle_clients.py), so nothing of theirs is counted. A warm-up round opens and closes the
# streams once first, so class loading and pools that grow once are not counted as per-stream cost.
#   STREAMS=1000  ROUNDS=3 (the median is reported)  HISTOGRAM=1 (writes the top classes by bytes added per stream)
source "$(dirname "$0")/lib.sh"
require_tools psql curl python3 jcmd
STREAMS="${STREAMS:-1000}"
ROUNDS="${ROUNDS:-3}"
PORT="${PORT:-18087}"
begin streams-memory
ensure_jar
create_db parley_bench_streams_memory
start_service "$PORT" -XX:+UseG1GC
create_conversations 1 "$STREAMS"
PATH_TEMPLATE='/api/v1/sessions/bench-session-{n:012d}/events'

live_heap_kib() { # a full GC, then the used heap in KiB
  jcmd "$SERVICE_PID" GC.run >/dev/null
  sleep 1
  jcmd "$SERVICE_PID" GC.heap_info | awk '/garbage-first heap/ { for (i = 1; i <= NF; i++) if ($i == "used") { sub(/K,?/, "", $(i + 1)); print $(i + 1); exit } }'
}
rss_kib() { awk '$1 == "VmRSS:" { print $2 }' "/proc/$SERVICE_PID/status"; }
threads() { ls "/proc/$SERVICE_PID/task" | wc -l; }

# hold STREAMS streams open until the returned fifo is closed; waits for "ready"
open_streams() {
  local fifo="$WORK/hold" ready="$WORK/ready"
  rm -f "$fifo" "$ready"; mkfifo "$fifo"
  python3 "$BENCH_DIR/sse_idle_clients.py" 127.0.0.1 "$PORT" "$PATH_TEMPLATE" 1 "$STREAMS" <"$fifo" >"$ready" &
  CLIENTS_PID=$!
  exec 7>"$fifo"
  for ((i = 0; i < 1200; i++)); do grep -q '^ready' "$ready" 2>/dev/null && return 0; sleep 0.1; done
  echo "the clients did not get $STREAMS streams open" >&2; return 1
}
close_streams() { exec 7>&-; wait "$CLIENTS_PID" 2>/dev/null || true; sleep 2; }

summary="$OUT/summary.txt"
{
  echo "# idle SSE streams: memory per stream ($(machine_line))"
  printf '%-6s | %10s %10s %10s | %10s %10s | %8s %8s\n' round heap0_KiB heapN_KiB B/stream rss0_KiB rssN_KiB threads0 threadsN
} | tee "$summary"

open_streams; close_streams # warm-up
per_stream=()
for ((round = 1; round <= ROUNDS; round++)); do
  heap0=$(live_heap_kib); rss0=$(rss_kib); threads0=$(threads)
  [ "${HISTOGRAM:-0}" = 1 ] && [ "$round" = 1 ] && jcmd "$SERVICE_PID" GC.class_histogram >"$WORK/histo0.txt"
  open_streams
  sleep 2
  heapN=$(live_heap_kib); rssN=$(rss_kib); threadsN=$(threads)
  if [ "${HISTOGRAM:-0}" = 1 ] && [ "$round" = 1 ]; then
    jcmd "$SERVICE_PID" GC.class_histogram >"$WORK/histoN.txt"
    awk -v n="$STREAMS" 'FNR == NR && $1 ~ /^[0-9]+:$/ { b[$4] = $3; next }
         $1 ~ /^[0-9]+:$/ { d = ($3 - b[$4]) / n; if (d >= 16) printf "%8.0f B/stream  %s\n", d, $4 }' \
      "$WORK/histo0.txt" "$WORK/histoN.txt" | sort -rn | head -40 >"$OUT/histogram-per-stream.txt"
  fi
  close_streams
  bytes=$(( (heapN - heap0) * 1024 / STREAMS ))
  per_stream+=("$bytes")
  printf '%-6s | %10s %10s %10s | %10s %10s | %8s %8s\n' "$round" "$heap0" "$heapN" "$bytes" "$rss0" "$rssN" "$threads0" "$threadsN" | tee -a "$summary"
done
median=$(printf '%s\n' "${per_stream[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
echo "RESULT heap per idle stream: ${median} bytes (median of $ROUNDS rounds, $STREAMS streams)" | tee -a "$summary"
