#!/usr/bin/env bash
# Rate limits (issue 17 point 6): what they cost an honest service, and whether they hold a flood off.
#
#   a. Overhead: benchmark 1's append throughput ratio (wrk bench/load.lua with a service token vs the pgbench
#      floor right after it, same client count) with limits ON and OFF in one run: two instances of the service
#      on one database, one with the defaults (service-writes: 10,000 burst, 5,000/s per sub), one with
#      PARLEY_RATE_LIMITS_ENABLED=false, both warmed up, measured ON, OFF, OFF, ON, ROUNDS times (so linear drift
#      of the machine's load cancels). The floor is bench/sql/append-bare.pgbench: exactly what the service sends for a
#      service caller's append (captured: results/ratelimit/captured-sql.txt). Target: overhead <= 5 %
#      (1 - ratio ON / ratio OFF). The service token's refusals are read from the ON instance's /prometheus.
#   b. Flood: honest guests (bench/honest_chat.py) chat at a human pace, each from its own loopback address
#      (127.0.0.2, 127.0.0.3, ...: the socket's source address, which the service keys guests by), a turn every
#      INTERVAL seconds, through three phases of FLOOD_SECONDS: quiet, flood, quiet again. During the flood wrk
#      sends guest chat turns from 127.0.0.1 on 8 connections (bench/flood.lua, on FLOOD_SESSIONS existing guest
#      sessions at random, so the guest-address budget, 30 burst + 60/min, is the one that binds). Reported: the
#      flood's turns stored (<= 30 + 1/s x its duration), honest p99 with and without the flood (target within
#      1.5x), their 429s (target 0), the request-log rows of the flood (refusals are not logged), and the refusals
#      the tarpit delayed. Then the same again on a restarted instance with the tarpit off
#      (parley.rate-limits.refusal-delay=0s: every refusal answered at once), to see what the delay buys.
# The knowledge base holds the bundled articles (parley.jar seed-knowledge), so honest questions get answers.
#   CONNECTIONS=8  DURATION=15  WARMUP=20  ROUNDS=2  CALLERS=60  INTERVAL=4  FLOOD_SECONDS=15  FLOOD_CONNECTIONS=8
#   FLOOD_SESSIONS=50  PORT=18090 (limits on)  PORT_OFF=18091  PARTS="overhead flood" (either alone; "profile": a JFR profile of a flood alone,
#   on an instance with the tarpit off, since with it on the flood sends only ~20 requests a second)
source "$(dirname "$0")/lib.sh"
require_tools wrk pgbench psql curl python3
CONNECTIONS="${CONNECTIONS:-8}"
WARMUP="${WARMUP:-20}"
CALLERS="${CALLERS:-60}"
INTERVAL="${INTERVAL:-4}"
FLOOD_SECONDS="${FLOOD_SECONDS:-15}"
ROUNDS="${ROUNDS:-2}"
PARTS="${PARTS:-overhead flood}"
FLOOD_CONNECTIONS="${FLOOD_CONNECTIONS:-8}"
FLOOD_SESSIONS="${FLOOD_SESSIONS:-50}"
PORT="${PORT:-18090}"
PORT_OFF="${PORT_OFF:-18091}"
PID_OFF=""
HONEST_PID=""
[ "$CALLERS" -le 250 ] || { echo "CALLERS: at most 250 (127.0.0.2..127.0.0.251)" >&2; exit 2; }
begin "ratelimit$([ "$PARTS" = "overhead flood" ] || echo "-${PARTS// /-}")"
ensure_jar
create_db parley_bench_ratelimit
DATED="$RESULTS/ratelimit-$(date -u +%F)$([ "$PARTS" = "overhead flood" ] || echo "-${PARTS// /-}").txt"

cleanup_ratelimit() {
  if [ -n "$HONEST_PID" ]; then kill "$HONEST_PID" 2>/dev/null || true; wait "$HONEST_PID" 2>/dev/null || true; fi
  if [ -n "$PID_OFF" ]; then kill "$PID_OFF" 2>/dev/null || true; wait "$PID_OFF" 2>/dev/null || true; fi
  cleanup
}
trap cleanup_ratelimit EXIT
trap 'echo "run-ratelimit.sh: failed at line $LINENO" >&2' ERR

# the second instance, limits off, same database
start_off() {
  PARLEY_DATABASE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" PARLEY_JWT_SECRET="$JWT_SECRET" \
    MICRONAUT_SERVER_PORT="$PORT_OFF" PARLEY_LOG_LEVEL=WARN PARLEY_DATA_DIR="$WORK/data-off" PARLEY_RETENTION_ENABLED=false \
    PARLEY_RATE_LIMITS_ENABLED=false "$BENCH_JAVA" @"$JVM_OPTIONS" -jar "$JAR" >"$WORK/service-off.txt" 2>&1 &
  PID_OFF=$!
  local i
  for ((i = 0; i < 2400; i++)); do
    curl -fs -o /dev/null "http://127.0.0.1:$PORT_OFF/health" && return 0
    kill -0 "$PID_OFF" 2>/dev/null || { tail -20 "$WORK/service-off.txt" >&2; return 1; }
    sleep 0.05
  done
  return 1
}
# metric PORT NAME LABELS: the value of one Prometheus sample (0 when absent)
metric() {
  curl -fs "http://127.0.0.1:$1/prometheus" -H "Authorization: Bearer $ADMIN" \
    | awk -v name="$2" -v labels="$3" 'index($0, name "{") == 1 && index($0, labels) > 0 { v += $NF } END { printf "%d", v }'
}

exec > >(tee "$DATED") 2>&1
echo "# rate limits: overhead on appends and a flood from one address ($(machine_line))"
echo "# load average before: $(load_avg)"

# --- 0. the instance with limits ON (defaults), the SQL of one append, data --------------------------------------
psql -qAt -d postgres -c "ALTER DATABASE $BENCH_DB SET log_statement = 'all'"
start_service "$PORT"
psql_bench -f "$BENCH_DIR/sql/bench-functions.sql" >/dev/null
create_conversations 1 2000
TOKEN="$(token bench service)"
ADMIN="$(token bench-admin admin)"
export BENCH_TOKEN="$TOKEN"
PGLOG="$(ls -t /var/log/postgresql/postgresql-*-main.log 2>/dev/null | head -1 || true)"
before=0; [ -n "$PGLOG" ] && before="$(wc -c <"$PGLOG")"
curl -fs -o /dev/null -X POST "http://127.0.0.1:$PORT/api/v1/conversations/$(conversation_uuid 2000)/messages" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"role":"user","content":"capture"}'
sleep 1.5
if [ -n "$PGLOG" ]; then
  tail -c +"$((before + 1))" "$PGLOG" | awk -v db="@$BENCH_DB " '
    /^[0-9]{4}-[0-9]{2}-[0-9]{2} / { keep = index($0, db) > 0; if (keep) { sub(/^[^]]*] /, "") } }
    keep' >"$OUT/captured-sql.txt" || true
  python3 "$BENCH_DIR/floor_from_capture.py" --check "$OUT/captured-sql.txt" "$BENCH_DIR/sql/append-bare.pgbench" \
    "INSERT INTO conversation.messages" || { echo "no floor: bench/sql/append-bare.pgbench no longer sends what the service sends" >&2; exit 1; }
