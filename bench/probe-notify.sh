#!/usr/bin/env bash
# Probe (not in run-all.sh): what the NOTIFY of every append costs its floor, and what notifying after the commit
# would buy. Runs benchmark 1's generated floor (results/append/append-floor.pgbench: run run-append.sh first)
#   a-trigger      as generated: the trigger on conversation.messages notifies inside the append's transaction;
#                  PostgreSQL serialises notifying commits on one lock held through the commit's WAL flush
#   b-none         the trigger disabled: no notification at all (the upper bound)
#   c-after-async  the trigger disabled, the notification sent after the commit in its own statement, whose commit
#                  does not wait for the WAL flush (set_config('synchronous_commit', 'off', true))
# at 8 and 32 pgbench clients, two rounds, 15 s a point. Prints tps, p50, p99 per variant.
source "$(dirname "$0")/lib.sh"
require_tools pgbench psql curl
FLOOR="$RESULTS/append/append-floor.pgbench"
[ -f "$FLOOR" ] || { echo "no $FLOOR: run bench/run-append.sh first" >&2; exit 1; }
PORT="${PORT:-18096}"
begin probe-notify
ensure_jar
create_db parley_bench_notify
start_service "$PORT" >/dev/null   # migrates the schema
psql_bench -f "$BENCH_DIR/sql/bench-functions.sql" >/dev/null
create_conversations 1 1000
stop_service
mapfile -t defines < <(floor_defines "$FLOOR")
cp "$FLOOR" "$WORK/after-async.pgbench"
# pgbench does not know the appended message's seq: the payload carries 0 (same length class as the trigger's)
echo "SELECT set_config('synchronous_commit', 'off', true), pg_notify('parley_live', format('{\"k\":\"m\",\"c\":\"%s\",\"s\":%s}', bench.conversation(:c), 0));" \
  >>"$WORK/after-async.pgbench"
echo "# NOTIFY probe on the append floor ($(machine_line))"
point() {
  local tps p50 p99
  read -r tps p50 p99 _ _ < <(pgbench_run "$1" "$DURATION" "$2" -D nconv=1000 "${defines[@]}")
  printf '%-14s clients %-3s tps %8s p50 %6s ms p99 %6s ms\n' "$3" "$1" "$tps" "$p50" "$p99"
}
trigger() { psql_bench -c "ALTER TABLE conversation.messages $1 TRIGGER messages_notify_created" >/dev/null; }
for round in 1 2; do
  for clients in 8 32; do
    trigger ENABLE;  point "$clients" "$FLOOR" a-trigger
    trigger DISABLE; point "$clients" "$FLOOR" b-none
    point "$clients" "$WORK/after-async.pgbench" c-after-async
  done
done
trigger ENABLE
