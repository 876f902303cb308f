#!/usr/bin/env bash
# Benchmark 1: append throughput vs the floor.
# POST /api/v1/conversations/{id}/messages (wrk, bench/load.lua: a random conversation per request, unique
# bodies, a service token) at 2, 8, 32, 64 connections over 1 and 1,000 conversations, and right after each
# point pgbench running the same transaction with as many clients on the same PostgreSQL. The floor's script
# is generated at every run from the SQL the service really sent for one append (log_statement = all:
# results/append/captured-sql.txt -> bench/floor_from_capture.py -> results/append/append-floor.pgbench), so
# it cannot drift from the service; the run stops when no floor can be made from the capture.
# Prints req/s, p50, p99 of both, the ratio service/floor and service p99 / floor p99.
# Target (issue 18): ratio >= 0.7 with service p99 <= 1.5x the floor's p99. When missed, a JFR profile of the
# service under load is taken and summarised by package.
#   DURATION=15 (seconds a point)  CONNECTIONS="2 8 32 64"  CONVERSATIONS="1 1000"
#   BENCH_PROFILE=auto|always|never
source "$(dirname "$0")/lib.sh"
require_tools wrk pgbench psql curl
CONNECTIONS="${CONNECTIONS:-2 8 32 64}"
CONVERSATIONS="${CONVERSATIONS:-1 1000}"
PORT="${PORT:-18081}"
begin append
ensure_jar
create_db parley_bench_append

# 1. migrate, and capture the SQL one append really sends (log_statement for this database only)
psql -qAt -d postgres -c "ALTER DATABASE $BENCH_DB SET log_statement = 'all'"
start_service "$PORT"
psql_bench -f "$BENCH_DIR/sql/bench-functions.sql" >/dev/null
create_conversations 1 1000
TOKEN="$(token bench service)"
export BENCH_TOKEN="$TOKEN"
PGLOG="$(ls -t /var/log/postgresql/postgresql-*-main.log 2>/dev/null | head -1 || true)"
[ -n "$PGLOG" ] || { echo "no PostgreSQL log to capture the service's SQL from: no floor" >&2; exit 1; }
# the body of bench/load.lua's shape; the floor varies it per transaction as wrk does
CAPTURE_CONTENT="bench message 0-0-0: where is my order? It has not arrived yet."
append_once() {
  curl -fs -o /dev/null -X POST "http://127.0.0.1:$PORT/api/v1/conversations/$(conversation_uuid "$1")/messages" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "{\"role\":\"user\",\"content\":\"$CAPTURE_CONTENT\"}"
}
# one append first, so the captured one finds the service as under load (a connection just used: the pool
# checks no liveness), then the captured append to another conversation
append_once 2
sleep 1 # the first one's request log line flushes (every 500 ms)
before="$(wc -c <"$PGLOG")"
append_once 1
sleep 1.5 # the asynchronous request log flushes every 500 ms
# keep this database's statements with their continuation lines (lines without the log prefix)
tail -c +"$((before + 1))" "$PGLOG" | awk -v db="@$BENCH_DB " '
  /^[0-9]{4}-[0-9]{2}-[0-9]{2} / { keep = index($0, db) > 0; if (keep) { sub(/^[^]]*] /, "") } }
  keep' >"$OUT/captured-sql.txt" || true
FLOOR="$OUT/append-floor.pgbench"
python3 "$BENCH_DIR/floor_from_capture.py" "$OUT/captured-sql.txt" "$(conversation_uuid 1)" "$CAPTURE_CONTENT" >"$FLOOR" \
  2> >(tee "$OUT/floor-notes.txt" >&2)
psql -qAt -d postgres -c "ALTER DATABASE $BENCH_DB RESET log_statement"
stop_service
# the generated floor must run without an error before it is a floor
mapfile -t FLOOR_DEFINES < <(floor_defines "$FLOOR")
pgbench -n -M prepared -t 3 -f "$FLOOR" -D nconv=1000 "${FLOOR_DEFINES[@]}" "$BENCH_DB" >"$WORK/floor-check.txt" 2>&1 && ! grep -qi error "$WORK/floor-check.txt" \
  || { cat "$WORK/floor-check.txt" >&2; echo "the generated floor does not run" >&2; exit 1; }
psql_bench -c "TRUNCATE conversation.messages CASCADE" -c "UPDATE conversation.conversations SET last_seq = 0, summary = NULL" -c "VACUUM ANALYZE" 2>/dev/null

