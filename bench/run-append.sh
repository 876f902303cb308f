#!/usr/bin/env bash
# Benchmark 1: append throughput vs the floor.
# POST /api/v1/conversations/{id}/messages (wrk, bench/load.lua: a random conversation per request, unique
# bodies, a service token) at 2, 8, 32, 64 connections over 1 and 1,000 conversations, and right after each
# point pgbench running the same transaction (bench/sql/append-floor.pgbench) with as many clients on the
# same PostgreSQL. Prints req/s, p50, p99 of both and the ratio service/floor.
# Target: ratio >= 0.5 with service p99 < 25 ms. When missed, a JFR profile of the service under load is
# taken (bench/profile.sh) and summarised by package.
#   DURATION=15 (seconds a point)  CONNECTIONS="2 8 32 64"  CONVERSATIONS="1 1000"  BENCH_BARE=1 (also the bare floor)
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
before=0; [ -n "$PGLOG" ] && before="$(wc -c <"$PGLOG")"
curl -fs -o /dev/null -X POST "http://127.0.0.1:$PORT/api/v1/conversations/$(conversation_uuid 1)/messages" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"role":"user","content":"capture"}'
sleep 1.5 # the asynchronous request log flushes every 500 ms
if [ -n "$PGLOG" ]; then
  # keep this database's statements with their continuation lines (lines without the log prefix)
  tail -c +"$((before + 1))" "$PGLOG" | awk -v db="@$BENCH_DB " '
    /^[0-9]{4}-[0-9]{2}-[0-9]{2} / { keep = index($0, db) > 0; if (keep) { sub(/^[^]]*] /, "") } }
    keep' >"$OUT/captured-sql.txt" || true
fi
psql -qAt -d postgres -c "ALTER DATABASE $BENCH_DB RESET log_statement"
stop_service
psql_bench -c "TRUNCATE conversation.messages CASCADE" -c "UPDATE conversation.conversations SET last_seq = 0, summary = NULL" -c "VACUUM ANALYZE" 2>/dev/null

# 2. the measured points, service then floor, one after the other
start_service "$PORT"
conversation_ids 1 1000 "$WORK/ids-1000"
conversation_ids 1 1 "$WORK/ids-1"
summary="$OUT/summary.txt"
{
  echo "# benchmark 1: append throughput vs floor ($(machine_line))"
  echo "# ${DURATION}s a point; floor = pgbench -M prepared, same transaction (bench/sql/append-floor.pgbench), same client count"
  printf '%-5s %-5s | %9s %7s %7s %6s | %9s %7s %7s | %6s %s\n' conv conn svc_rps p50_ms p99_ms errors floor_tps p50_ms p99_ms ratio "load(1/5/15)"
} | tee "$summary"
# JIT warm-up before the first point (C2 needs tens of seconds on a busy 2-core machine)
wrk_run 8 20 "$BENCH_DIR/load.lua" "http://127.0.0.1:$PORT" "$WORK/ids-1000" append >/dev/null
met=0; total=0
for nconv in $CONVERSATIONS; do
  for c in $CONNECTIONS; do
    # a short warm-up at this concurrency (JIT, pool) that is not measured
    wrk_run "$c" 3 "$BENCH_DIR/load.lua" "http://127.0.0.1:$PORT" "$WORK/ids-$nconv" append >/dev/null
    read -r s_rps s_p50 s_p99 s_n s_err < <(wrk_run "$c" "$DURATION" "$BENCH_DIR/load.lua" "http://127.0.0.1:$PORT" "$WORK/ids-$nconv" append)
    read -r f_tps f_p50 f_p99 f_n f_err < <(pgbench_run "$c" "$DURATION" "$BENCH_DIR/sql/append-floor.pgbench" -D nconv="$nconv")
    r="$(ratio "$s_rps" "$f_tps")"
    total=$((total + 1))
    if awk -v r="$r" -v p="$s_p99" 'BEGIN { exit !(r >= 0.5 && p < 25) }'; then met=$((met + 1)); fi
    printf '%-5s %-5s | %9s %7s %7s %6s | %9s %7s %7s | %6s %s\n' "$nconv" "$c" "$s_rps" "$s_p50" "$s_p99" "$s_err" \
      "$f_tps" "$f_p50" "$f_p99" "$r" "$(load_avg)" | tee -a "$summary"
    if [ "${BENCH_BARE:-0}" = 1 ]; then
      read -r b_tps b_p50 b_p99 _ _ < <(pgbench_run "$c" "$DURATION" "$BENCH_DIR/sql/append-bare.pgbench" -D nconv="$nconv")
      printf '%-5s %-5s | bare floor (APPEND_SQL only): %s tps p50 %s p99 %s; service/bare %s\n' "$nconv" "$c" \
        "$b_tps" "$b_p50" "$b_p99" "$(ratio "$s_rps" "$b_tps")" | tee -a "$summary"
    fi
  done
done
echo "# target (ratio >= 0.5 and service p99 < 25 ms) met at $met of $total points" | tee -a "$summary"
psql_bench -c "SELECT 'check: ' || count(*) || ' messages, seq gaps or duplicates: ' ||
  (SELECT count(*) FROM (SELECT conversation_id, count(*) n, max(seq) m, count(DISTINCT seq) d
     FROM conversation.messages GROUP BY 1) x WHERE n <> m OR d <> n) FROM conversation.messages" | tee -a "$summary"

# 3. where the time goes (JFR) when the target is missed
profile="${BENCH_PROFILE:-auto}"
if [ "$profile" = always ] || { [ "$profile" = auto ] && [ "$met" -lt "$total" ]; }; then
  log "profiling the service under load with JFR (32 connections, 1,000 conversations)"
  JCMD="$(dirname "$BENCH_JAVA")/jcmd"; [ -x "$JCMD" ] || JCMD=jcmd
  "$JCMD" "$SERVICE_PID" JFR.start name=bench filename="$WORK/append.jfr" settings=profile >/dev/null
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