fi
psql -qAt -d postgres -c "ALTER DATABASE $BENCH_DB RESET log_statement"
stop_service
start_service "$PORT"
[[ " $PARTS " == *" overhead "* ]] && start_off
conversation_ids 1001 2000 "$WORK/ids-wrk"
log "JIT warm-up: ${WARMUP} s of appends on each instance"
wrk_run "$CONNECTIONS" "$WARMUP" "$BENCH_DIR/load.lua" "http://127.0.0.1:$PORT" "$WORK/ids-wrk" append >/dev/null
if [ -n "$PID_OFF" ]; then
  wrk_run "$CONNECTIONS" "$WARMUP" "$BENCH_DIR/load.lua" "http://127.0.0.1:$PORT_OFF" "$WORK/ids-wrk" append >/dev/null
fi
refused0="$(metric "$PORT" parley_rate_limit_decisions_total 'outcome="refused"')"

# --- a. overhead: ON, OFF, OFF, ON ---------------------------------------------------------------------------------
# Besides the ratio: the CPU the serving JVM spent per append (its utime + stime over the point / requests), which
# PostgreSQL's fsync stalls and other people's load move far less than throughput; and the WAL the whole cluster
# wrote per floor transaction, which shows when someone else wrote a lot during a floor point.
summary="$OUT/summary.txt"
wal_lsn() { psql -qAt -d postgres -c "SELECT pg_current_wal_lsn()"; }
wal_per() { psql -qAt -d postgres -c "SELECT round(pg_wal_lsn_diff(pg_current_wal_lsn(), '$1') / 1024.0 / greatest($2, 1), 1)"; }
# autovacuum is off on this machine's PostgreSQL: every append's update of its conversation (updated_at is in three
# indexes) leaves a dead row version behind; VACUUM before each point, as a production server's autovacuum would
vacuum_conversations() { psql_bench -c "VACUUM conversation.conversations" >/dev/null; }
if [[ " $PARTS " == *" overhead "* ]]; then
{
  echo "## a. append throughput vs floor, limits ON (defaults) and OFF (benchmark 1's method: wrk load.lua over conversations 1001..2000 with a service token, then pgbench append-bare.pgbench; ${CONNECTIONS} connections, ${DURATION}s a point)"
  printf '%-10s | %9s %7s %7s %6s %10s | %9s %7s %7s %7s | %6s | %s\n' limits svc_rps p50_ms p99_ms errors cpu_us/req floor_tps p50_ms p99_ms WAL/tx ratio "load(1/5/15)"
} | tee "$summary"
on=(); off=(); cpu_on=(); cpu_off=()
order=""; for ((r = 0; r < ROUNDS; r++)); do order="$order on off off on"; done
for state in $order; do
  port="$PORT"; pid="$SERVICE_PID"; [ "$state" = off ] && { port="$PORT_OFF"; pid="$PID_OFF"; }
  vacuum_conversations
  wrk_run "$CONNECTIONS" 3 "$BENCH_DIR/load.lua" "http://127.0.0.1:$port" "$WORK/ids-wrk" append >/dev/null
  t0="$(ticks_of "$pid")"
  read -r s_rps s_p50 s_p99 s_n s_err < <(wrk_run "$CONNECTIONS" "$DURATION" "$BENCH_DIR/load.lua" "http://127.0.0.1:$port" "$WORK/ids-wrk" append)
  cpu="$(awk -v t="$(( $(ticks_of "$pid") - t0 ))" -v hz="$(getconf CLK_TCK)" -v n="$s_n" 'BEGIN { printf "%.0f", t * 1e6 / hz / (n > 0 ? n : 1) }')"
  vacuum_conversations
  w1="$(wal_lsn)"
  read -r f_tps f_p50 f_p99 f_n _ < <(pgbench_run "$CONNECTIONS" "$DURATION" "$BENCH_DIR/sql/append-bare.pgbench" -D nconv=1000)
  wal_f="$(wal_per "$w1" "$f_n")"
  r="$(ratio "$s_rps" "$f_tps")"
  if [ "$state" = on ]; then on+=("$r"); cpu_on+=("$cpu"); else off+=("$r"); cpu_off+=("$cpu"); fi
  printf '%-10s | %9s %7s %7s %6s %10s | %9s %7s %7s %7s | %6s | %s\n' "$state" "$s_rps" "$s_p50" "$s_p99" "$s_err" "$cpu" "$f_tps" "$f_p50" "$f_p99" "$wal_f" "$r" "$(load_avg)" | tee -a "$summary"
