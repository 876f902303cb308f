#!/usr/bin/env bash
# Live events (issue 14 point 7): how fast an appended message reaches the Server-Sent Event streams that
# follow its conversation, and what holding streams costs the append path.
#
#   1. Delivery latency, append -> message.created at the client, p50/p99, with 1, 100 and 1,000 open streams on
#      one instance (guest streams GET /api/v1/sessions/<session n>/events on distinct conversations; the measured
#      stream's conversation gets RATE appends a second for POINT_SECONDS, the others stay idle), then with the
#      event crossing instances (streams held on instance A, appends through instance B, same database), and once
#      while wrk appends at full speed to 1,000 other followed conversations. One client process holds every
#      stream and sends the measured appends (bench/live_latency.py, Python stdlib asyncio), so send, 201 and
#      arrival are read from one clock. Latency is reported from the append's send (what a person waiting for
#      the other side sees: the append itself + delivery) and from its 201 (delivery alone; negative when the
#      event beat the 201). The target (p99 < 100 ms with 1,000 streams) is judged on the stricter, from send.
#   2. The append throughput ratio of benchmark 1 (wrk bench/load.lua vs its pgbench floor right after it, same
#      client count) without streams, with 1,000 idle streams (on conversations nobody appends to) and with 1,000
#      followed streams (one on each conversation wrk appends to: every append is read back and delivered), in the
#      order none, idle, followed, followed, idle, none (linear drift cancels; the notification connection stays
#      open once a stream was opened, so the last "none" has it and the first does not). The floor
#      is bench/sql/append-bare.pgbench: exactly what the service sends for a service caller's append (the
#      seq-update + insert statement, autocommitted; checked against results/live/captured-sql.txt), including the product's NOTIFY
#      trigger; once it also runs without the trigger (session_replication_role = replica) to show what NOTIFY
#      costs PostgreSQL. Target: ratio with 1,000 streams within 10 % of the ratio without.
#   Each throughput point also prints the service JVM's CPU time per append (what a followed stream's read and
#   delivery add to an append on the service side; on a machine shared with other load it moves far less than the rates).
#   Memory per open stream is bench/run-streams-memory.sh's (heap after GC, RSS, threads); this script prints the
#   instance's RSS next to the stream counts only.
#
# Rate limits are OFF here (PARLEY_RATE_LIMITS_ENABLED=false): the guest-session budget (10 burst, 20/min) would
# refuse the measured appends if they were guest writes, and benchmark 1's method needs an unlimited service caller.
# Live limits at their defaults: parley.live.max-streams 2,000 per instance, max-streams-per-caller 8 (guests are
# keyed by session: 1,000 sessions, one stream each).
# Conversations: 1..1000 the latency streams (the measured one is 1) and the floor's rows; 1001..2000 wrk's appends
# (followed in the "followed" state); 2001..3000 the idle streams.
#   RATE=20 (measured appends a second)  POINT_SECONDS=30  STREAMS="1 100 1000"  CONNECTIONS=8  DURATION=15
#   PORT=18088  PORT_B=18089  WARMUP=20 (seconds of JIT warm-up appends, each instance)  POINT_WARMUP=10 (unmeasured load before each throughput point)
#   PARTS="throughput latency" (either alone: the append ratios, or the latency points with the cross-instance ones)
source "$(dirname "$0")/lib.sh"
require_tools wrk pgbench psql curl python3
export PARLEY_RATE_LIMITS_ENABLED=false
RATE="${RATE:-20}"
POINT_SECONDS="${POINT_SECONDS:-30}"
STREAMS="${STREAMS:-1 100 1000}"
CONNECTIONS="${CONNECTIONS:-8}"
PORT="${PORT:-18088}"
PORT_B="${PORT_B:-18089}"
WARMUP="${WARMUP:-20}"
PARTS="${PARTS:-throughput latency}"
CLIENT_PID=""
PID_B=""
begin live
ensure_jar
create_db parley_bench_live
DATED="$RESULTS/live-$(date -u +%F)$([ "$PARTS" = "throughput latency" ] || echo "-${PARTS// /-}").txt"

cleanup_live() {
  exec 7>&- 2>/dev/null || true
  if [ -n "$CLIENT_PID" ]; then kill "$CLIENT_PID" 2>/dev/null || true; wait "$CLIENT_PID" 2>/dev/null || true; fi
  if [ -n "$PID_B" ]; then kill "$PID_B" 2>/dev/null || true; wait "$PID_B" 2>/dev/null || true; fi
  cleanup
}
trap cleanup_live EXIT
trap 'echo "run-live.sh: failed at line $LINENO" >&2' ERR

rss_mib() { awk '$1 == "VmRSS:" { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# --- the client process: commands on fd 7, answers in $WORK/client.txt --------------------------------------------
client_start() {
  mkfifo "$WORK/client.in"
  python3 -u "$BENCH_DIR/live_latency.py" "$TOKEN" 'bench-session-{n:012d}' '00000000-0000-7000-8000-{n:012x}' \
    <"$WORK/client.in" >"$WORK/client.txt" 2>&1 &
  CLIENT_PID=$!
  exec 7>"$WORK/client.in"
}
client_send() { CLIENT_DONE=$(grep -c '^DONE ' "$WORK/client.txt" || true); echo "$*" >&7; }
client_wait() { # waits for the answer of the last client_send (at most 10 minutes), prints its lines
  local i
  for ((i = 0; i < 6000; i++)); do
    [ "$(grep -c '^DONE ' "$WORK/client.txt" || true)" -gt "$CLIENT_DONE" ] && break
    kill -0 "$CLIENT_PID" 2>/dev/null || { echo "the client exited:" >&2; tail -5 "$WORK/client.txt" >&2; return 1; }
    sleep 0.1
  done
  awk -v n="$CLIENT_DONE" '/^DONE / { d++; next } d == n' "$WORK/client.txt"
  if awk -v n="$CLIENT_DONE" '/^DONE / { d++; next } d == n' "$WORK/client.txt" | grep '^ERROR' >&2; then return 1; fi
}
client() { client_send "$@"; client_wait; }
opened() { client open "$1" "$2" "$3" | awk '/^OPENED/ { print $2 }'; }

# the second instance (cross-instance point), same database
start_b() {
  PARLEY_DATABASE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" PARLEY_JWT_SECRET="$JWT_SECRET" \
    MICRONAUT_SERVER_PORT="$PORT_B" PARLEY_LOG_LEVEL=WARN PARLEY_DATA_DIR="$WORK/data-b" PARLEY_RETENTION_ENABLED=false \
    "$BENCH_JAVA" @"$JVM_OPTIONS" -jar "$JAR" >"$WORK/service-b.txt" 2>&1 &
  PID_B=$!
  local i
  for ((i = 0; i < 2400; i++)); do
    curl -fs -o /dev/null "http://127.0.0.1:$PORT_B/health" && return 0
    kill -0 "$PID_B" 2>/dev/null || { tail -20 "$WORK/service-b.txt" >&2; return 1; }
    sleep 0.05
  done
  return 1
}

messages_in() { psql_bench -c "SELECT count(*) FROM conversation.messages
  WHERE conversation_id IN (SELECT bench.conversation(n) FROM generate_series($1, $2) n)"; }

exec > >(tee "$DATED") 2>&1
echo "# live events: delivery latency and the append ratio with streams open ($(machine_line))"
echo "# rate limits OFF (PARLEY_RATE_LIMITS_ENABLED=false); live limits default (2,000 streams/instance, 8/caller); load average before: $(load_avg)"

# --- 0. migrate, and capture what one append and one stream read send (log_statement for this database only) ------
psql -qAt -d postgres -c "ALTER DATABASE $BENCH_DB SET log_statement = 'all'"
start_service "$PORT"
psql_bench -f "$BENCH_DIR/sql/bench-functions.sql" >/dev/null
create_conversations 1 3000
TOKEN="$(token bench service)"
export BENCH_TOKEN="$TOKEN"
PGLOG="$(ls -t /var/log/postgresql/postgresql-*-main.log 2>/dev/null | head -1 || true)"
curl -s -N --max-time 3 "http://127.0.0.1:$PORT/api/v1/sessions/bench-session-$(printf '%012d' 3000)/events" >/dev/null &
capture_stream=$!
sleep 1
before=0; [ -n "$PGLOG" ] && before="$(wc -c <"$PGLOG")"
curl -fs -o /dev/null -X POST "http://127.0.0.1:$PORT/api/v1/conversations/$(conversation_uuid 3000)/messages" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"role":"user","content":"capture"}'
sleep 1.5 # the stream's read and the asynchronous request log (every 500 ms)
if [ -n "$PGLOG" ]; then
  tail -c +"$((before + 1))" "$PGLOG" | awk -v db="@$BENCH_DB " '
    /^[0-9]{4}-[0-9]{2}-[0-9]{2} / { keep = index($0, db) > 0; if (keep) { sub(/^[^]]*] /, "") } }
    keep' >"$OUT/captured-sql.txt" || true
  python3 "$BENCH_DIR/floor_from_capture.py" --check "$OUT/captured-sql.txt" "$BENCH_DIR/sql/append-bare.pgbench" \
    "INSERT INTO conversation.messages" || { echo "no floor: bench/sql/append-bare.pgbench no longer sends what the service sends" >&2; exit 1; }