# 2. the measured points, service then floor, one after the other
start_service "$PORT"
conversation_ids 1 1000 "$WORK/ids-1000"
conversation_ids 1 1 "$WORK/ids-1"
summary="$OUT/summary.txt"
{
  echo "# benchmark 1: append throughput vs floor ($(machine_line))"
  echo "# ${DURATION}s a point; floor = pgbench -M prepared, the captured statements (results/append/append-floor.pgbench), same client count"
  printf '%-5s %-5s | %9s %7s %7s %6s | %9s %7s %7s | %6s %6s %s\n' conv conn svc_rps p50_ms p99_ms errors floor_tps p50_ms p99_ms ratio p99x "load(1/5/15)"
} | tee "$summary"
# JIT warm-up before the first point (C2 needs tens of seconds on a busy 2-core machine)
wrk_run 8 20 "$BENCH_DIR/load.lua" "http://127.0.0.1:$PORT" "$WORK/ids-1000" append >/dev/null
met=0; total=0
for nconv in $CONVERSATIONS; do
  for c in $CONNECTIONS; do
    # a short warm-up at this concurrency (JIT, pool) that is not measured
    wrk_run "$c" 3 "$BENCH_DIR/load.lua" "http://127.0.0.1:$PORT" "$WORK/ids-$nconv" append >/dev/null
    read -r s_rps s_p50 s_p99 s_n s_err < <(wrk_run "$c" "$DURATION" "$BENCH_DIR/load.lua" "http://127.0.0.1:$PORT" "$WORK/ids-$nconv" append)
    read -r f_tps f_p50 f_p99 f_n f_err < <(pgbench_run "$c" "$DURATION" "$FLOOR" -D nconv="$nconv" "${FLOOR_DEFINES[@]}")
    r="$(ratio "$s_rps" "$f_tps")"
    p99x="$(ratio "$s_p99" "$f_p99")"
    total=$((total + 1))
    if awk -v r="$r" -v p="$p99x" 'BEGIN { exit !(r >= 0.7 && p <= 1.5) }'; then met=$((met + 1)); fi
    printf '%-5s %-5s | %9s %7s %7s %6s | %9s %7s %7s | %6s %6s %s\n' "$nconv" "$c" "$s_rps" "$s_p50" "$s_p99" "$s_err" \
      "$f_tps" "$f_p50" "$f_p99" "$r" "$p99x" "$(load_avg)" | tee -a "$summary"
  done
done
echo "# target (ratio >= 0.7 and service p99 <= 1.5x floor p99) met at $met of $total points" | tee -a "$summary"
psql_bench -c "SELECT 'check: ' || count(*) || ' messages, seq gaps or duplicates: ' ||
  (SELECT count(*) FROM (SELECT conversation_id, count(*) n, max(seq) m, count(DISTINCT seq) d
     FROM conversation.messages GROUP BY 1) x WHERE n <> m OR d <> n) FROM conversation.messages" | tee -a "$summary"

# 3. where the time goes (JFR) when the target is missed
profile="${BENCH_PROFILE:-auto}"
if [ "$profile" = always ] || { [ "$profile" = auto ] && [ "$met" -lt "$total" ]; }; then
  log "profiling the service under load with JFR (32 connections, 1,000 conversations)"
  JCMD="$(dirname "$BENCH_JAVA")/jcmd"; [ -x "$JCMD" ] || JCMD=jcmd
  # the "profile" settings with Java samples every 1 ms instead of 10-20 (enough samples in a short run)
  settings=profile
  if "$(dirname "$BENCH_JAVA")/jfr" configure --input profile 'jdk.ExecutionSample#period=1ms' --output "$WORK/fast.jfc" >/dev/null 2>&1; then
    settings="$WORK/fast.jfc"
  fi
  "$JCMD" "$SERVICE_PID" JFR.start name=bench filename="$WORK/append.jfr" settings="$settings" >/dev/null
  cpu_sample_start
  read -r p_rps p_p50 p_p99 _ _ < <(wrk_run 32 "$DURATION" "$BENCH_DIR/load.lua" "http://127.0.0.1:$PORT" "$WORK/ids-1000" append)
  cpu_split="$(cpu_sample_end)"
  "$JCMD" "$SERVICE_PID" JFR.stop name=bench >/dev/null
  cp "$WORK/append.jfr" "$OUT/append.jfr"
  {
    echo "# JFR profile of the service, 32 connections, 1,000 conversations: $p_rps req/s p50 $p_p50 ms p99 $p_p99 ms (with the recorder on)"
    echo "# CPU of the machine during the profiled run: $cpu_split"
    python3 "$BENCH_DIR/jfr_breakdown.py" "$(dirname "$BENCH_JAVA")/jfr" "$WORK/append.jfr"
  } | tee "$OUT/profile.txt"
fi