done
refused1="$(metric "$PORT" parley_rate_limit_decisions_total 'outcome="refused"')"
allowed_service="$(metric "$PORT" parley_rate_limit_decisions_total 'limit="service-writes",outcome="allowed"')"
awk -v a="${on[*]}" -v c="${off[*]}" -v ca="${cpu_on[*]}" -v cc="${cpu_off[*]}" -v r="$((refused1 - refused0))" -v n="$allowed_service" '
  function mean(list,   k, x, i, t) { k = split(list, x, " "); for (i = 1; i <= k; i++) t += x[i]; return t / k }
  BEGIN {
    on = mean(a); off = mean(c); o = 100 * (1 - on / off); con = mean(ca); coff = mean(cc); oc = 100 * (con / coff - 1)
    printf "  ratio ON %.2f (mean of %s), OFF %.2f (mean of %s): overhead %.1f %%; service JVM CPU per append ON %.0f us (%s), OFF %.0f us (%s): overhead %+.1f %%; target <= 5 %%: %s by the ratio, %s by the CPU per append\n",
      on, a, off, c, o, con, ca, coff, cc, oc, (o <= 5 ? "met" : "MISSED"), (oc <= 5 ? "met" : "MISSED")
    printf "  service token: %d requests allowed by service-writes, %d refused (429) during the points\n", n, r }' | tee -a "$summary"