fi
wait "$capture_stream" || true
psql -qAt -d postgres -c "ALTER DATABASE $BENCH_DB RESET log_statement"
stop_service
echo "# captured: $(grep -c 'LOG:' "$OUT/captured-sql.txt" 2>/dev/null || echo 0) statements of one append + one stream read + the request log (results/live/captured-sql.txt)"

start_service "$PORT"
conversation_ids 1001 2000 "$WORK/ids-wrk"
client_start
log "JIT warm-up: ${WARMUP} s of appends"
wrk_run "$CONNECTIONS" "$WARMUP" "$BENCH_DIR/load.lua" "http://127.0.0.1:$PORT" "$WORK/ids-wrk" append >/dev/null

# --- 1. append throughput ratio: no streams, 1,000 idle, 1,000 followed, in the order A B C C B A -------------------
# (the floor moves with the machine: other people's tests create and drop databases, whose WAL and checkpoints stall
# every commit's fsync; the mirrored order cancels a linear drift, and the WAL the whole cluster wrote per append,
# "WAL/tx", shows when someone else wrote a lot during a point)
summary="$OUT/summary.txt"
wal_lsn() { psql -qAt -d postgres -c "SELECT pg_current_wal_lsn()"; }
wal_per() { # LSN TRANSACTIONS: KiB of WAL the cluster wrote since LSN, per transaction
  psql -qAt -d postgres -c "SELECT round(pg_wal_lsn_diff(pg_current_wal_lsn(), '$1') / 1024.0 / greatest($2, 1), 1)"; }
