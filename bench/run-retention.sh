#!/usr/bin/env bash
# Benchmark 4: retention under load. Generates 1 M expired messages with SQL (20,000 closed conversations of
# 50 messages, ended 200 days ago: older than the 90-day window), measures the append p99 (wrk, 8 connections,
# 1,000 open conversations) before, then again while POST /api/v1/admin/retention/run purges them.
# Prints purge rows/s and the ratio p99 during / p99 before (target <= 1.5, issue 18; it was 2 before).
#   DURATION=15  CONNECTIONS=8  EXPIRED_CONVERSATIONS=20000  MESSAGES_EACH=50
#   PARLEY_RETENTION_BATCH_BUDGET (service default 50ms: conversation batches are time-boxed),
#   PARLEY_RETENTION_BATCH_SIZE (service default 100: the most conversations a batch may take), PARLEY_RETENTION_PAUSE (200ms)
source "$(dirname "$0")/lib.sh"
require_tools wrk psql curl
CONNECTIONS="${CONNECTIONS:-8}"
EXPIRED_CONVERSATIONS="${EXPIRED_CONVERSATIONS:-20000}"
MESSAGES_EACH="${MESSAGES_EACH:-50}"
PORT="${PORT:-18084}"
# PARLEY_RETENTION_BATCH_SIZE / _BATCH_BUDGET / _PAUSE try other settings (the service reads them; the results directory names them)
begin "retention${PARLEY_RETENTION_BATCH_SIZE:+-batch$PARLEY_RETENTION_BATCH_SIZE}${PARLEY_RETENTION_BATCH_BUDGET:+-budget$PARLEY_RETENTION_BATCH_BUDGET}${PARLEY_RETENTION_PAUSE:+-pause$PARLEY_RETENTION_PAUSE}"
ensure_jar
create_db parley_bench_retention
start_service "$PORT"
psql_bench -f "$BENCH_DIR/sql/bench-functions.sql" >/dev/null
URL="http://127.0.0.1:$PORT"
summary="$OUT/summary.txt"
echo "# benchmark 4: retention under load ($(machine_line))" | tee "$summary"

# the append targets (open, fresh) and the expired ones (closed 200 days ago), then their messages
create_conversations 1 1000
first=100001; last=$((100000 + EXPIRED_CONVERSATIONS))
create_conversations "$first" "$last"
t0=$(date +%s)
for ((c = first; c <= last; c += 2000)); do fill_messages "$c" "$((c + 1999 < last ? c + 1999 : last))" "$MESSAGES_EACH"; done
psql_bench -c "UPDATE conversation.conversations SET status = 'closed', started_at = now() - interval '201 days',
                 updated_at = now() - interval '200 days', ended_at = now() - interval '200 days'
               WHERE id IN (SELECT bench.conversation(n) FROM generate_series($first, $last) n)"
psql_bench -c "VACUUM ANALYZE conversation.messages" -c "VACUUM ANALYZE conversation.conversations"
expired="$(psql_bench -c "SELECT count(*) FROM conversation.messages m JOIN conversation.conversations c ON c.id = m.conversation_id WHERE c.status = 'closed'")"
echo "# generated $expired expired messages in $EXPIRED_CONVERSATIONS closed conversations in $(( $(date +%s) - t0 )) s" | tee -a "$summary"

export BENCH_TOKEN="$(token bench service)"
ADMIN="$(token bench-admin admin)"
conversation_ids 1 1000 "$WORK/ids"
# JIT warm-up to steady state: on 2 cores the append rate still climbs 40 s after start (20 s steps: 900, 1,850,
# 2,450 req/s), and a "before" measured while it climbs has an inflated p99 that flatters the ratio
wrk_run "$CONNECTIONS" 60 "$BENCH_DIR/load.lua" "$URL" "$WORK/ids" append >/dev/null
read -r b_rps b_p50 b_p99 _ b_err < <(wrk_run "$CONNECTIONS" "$DURATION" "$BENCH_DIR/load.lua" "$URL" "$WORK/ids" append)
echo "before:  append $b_rps req/s p50 $b_p50 ms p99 $b_p99 ms errors $b_err | load $(load_avg)" | tee -a "$summary"

# during: the same load, the retention run starts 1 s in; wrk is stopped (SIGINT prints its statistics) when it ends
wrk -t2 -c"$CONNECTIONS" -d600s --timeout 10s -s "$BENCH_DIR/load.lua" "$URL" -- "$WORK/ids" append >"$WORK/during.txt" 2>&1 &
wrk_pid=$!
sleep 1
r0=$(date +%s.%N)
curl -fsS -X POST "$URL/api/v1/admin/retention/run?dry_run=false" -H "Authorization: Bearer $ADMIN" >"$OUT/retention-report.json"
r1=$(date +%s.%N)
kill -INT "$wrk_pid"; wait "$wrk_pid" || true
cat "$WORK/during.txt" >>"$OUT/wrk-raw.txt"
read -r d_rps d_p50 d_p99 _ d_err < <(grep '^RESULT ' "$WORK/during.txt" | cut -d' ' -f2-)
seconds="$(awk -v a="$r0" -v b="$r1" 'BEGIN { printf "%.1f", b - a }')"
deleted_messages="$(grep -o '"conversation.messages":{[^}]*}' "$OUT/retention-report.json" | grep -o '"deleted":[0-9]*' | cut -d: -f2)"
deleted_conversations="$(grep -o '"conversation.conversations":{[^}]*}' "$OUT/retention-report.json" | grep -o '"deleted":[0-9]*' | cut -d: -f2)"
left="$(psql_bench -c "SELECT count(*) FROM conversation.conversations WHERE status = 'closed'")"
{
  echo "during:  append $d_rps req/s p50 $d_p50 ms p99 $d_p99 ms errors $d_err (window ${seconds}s + 1 s before) | load $(load_avg)"
  echo "retention run: ${seconds}s, deleted ${deleted_messages:-?} messages + ${deleted_conversations:-?} conversations ($left closed left) = $(awk -v m="${deleted_messages:-0}" -v c="${deleted_conversations:-0}" -v s="$seconds" 'BEGIN { printf "%.0f", (m + c) / s }') rows/s ($(awk -v m="${deleted_messages:-0}" -v s="$seconds" 'BEGIN { printf "%.0f", m / s }') messages/s)"
  echo "ratio append p99 during / before: $(ratio "$d_p99" "$b_p99")  (target <= 1.5); p50: $(ratio "$d_p50" "$b_p50")"
} | tee -a "$summary"