fi
if [ -n "$PID_OFF" ]; then kill "$PID_OFF"; wait "$PID_OFF" 2>/dev/null || true; PID_OFF=""; fi

if [[ " $PARTS " == *" flood "* ]]; then
# --- b. a flood from 127.0.0.1 while honest guests chat from 127.0.0.2.. -------------------------------------------
log "seeding the knowledge base (bundled articles)"
PARLEY_JWT_SECRET="$JWT_SECRET" PARLEY_LOG_LEVEL=ERROR "$BENCH_JAVA" -jar "$JAR" seed-knowledge --url "http://127.0.0.1:$PORT" | tail -1
create_conversations 5001 "$((5000 + FLOOD_SESSIONS))"
for ((n = 5001; n <= 5000 + FLOOD_SESSIONS; n++)); do printf 'bench-session-%012d\n' "$n"; done >"$WORK/flood-sessions"
flood_turns() { psql_bench -c "SELECT count(*) FILTER (WHERE role = 'user') || ' ' || count(*) FROM conversation.messages
  WHERE conversation_id IN (SELECT bench.conversation(n) FROM generate_series(5001, $((5000 + FLOOD_SESSIONS))) n)"; }

# flood_round LABEL: warm the chat path, then quiet / flood / quiet with the honest guests; prints the figures
flood_round() {
  local label="$1" tag; tag="$(echo "$1" | tr -c 'a-zA-Z0-9\n' '-')"
  # warm the chat path (JIT) from addresses the measurement does not use (127.0.1.x), within every budget
  python3 "$BENCH_DIR/honest_chat.py" "$PORT" 30 2 warm:20 127.0.1. | grep '^RESULT warm' | sed 's/^/# chat warm-up, 30 guests from 127.0.1.x: /' || true
  sleep 1
  local before_turns before_msgs; read -r before_turns before_msgs < <(flood_turns)
  local dropped0; dropped0="$(metric "$PORT" parley_request_log_dropped_total 'reason="queue_full"')"
  local delayed0; delayed0="$(metric "$PORT" parley_rate_limit_delayed_refusals_total 'outcome="delayed"')"
  python3 -u "$BENCH_DIR/honest_chat.py" "$PORT" "$CALLERS" "$INTERVAL" "quiet:$FLOOD_SECONDS,flood:$FLOOD_SECONDS,after:$FLOOD_SECONDS" \
    >"$WORK/honest.txt" 2>&1 &
  HONEST_PID=$!
  local i
  for ((i = 0; i < 1200; i++)); do grep -q '^PHASE flood' "$WORK/honest.txt" && break; grep -q '^ERROR' "$WORK/honest.txt" && break; sleep 0.05; done
  if grep '^ERROR' "$WORK/honest.txt"; then return 1; fi
  local t0 t1 s0 s1; t0="$(date -u +%FT%T.%NZ)"; s0="$EPOCHREALTIME"
  log "flood ($label): $FLOOD_CONNECTIONS connections from 127.0.0.1 for ${FLOOD_SECONDS}s"
  cpu_sample_start
  wrk -t2 -c"$FLOOD_CONNECTIONS" -d"${FLOOD_SECONDS}s" --timeout 10s -s "$BENCH_DIR/flood.lua" "http://127.0.0.1:$PORT" \
    -- "$WORK/flood-sessions" >"$WORK/flood.txt" 2>&1 || true
  local cpu; cpu="$(cpu_sample_end)"
  t1="$(date -u +%FT%T.%NZ)"; s1="$EPOCHREALTIME"
  local load_flood; load_flood="$(load_avg)"
  wait "$HONEST_PID" || true
  HONEST_PID=""
  cat "$WORK/flood.txt" >>"$OUT/wrk-raw.txt"
  cp "$WORK/honest.txt" "$OUT/honest-$tag.txt"
  sleep 1.5 # the request log flushes every 500 ms
  local fl_rps fl_p50 fl_p99 fl_n fl_err fl_ok fl_429 fl_other fl_sock turns msgs log_rows log_429 log_chat200 dropped seconds budget
  read -r fl_rps fl_p50 fl_p99 fl_n fl_err < <(grep '^RESULT ' "$WORK/flood.txt" | cut -d' ' -f2-)
  read -r fl_ok fl_429 fl_other fl_sock < <(grep '^STATUS ' "$WORK/flood.txt" | cut -d' ' -f2-)
  read -r turns msgs < <(flood_turns)
  turns=$((turns - before_turns)); msgs=$((msgs - before_msgs))
  read -r log_rows log_429 log_chat200 < <(psql_bench -c "SELECT count(*), count(*) FILTER (WHERE status_code = 429),
    count(*) FILTER (WHERE status_code = 200 AND endpoint = '/api/v1/chat') FROM tracing.api_requests
    WHERE created_at BETWEEN '$t0' AND '$t1'" | tr '|' ' ')
  local honest_flood; honest_flood="$(awk '$1 == "RESULT" && $2 == "flood" { print $3 }' "$WORK/honest.txt")"
  dropped=$(($(metric "$PORT" parley_request_log_dropped_total 'reason="queue_full"') - dropped0))
  local delayed; delayed=$(($(metric "$PORT" parley_rate_limit_delayed_refusals_total 'outcome="delayed"') - delayed0))
  seconds="$(awk -v a="$s0" -v b="$s1" 'BEGIN { printf "%.1f", b - a }')"
  budget="$(awk -v s="$seconds" 'BEGIN { printf "%d", 30 + s }')"
  {
    echo "## b. flood ($label): $FLOOD_CONNECTIONS connections of guest chat turns from 127.0.0.1 for ${seconds}s; $CALLERS honest guests from 127.0.0.2..127.0.0.$((CALLERS + 1)), a turn every ${INTERVAL}s each, ${FLOOD_SECONDS}s quiet / flood / quiet"
    echo "  flood: $fl_n requests ($(awk -v n="$fl_n" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')/s), answers: $fl_ok 200, $fl_429 429, $fl_other other, $fl_sock socket errors; p50 $fl_p50 ms p99 $fl_p99 ms; load average at its end $load_flood"
    echo "  CPU during the flood: $cpu"
    awk -v t="$turns" -v b="$budget" -v m="$msgs" 'BEGIN {
      printf "  stored by the flood: %d turns (%d messages with the replies); budget guest-address 30 burst + 1/s x the flood = %d: %s\n", t, m, b, (t <= b ? "within" : "OVER") }'
    echo "  tarpit: $delayed refusals answered late (refusal-delay)"
    echo "  request log during the flood: $log_rows rows stored, $log_429 of them 429 (refusals are not logged: target 0); $dropped lines dropped (queue full);" \
         "answered chat turns (200) logged: $log_chat200 of about $((honest_flood + fl_ok)) (the honest turns sent in the flood phase + the flood's 200s)"
    printf '  %-8s | %6s %8s %8s %8s | %5s %6s %10s\n' phase turns p50_ms p99_ms max_ms 429 other reply_null
    grep '^RESULT ' "$WORK/honest.txt" | while read -r _ phase n p50 p99 max n429 nother nnull; do
      printf '  %-8s | %6s %8s %8s %8s | %5s %6s %10s\n' "$phase" "$n" "$p50" "$p99" "$max" "$n429" "$nother" "$nnull"
    done
  } | tee -a "$summary"
  local w_p99 f_p99 z
  read -r _ _ _ _ w_p99 _ _ _ _ < <(grep '^RESULT without ' "$WORK/honest.txt")
  read -r _ _ _ _ f_p99 _ _ _ _ < <(grep '^RESULT flood ' "$WORK/honest.txt")
  z="$(grep '^RESULT \(quiet\|after\|flood\) ' "$WORK/honest.txt" | awk '{ s += $7 } END { print s + 0 }')"
  awk -v w="$w_p99" -v f="$f_p99" -v z="$z" -v t="$turns" -v b="$budget" 'BEGIN {
    printf "  honest p99 with the flood / without: %.1f / %.1f ms = %.2fx (target <= 1.5x: %s); honest 429s: %d (target 0: %s); flood within its budget: %s\n",
      f, w, f / w, (f / w <= 1.5 ? "met" : "MISSED"), z, (z == 0 ? "met" : "MISSED"), (t <= b ? "met" : "MISSED") }' | tee -a "$summary"
}