if [[ " $PARTS " == *" throughput "* ]]; then
{
  echo "## append throughput vs floor (benchmark 1's method: wrk load.lua over conversations 1001..2000, then pgbench append-bare.pgbench, ${CONNECTIONS} connections, ${DURATION}s a point)"
  printf '%-22s | %9s %7s %7s %6s %7s | %9s %7s %7s %7s | %6s | %-16s | %s\n' state svc_rps p50_ms p99_ms errors WAL/tx floor_tps p50_ms p99_ms WAL/tx ratio "load(1/5/15)" "rss_MiB / cpu split during the service point"
} | tee "$summary"
# autovacuum is off on this machine's PostgreSQL ("configuration file"): every append updates its conversation's
# updated_at, which three indexes hold, so each append leaves a dead row version and index entries behind; without a
# VACUUM the later points would run on a bloated table. A production server's autovacuum does this.
vacuum_conversations() { psql_bench -c "VACUUM conversation.conversations" >/dev/null; }
throughput_point() { # STATE
  vacuum_conversations
  # 10 s unmeasured first: the first point with 1,000 streams open otherwise measures the JIT compiling their paths
  # (the JVM at 43 % instead of 35 % in the first idle point of two runs, the second idle point like none)
  wrk_run "$CONNECTIONS" "${POINT_WARMUP:-10}" "$BENCH_DIR/load.lua" "http://127.0.0.1:$PORT" "$WORK/ids-wrk" append >/dev/null
  cpu_sample_start
  local w0 w1 wal_s wal_f; w0="$(wal_lsn)"
  read -r s_rps s_p50 s_p99 s_n s_err < <(wrk_run "$CONNECTIONS" "$DURATION" "$BENCH_DIR/load.lua" "http://127.0.0.1:$PORT" "$WORK/ids-wrk" append)
  wal_s="$(wal_per "$w0" "$s_n")"
  local split; split="$(cpu_sample_end)"
  # the service's own CPU per append (clock ticks of 10 ms): unlike the rates, hardly moved by other processes' load
  local jvm_ms; jvm_ms="$(awk -v t="$(($(ticks_of "$SERVICE_PID") - CPU0_JAVA))" -v n="$s_n" 'BEGIN { printf "%.2f", t * 10 / (n > 0 ? n : 1) }')"
  split="$split; service CPU per append ${jvm_ms} ms"
  local rss; rss="$(rss_mib "$SERVICE_PID")"
  vacuum_conversations
  w1="$(wal_lsn)"
  read -r f_tps f_p50 f_p99 f_n _ < <(pgbench_run "$CONNECTIONS" "$DURATION" "$BENCH_DIR/sql/append-bare.pgbench" -D nconv=1000)
  wal_f="$(wal_per "$w1" "$f_n")"
  POINT_RATIO="$(ratio "$s_rps" "$f_tps")"
  POINT_RPS="$s_rps"
  printf '%-22s | %9s %7s %7s %6s %7s | %9s %7s %7s %7s | %6s | %-16s | %s MiB; %s\n' "$1" "$s_rps" "$s_p50" "$s_p99" "$s_err" "$wal_s" \
    "$f_tps" "$f_p50" "$f_p99" "$wal_f" "$POINT_RATIO" "$(load_avg)" "$rss" "$split" | tee -a "$summary"
}
declare -A ratios rpss
for state in none idle followed followed idle none; do
  client close >/dev/null
  case "$state" in
    none) label="no streams" ;;
    idle) label="1,000 idle streams"
      [ "$(opened "$PORT" 2001 3000)" = 1000 ] || { echo "could not open 1,000 idle streams" >&2; exit 1; } ;;
    followed) label="1,000 followed streams"
      [ "$(opened "$PORT" 1001 2000)" = 1000 ] || { echo "could not open 1,000 followed streams" >&2; exit 1; }
      client count >/dev/null
      m0="$(messages_in 1001 2000)" ;;
  esac
  throughput_point "$label"
  ratios[$state]="${ratios[$state]:-} $POINT_RATIO"
  rpss[$state]="${rpss[$state]:-} $POINT_RPS"
  if [ "$state" = followed ]; then
    sleep 2
    m1="$(messages_in 1001 2000)"
    read -r events still _ < <(client count | awk '/^COUNT/ { print $2, $3, $4 }')
    echo "  followed: $((m1 - m0)) messages appended to the followed conversations during the point (with its warm-up), $events message.created events received, streams still open: $still" | tee -a "$summary"
  fi
  if [ -z "${no_trigger_done:-}" ]; then
    no_trigger_done=1
    vacuum_conversations
    read -r n_tps n_p50 n_p99 _ _ < <(PGOPTIONS='-c session_replication_role=replica' pgbench_run "$CONNECTIONS" "$DURATION" \
      "$BENCH_DIR/sql/append-bare.pgbench" -D nconv=1000)
    echo "  floor without the NOTIFY trigger (session_replication_role = replica): $n_tps tps p50 $n_p50 p99 $n_p99; with it: $f_tps (with/without $(ratio "$f_tps" "$n_tps"))" | tee -a "$summary"
  fi
