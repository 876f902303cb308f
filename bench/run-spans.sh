#!/usr/bin/env bash
# Benchmark 3: trace ingestion. POST /api/v1/traces with batches of 1, 100 and 500 spans (wrk, bench/load.lua
# mode "spans", a random conversation of 100 per batch, unique span ids) vs pgbench inserting the same
# columns in batches of the same size (bench/sql/spans-floor.pgbench). Prints spans/s and the ratio.
#   DURATION=15  CONNECTIONS=8  BATCHES="1 100 500"
source "$(dirname "$0")/lib.sh"
require_tools wrk pgbench psql curl
CONNECTIONS="${CONNECTIONS:-8}"
BATCHES="${BATCHES:-1 100 500}"
PORT="${PORT:-18083}"
begin spans
ensure_jar
create_db parley_bench_spans
# the trace-spans budget (30,000 spans/s per sub) would refuse the 500-span point: raised so the limiter stays on
# the path (its cost is benchmark 8's) but never answers 429 here
start_service "$PORT" -Dparley.rate-limits.trace-spans.capacity=10000000 -Dparley.rate-limits.trace-spans.refill-tokens=10000000
psql_bench -f "$BENCH_DIR/sql/bench-functions.sql" >/dev/null
create_conversations 1 100
conversation_ids 1 100 "$WORK/ids"
export BENCH_TOKEN="$(token bench service)"
URL="http://127.0.0.1:$PORT"
summary="$OUT/summary.txt"
{
  echo "# benchmark 3: trace ingestion ($(machine_line))"
  echo "# ${DURATION}s a point, $CONNECTIONS connections / pgbench clients; floor = bench/sql/spans-floor.pgbench"
  printf '%-5s | %9s %9s %7s %7s %5s | %9s %9s %7s %7s | %6s %s\n' batch svc_req/s spans/s p50_ms p99_ms err \
    floor_tx/s spans/s p50_ms p99_ms ratio "load(1/5/15)"
} | tee "$summary"
# JIT warm-up, not measured
wrk_run "$CONNECTIONS" 10 "$BENCH_DIR/load.lua" "$URL" "$WORK/ids" spans 1 >/dev/null
wrk_run "$CONNECTIONS" 10 "$BENCH_DIR/load.lua" "$URL" "$WORK/ids" spans 100 >/dev/null
for b in $BATCHES; do
  read -r s_rps s_p50 s_p99 _ s_err < <(wrk_run "$CONNECTIONS" "$DURATION" "$BENCH_DIR/load.lua" "$URL" "$WORK/ids" spans "$b")
  read -r f_tps f_p50 f_p99 _ _ < <(pgbench_run "$CONNECTIONS" "$DURATION" "$BENCH_DIR/sql/spans-floor.pgbench" -D nconv=100 -D batch="$b")
  s_spans="$(awk -v r="$s_rps" -v b="$b" 'BEGIN { printf "%.0f", r * b }')"
  f_spans="$(awk -v r="$f_tps" -v b="$b" 'BEGIN { printf "%.0f", r * b }')"
  printf '%-5s | %9s %9s %7s %7s %5s | %9s %9s %7s %7s | %6s %s\n' "$b" "$s_rps" "$s_spans" "$s_p50" "$s_p99" "$s_err" \
    "$f_tps" "$f_spans" "$f_p50" "$f_p99" "$(ratio "$s_spans" "$f_spans")" "$(load_avg)" | tee -a "$summary"
done
psql_bench -c "SELECT 'check: ' || count(*) || ' spans stored' FROM tracing.agent_traces" | tee -a "$summary"