flood_round "as shipped, tarpit on"
# the same with the tarpit off: every refusal answered at once, so the flood runs as fast as refusals are made,
# which shows what the early, unlogged refusal costs alone and what the delay adds
log "restarting the limited instance with parley.rate-limits.refusal-delay=0s"
stop_service
PARLEY_RATE_LIMITS_REFUSAL_DELAY=0s start_service "$PORT"
wrk_run "$CONNECTIONS" "$WARMUP" "$BENCH_DIR/load.lua" "http://127.0.0.1:$PORT" "$WORK/ids-wrk" append >/dev/null # the same JIT warm-up as before
flood_round "tarpit off (refusal-delay=0s)"
fi

# --- c. where a refusal's CPU goes (PARTS=profile): JFR over a flood alone, request log as shipped ---------------------
if [[ " $PARTS " == *" profile "* ]]; then
  log "restarting the limited instance with parley.rate-limits.refusal-delay=0s (every refusal answered at once)"
  stop_service
  PARLEY_RATE_LIMITS_REFUSAL_DELAY=0s start_service "$PORT"
  [ -s "$WORK/flood-sessions" ] || { create_conversations 5001 "$((5000 + FLOOD_SESSIONS))"
    for ((n = 5001; n <= 5000 + FLOOD_SESSIONS; n++)); do printf 'bench-session-%012d\n' "$n"; done >"$WORK/flood-sessions"; }
  log "a ${FLOOD_SECONDS}s flood with JFR, to warm the 429 path; then another one recorded"
  wrk -t2 -c"$FLOOD_CONNECTIONS" -d"${FLOOD_SECONDS}s" -s "$BENCH_DIR/flood.lua" "http://127.0.0.1:$PORT" -- "$WORK/flood-sessions" >/dev/null 2>&1 || true
  JCMD="$(dirname "$BENCH_JAVA")/jcmd"; [ -x "$JCMD" ] || JCMD=jcmd
  "$JCMD" "$SERVICE_PID" JFR.start name=flood filename="$WORK/flood.jfr" settings=profile >/dev/null
  t0="$(ticks_of "$SERVICE_PID")"
  cpu_sample_start
  wrk -t2 -c"$FLOOD_CONNECTIONS" -d"${FLOOD_SECONDS}s" -s "$BENCH_DIR/flood.lua" "http://127.0.0.1:$PORT" -- "$WORK/flood-sessions" >"$WORK/flood.txt" 2>&1 || true
  split="$(cpu_sample_end)"
  t1="$(ticks_of "$SERVICE_PID")"
  "$JCMD" "$SERVICE_PID" JFR.stop name=flood >/dev/null
  cp "$WORK/flood.jfr" "$OUT/flood.jfr" # not committed (bench/.gitignore)
  read -r _ _ _ p_n _ < <(grep '^RESULT ' "$WORK/flood.txt" | cut -d' ' -f2-)
  {
    echo "# JFR profile of the limited instance (tarpit off) during a ${FLOOD_SECONDS}s flood ($FLOOD_CONNECTIONS connections of guest chat turns from 127.0.0.1; the recorder on): $(grep '^STATUS ' "$WORK/flood.txt")  (2xx 429 other socket-errors)"
    echo "# $p_n requests; service JVM CPU $(awk -v t="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" -v n="$p_n" 'BEGIN { printf "%.1f us per request", t * 1e6 / hz / (n > 0 ? n : 1) }'); machine: $split"
    python3 "$BENCH_DIR/jfr_breakdown.py" "$(dirname "$BENCH_JAVA")/jfr" "$WORK/flood.jfr"
  } | tee "$OUT/flood-profile.txt"
fi
echo "# load average after: $(load_avg)" | tee -a "$summary"