done
awk -v n="${ratios[none]}" -v i="${ratios[idle]}" -v f="${ratios[followed]}" -v rn="${rpss[none]}" -v ri="${rpss[idle]}" -v rf="${rpss[followed]}" '
  function mean(list,   k, x, i, t) { k = split(list, x, " "); for (i = 1; i <= k; i++) t += x[i]; return t / k }
  BEGIN {
    base = mean(n); mi = mean(i); mf = mean(f)
    printf "  mean ratio: no streams %.2f (%s), 1,000 idle streams %.2f (%s; %+.0f %%), 1,000 followed streams %.2f (%s; %+.0f %%); target within 10 %%: idle %s, followed %s\n",
      base, n, mi, i, 100 * (mi / base - 1), mf, f, 100 * (mf / base - 1), (mi >= 0.9 * base ? "met" : "MISSED"), (mf >= 0.9 * base ? "met" : "MISSED")
    printf "  mean service appends/s: no streams %.0f, idle %.0f (%+.0f %%), followed %.0f (%+.0f %%)\n",
      mean(rn), mean(ri), 100 * (mean(ri) / mean(rn) - 1), mean(rf), 100 * (mean(rf) / mean(rn) - 1) }' | tee -a "$summary"

# delivery to one more stream while wrk appends at full speed to the 1,000 followed conversations
client close >/dev/null
[ "$(opened "$PORT" 1001 2000)" = 1000 ] || { echo "could not open 1,000 followed streams" >&2; exit 1; }
opened "$PORT" 1 1 >/dev/null
client_send measure underload-warm 1 "$PORT" "$RATE" 3; client_wait >/dev/null
client_send measure underload 1 "$PORT" "$RATE" "$((DURATION - 2))"
read -r u_rps u_p50 u_p99 _ u_err < <(wrk_run "$CONNECTIONS" "$DURATION" "$BENCH_DIR/load.lua" "http://127.0.0.1:$PORT" "$WORK/ids-wrk" append)
UNDERLOAD="$(client_wait | grep '^RESULT' || true)"
echo "  delivery to stream 1 (conversation 1, $RATE appends/s) while wrk appends $u_rps/s (p99 $u_p99 ms) to the 1,000 followed conversations: $UNDERLOAD" | tee -a "$summary"
echo "  (RESULT label sent ok missing p50/p99/max from send, p50/p99/max from the 201, append p50/p99, late; ms)" | tee -a "$summary"
client close >/dev/null
fi

# --- 2. delivery latency with 1, 100, 1,000 streams on one instance -------------------------------------------------
if [[ " $PARTS " == *" latency "* ]]; then
{
  echo "## delivery latency, append -> message.created at the client (ms); $RATE appends/s to the measured stream's conversation for ${POINT_SECONDS}s"
  printf '%-30s | %5s %5s %4s | %8s %8s %8s | %8s %8s %8s | %8s %8s | %4s | %-16s | %s\n' point sent ok miss p50_send p99_send max_send p50_201 p99_201 max_201 app_p50 app_p99 late "load(1/5/15)" rss_MiB
} | tee -a "$summary"
latency_point() { # LABEL APPEND_PORT
  local tag r; tag="$(echo "$1" | tr -c 'a-zA-Z0-9\n' '-')"
  client measure "warm-$tag" 1 "$2" "$RATE" 5 >/dev/null
  r="$(client measure "$tag" 1 "$2" "$RATE" "$POINT_SECONDS" | grep '^RESULT' | cut -d' ' -f3-)"
  read -r sent ok miss p50s p99s maxs p50r p99r maxr ap50 ap99 late <<<"$r"
  printf '%-30s | %5s %5s %4s | %8s %8s %8s | %8s %8s %8s | %8s %8s | %4s | %-16s | %s\n' "$1 ($(opened "$PORT" 1 0) open)" "$sent" "$ok" "$miss" \
    "$p50s" "$p99s" "$maxs" "$p50r" "$p99r" "$maxr" "$ap50" "$ap99" "$late" "$(load_avg)" "$(rss_mib "$SERVICE_PID")" | tee -a "$summary"
  POINT_P99="$p99s"
}
prev=0
for n in $STREAMS; do
  [ "$(opened "$PORT" 1 "$n")" = "$n" ] || { echo "could not open $n streams" >&2; exit 1; }
  latency_point "$n stream$([ "$n" = 1 ] || echo s)" "$PORT"
  [ "$n" = 1000 ] && p99_1000="$POINT_P99"
done

fi

# --- 3. across instances: streams on A, appends through B -----------------------------------------------------------
if [[ " $PARTS " == *" latency "* ]]; then
log "starting instance B on $PORT_B"
start_b
wrk_run "$CONNECTIONS" "$WARMUP" "$BENCH_DIR/load.lua" "http://127.0.0.1:$PORT_B" "$WORK/ids-wrk" append >/dev/null # B's JIT
latency_point "cross, $(opened "$PORT" 1 0) streams" "$PORT_B"
client close 2 3000 >/dev/null
latency_point "cross, 1 stream" "$PORT_B"
kill "$PID_B"; wait "$PID_B" 2>/dev/null || true; PID_B=""
fi

if [ -n "${p99_1000:-}" ]; then
  awk -v p="$p99_1000" 'BEGIN { printf "# target p99 delivery < 100 ms with 1,000 streams (from the append'"'"'s send): %.1f ms, %s\n", p, (p < 100 ? "met" : "MISSED") }' | tee -a "$summary"
fi
echo "# load average after: $(load_avg); memory per open stream: bench/run-streams-memory.sh (results/streams-memory/)" | tee -a "$summary"
