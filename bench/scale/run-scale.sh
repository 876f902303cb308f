#!/usr/bin/env bash
# Scale (issue 18, point 5): two Parley instances on one PostgreSQL behind HAProxy, one killed with kill -9 in
# the middle of an append load. About 2.5 minutes; loopback only; writes bench/results/scale-<UTC date>.txt.
#
#   1. PostgreSQL: the local server at 127.0.0.1:5432 (started with pg_ctlcluster if it is down; never stopped).
#   2. Two instances of platform/app/target/parley.jar (built if missing) on a fresh database, started at the
#      same moment (both run Flyway against the empty schema: it must migrate once), each with
#      PARLEY_RATE_LIMITS_INSTANCES=2, and HAProxy (Debian package, installed when missing) in front of them
#      with health checks on /health (bench/scale/haproxy.cfg).
#   3. A JIT warm-up through HAProxy, then the measured append load (wrk, bench/scale/scale.lua: every answer
#      logged with its time, status, the instance that answered, and for a 201 the message id and seq).
#   4. KILL_AT seconds in, instance b gets kill -9; RESTART_AT seconds in it is started again and rejoins.
#   5. Checks: every acknowledged (201) append is in conversation.messages with its conversation and seq; every
#      conversation's seq is 1..n with last_seq = n (no gap, no duplicate); failed answers only inside the
#      failover window, which is measured (first to last failed answer after the kill); throughput before
#      (both instances), of the survivor alone, and after the rejoin.
#
#   CONNECTIONS=16  CONVERSATIONS=100  WARMUP=60  LOAD_SECONDS=60  KILL_AT=20 (0: a control run, nobody killed)
#   RESTART_AT=40 (0: no restart)
#   FRONT_PORT=18190  PORT_A=18191  PORT_B=18192  BENCH_JAVA (default Temurin 25)  OUT_FILE
source "$(dirname "$0")/../lib.sh"
SCALE_DIR="$BENCH_DIR/scale"
CONNECTIONS="${CONNECTIONS:-16}"
CONVERSATIONS="${CONVERSATIONS:-100}"
WARMUP="${WARMUP:-60}"
LOAD_SECONDS="${LOAD_SECONDS:-60}"
KILL_AT="${KILL_AT:-20}"
RESTART_AT="${RESTART_AT:-40}"
FRONT_PORT="${FRONT_PORT:-18190}"
PORT_A="${PORT_A:-18191}"
PORT_B="${PORT_B:-18192}"
OUT_FILE="${OUT_FILE:-$RESULTS/scale-$(date -u +%F).txt}"
PID_A=""
PID_B=""
HAPROXY_PID=""
WRK_PID=""
FAILED=0

if [ "$KILL_AT" = 0 ]; then
  RESTART_AT=0 # the control run: the same load, nobody killed
elif [ "$KILL_AT" -ge "$LOAD_SECONDS" ] || { [ "$RESTART_AT" != 0 ] && [ "$RESTART_AT" -le "$KILL_AT" ]; } \
   || [ "$RESTART_AT" -ge "$LOAD_SECONDS" ]; then
  echo "need KILL_AT < RESTART_AT < LOAD_SECONDS (or RESTART_AT=0: no restart; KILL_AT=0: no kill)" >&2; exit 2
fi

# --- tools: haproxy and wrk from Debian when missing ---------------------------------------------------------
missing=()
command -v haproxy >/dev/null || missing+=(haproxy)
command -v wrk >/dev/null || missing+=(wrk)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "missing ${missing[*]}: run as root or apt-get install -y ${missing[*]}" >&2; exit 2; }
  log "installing ${missing[*]} (Debian packages)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }
fi
require_tools haproxy wrk psql pg_isready curl python3

# --- PostgreSQL: use the running one, start it if it is down (never stop it: others use it) -------------------
if ! pg_isready -h "$PGHOST" -p "$PGPORT" -q; then
  PGVER="$(ls /etc/postgresql | head -1)"
  log "PostgreSQL is down: starting cluster $PGVER/main"
  pg_ctlcluster --skip-systemctl-redirect "$PGVER" main start
  for _ in $(seq 1 40); do pg_isready -h "$PGHOST" -p "$PGPORT" -q && break; sleep 0.25; done
fi

for port in "$FRONT_PORT" "$PORT_A" "$PORT_B"; do
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then
    echo "port $port is taken (a leftover run?): set FRONT_PORT/PORT_A/PORT_B" >&2; exit 2
  fi
done

stop_pid() { # stop_pid PID: TERM, then KILL after 10 s
  local pid="$1" i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop_pid "$WRK_PID"; stop_pid "$PID_A"; stop_pid "$PID_B"; stop_pid "$HAPROXY_PID"
  if [ -n "$BENCH_DB" ]; then
    psql -qAt -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  [ -n "$WORK" ] && rm -rf "$WORK"
}
WORK="$(mktemp -d /tmp/parley-bench-scale.XXXXXX)"
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$RESULTS"
exec > >(tee "$OUT_FILE") 2>&1

ensure_jar
create_db parley_bench_scale
DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB"

# start_instance NAME PORT: the packaged service in the background; its pid in PID_<NAME>
start_instance() {
  local name="$1" port="$2" pid
  PARLEY_DATABASE_URL="$DB_URL" PARLEY_JWT_SECRET="$JWT_SECRET" PARLEY_RATE_LIMITS_INSTANCES=2 \
    PARLEY_RATE_LIMITS_TRUSTED_PROXIES=127.0.0.1/32 MICRONAUT_SERVER_PORT="$port" PARLEY_LOG_LEVEL=WARN \
    PARLEY_LOG_FORMAT=PLAIN PARLEY_DATA_DIR="$WORK/data-$name" PARLEY_RETENTION_ENABLED=false \
    "$BENCH_JAVA" @"$JVM_OPTIONS" -jar "$JAR" >>"$WORK/instance-$name.log" 2>&1 &
  pid=$!
  if [ "$name" = a ]; then PID_A=$pid; else PID_B=$pid; fi
}
# wait_instance NAME PORT [SINCE]: until its /health is 200 (120 s at most); prints the seconds since SINCE (default now)
wait_instance() {
  local name="$1" port="$2" t0="${3:-$EPOCHREALTIME}" pid i
  for ((i = 0; i < 2400; i++)); do
    if curl -fs -o /dev/null "http://127.0.0.1:$port/health"; then
      awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; return 0
    fi
    pid=$PID_A; [ "$name" = b ] && pid=$PID_B
    if ! kill -0 "$pid" 2>/dev/null; then echo "instance $name exited; log:" >&2; tail -30 "$WORK/instance-$name.log" >&2; return 1; fi
    sleep 0.05
  done
  echo "instance $name not healthy after 120 s" >&2; return 1
}

echo "== Parley scale: two instances behind HAProxy, kill -9 under append load ($(date -u +%FT%TZ))"
echo "$(machine_line)"
echo "$(haproxy -v | head -1 | cut -d' ' -f1-3); wrk $(wrk -v 2>&1 | head -1 | cut -d' ' -f2); load average before: $(load_avg)"
echo "settings: $CONNECTIONS connections over $CONVERSATIONS conversations, warm-up ${WARMUP}s, load ${LOAD_SECONDS}s," \
     "kill -9 of instance b at ${KILL_AT}s, restart at ${RESTART_AT}s (0 = none); PARLEY_RATE_LIMITS_INSTANCES=2"

# --- two instances started together on the empty database, then HAProxy --------------------------------------
started="$EPOCHREALTIME"
start_instance a "$PORT_A"
start_instance b "$PORT_B"
up_a="$(wait_instance a "$PORT_A" "$started")"
up_b="$(wait_instance b "$PORT_B" "$started")"
history="$(psql_bench -c "SELECT quote_ident(table_schema) || '.flyway_schema_history' FROM information_schema.tables
                            WHERE table_name = 'flyway_schema_history' LIMIT 1")"
migrations="$(psql_bench -c "SELECT count(*) || ' rows, ' || count(DISTINCT version) || ' distinct versions, ' ||
                               count(*) FILTER (WHERE NOT success) || ' failed' FROM $history WHERE version IS NOT NULL")"
echo "instances a (pid $PID_A, :$PORT_A) and b (pid $PID_B, :$PORT_B) started at the same moment on an empty database:" \
     "healthy after $up_a s and $up_b s; Flyway history: $migrations"

sed -e "s/@FRONT_PORT@/$FRONT_PORT/" -e "s/@PORT_A@/$PORT_A/" -e "s/@PORT_B@/$PORT_B/" "$SCALE_DIR/haproxy.cfg" >"$WORK/haproxy.cfg"
haproxy -c -q -f "$WORK/haproxy.cfg"
# every HAProxy line (server UP/DOWN above all) stamped with the time it was written
haproxy -db -f "$WORK/haproxy.cfg" > >(while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done >"$WORK/haproxy.log") 2>&1 &
HAPROXY_PID=$!
for _ in $(seq 1 100); do curl -fs -o /dev/null "http://127.0.0.1:$FRONT_PORT/health" && break; sleep 0.1; done
sleep 1 # both servers pass their first checks (rise 2 at 250 ms)
served="$(for _ in 1 2 3 4; do curl -s -D - -o /dev/null "http://127.0.0.1:$FRONT_PORT/health" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-parley-instance" {print $2}'; done | sort | uniq -c | tr -s ' ' | tr '\n' ' ')"
echo "HAProxy (pid $HAPROXY_PID) on :$FRONT_PORT, leastconn, slowstart 30s; 4 health requests through it answered by:$served"

# --- data, token, warm-up -----------------------------------------------------------------------------------
create_conversations 1 "$CONVERSATIONS"
conversation_ids 1 "$CONVERSATIONS" "$WORK/ids"
export BENCH_TOKEN="$(token bench-scale service)"
OUT="$WORK" # wrk_run appends its raw output to $OUT/wrk-raw.txt
read -r w_rps _ _ _ w_err < <(wrk_run "$CONNECTIONS" "$WARMUP" "$BENCH_DIR/load.lua" "http://127.0.0.1:$FRONT_PORT" "$WORK/ids" append)
echo "warm-up: ${WARMUP}s through HAProxy, $w_rps appends/s, $w_err errors"
sleep 1 # the warm-up's last requests (in flight when wrk stopped) commit
before_load="$(psql_bench -c 'SELECT count(*) FROM conversation.messages')"

# --- the measured load, the kill, the restart ----------------------------------------------------------------
wrk -t2 -c"$CONNECTIONS" -d"${LOAD_SECONDS}s" --timeout 10s -s "$SCALE_DIR/scale.lua" "http://127.0.0.1:$FRONT_PORT" \
  -- "$WORK/ids" "$WORK/answers" >"$WORK/wrk.txt" 2>&1 &
WRK_PID=$!
LOAD_T0="$EPOCHREALTIME"
sleep_until() { local s; s="$(awk -v t0="$LOAD_T0" -v at="$1" -v now="$EPOCHREALTIME" 'BEGIN { d = t0 + at - now; print (d > 0 ? d : 0) }')"; sleep "$s"; }
KILL_T=0
if [ "$KILL_AT" != 0 ]; then
  sleep_until "$KILL_AT"
  KILL_T="$EPOCHREALTIME"
  kill -9 "$PID_B"
  wait "$PID_B" 2>/dev/null || true
  PID_B=""
  echo "kill -9 of instance b at +$(awk -v a="$LOAD_T0" -v b="$KILL_T" 'BEGIN { printf "%.1f", b - a }')s; load average $(load_avg)"
fi
RESTART_T=0
if [ "$RESTART_AT" != 0 ]; then
  sleep_until "$RESTART_AT"
  RESTART_T="$EPOCHREALTIME"
  start_instance b "$PORT_B"
  up_again="$(wait_instance b "$PORT_B")" || FAILED=1
  echo "instance b started again at +$(awk -v a="$LOAD_T0" -v b="$RESTART_T" 'BEGIN { printf "%.1f", b - a }')s (pid $PID_B), healthy after ${up_again:-?} s"
fi
wait "$WRK_PID" || true
WRK_PID=""
LOAD_T1="$EPOCHREALTIME"
grep -E '^(RESULT|SOCKET_ERRORS) ' "$WORK/wrk.txt" | sed 's/^/wrk: /'
sleep 1.5 # the request log flushes every 500 ms; nothing else is pending

# --- analysis: answers, failover window, throughput ----------------------------------------------------------
cat "$WORK"/answers.* >"$WORK/answers.txt"
echo "-- HAProxy saw (server state changes; times from the start of the measured load):"
grep -E '^[0-9.]+ Server instances/[ab] is (UP|DOWN)' "$WORK/haproxy.log" | awk -v t0="$LOAD_T0" '{ t = $1; $1 = ""; printf "   %+.2fs%s\n", t - t0, $0 }' | cut -c1-150 || true
# every request HAProxy logged during the measured load (the client's view is in answers.py below): status,
# server, HAProxy's termination state ("----" = normal; SH = the server aborted before its headers, CD = the client
# aborted) and whether HAProxy redispatched it (retries field "+n": its connection to the first server failed)
echo "-- requests HAProxy logged during the measured load: count, status, server, termination state, redispatched:"
awk -v t0="$LOAD_T0" -v t1="$LOAD_T1" '$1 >= t0 && $1 <= t1 + 1 {
    for (i = 1; i <= NF; i++) if ($i ~ /^instances\// && $(i + 2) ~ /^-?[0-9]+$/) {
      n = split($(i + 7), c, "/"); print "status " $(i + 2), $i, $(i + 6), (c[n] ~ /^\+/ ? "redispatched" : "-") } }' \
  "$WORK/haproxy.log" | sort | uniq -c | sort -rn | sed 's/^ */   /' || true
# wrk reconnects after an answer with "connection: close" (HAProxy's 502) and after a connection that ended
# without an answer (a socket read error, which wrk counts but does not time): a client port HAProxy first sees
# after the load's first second is such a reconnect, and the time of its first request dates the error
echo "-- client connections opened after the load's first second (wrk reconnecting), time of their first request from the kill:"
awk -v t0="$LOAD_T0" -v t1="$LOAD_T1" -v k="$KILL_T" '$1 >= t0 && $1 <= t1 + 1 && / instances\// && !seen[$2]++ && $1 > t0 + 1 {
    printf "%+.3f\n", $1 - k }' "$WORK/haproxy.log" >"$WORK/reconnects.txt" || true
echo "   $(wc -l <"$WORK/reconnects.txt") reconnects: $(sort -n "$WORK/reconnects.txt" | tr '\n' ' ' | cut -c1-300)"
echo "-- HAProxy's other lines during the load (not a normal 201, not a server state change; time from the kill):"
awk -v t0="$LOAD_T0" -v t1="$LOAD_T1" -v k="$KILL_T" '$1 >= t0 && $1 <= t1 + 1 && !/ 201 [0-9]+ - - ---- / && !/Server instances\// {
    t = $1; $1 = ""; printf "   %+.3fs%s\n", t - k, $0 }' "$WORK/haproxy.log" | cut -c1-190 | head -30 || true
python3 -B "$SCALE_DIR/answers.py" "$WORK/answers.txt" "$WORK/haproxy.log" "$LOAD_T0" "$KILL_T" "$RESTART_T" "$LOAD_T1" \
  "$WORK/acked.csv" "$WORK/timeline.txt" "$WORK/reconnects.txt" "$(grep '^SOCKET_ERRORS ' "$WORK/wrk.txt" | tr -d ';' | awk '{ print $5 }')" \
  >"$WORK/report.txt" || FAILED=1
grep -v '^RESULT' "$WORK/report.txt"

# --- database checks ----------------------------------------------------------------------------------------
acked="$(wc -l <"$WORK/acked.csv")"
kill_t="$KILL_T"; [ "$kill_t" = 0 ] && kill_t="$LOAD_T1"
# one session: the acknowledged appends in a temp table, then what is missing and what was stored unacknowledged
read -r missing unacked at_kill at_end < <(psql_bench \
  -c "CREATE TEMP TABLE acked (id uuid, conversation_id uuid, seq bigint)" \
  -c "\copy acked FROM '$WORK/acked.csv' WITH (FORMAT csv)" \
  -c "SELECT (SELECT count(*) FROM acked a LEFT JOIN conversation.messages m
                 ON m.id = a.id AND m.conversation_id = a.conversation_id AND m.seq = a.seq WHERE m.id IS NULL),
             count(*), count(*) FILTER (WHERE created_at BETWEEN to_timestamp($kill_t) - interval '1 second'
                                                              AND to_timestamp($kill_t) + interval '5 seconds'),
             count(*) FILTER (WHERE created_at >= to_timestamp($LOAD_T1) - interval '1 second')
        FROM conversation.messages m
       WHERE created_at >= to_timestamp($LOAD_T0) - interval '1 second' AND NOT EXISTS (SELECT 1 FROM acked a WHERE a.id = m.id)" \
  | tail -1 | tr '|' ' ')
bad="$(psql_bench -c "SELECT count(*) FROM (
          SELECT c.id, c.last_seq, count(m.id) n, count(DISTINCT m.seq) d, coalesce(min(m.seq), 1) lo, coalesce(max(m.seq), 0) hi
            FROM conversation.conversations c LEFT JOIN conversation.messages m ON m.conversation_id = c.id GROUP BY c.id
        ) s WHERE n <> d OR hi <> n OR lo <> 1 OR last_seq <> hi")"
after_load="$(psql_bench -c 'SELECT count(*) FROM conversation.messages')"
# every request body of the load is unique: one stored twice would be an append a balancer retry doubled
doubled="$(psql_bench -c "SELECT count(*) FROM (SELECT content FROM conversation.messages WHERE content LIKE 'scale message %'
                                              GROUP BY content HAVING count(*) > 1) d")"
echo "-- database:"
echo "   acknowledged appends (201) in the load: $acked; missing from conversation.messages (by id, conversation and seq): $missing"
echo "   conversations with a seq gap, a duplicate or last_seq <> max(seq): $bad (of $CONVERSATIONS; $after_load messages)"
echo "   appends stored during the load: $((after_load - before_load)); stored but never acknowledged: $unacked, of them" \
     "$at_kill around the kill (answer lost with b: the client saw 502 or a closed connection; retrying with the same" \
     "Idempotency-Key returns the stored message, 200) and $at_end in flight when wrk stopped at the end (answers never read)"

check() { # check DESCRIPTION... RESULT(1 = pass)
  local result="${!#}" what="${*:1:$#-1}"
  if [ "$result" = 1 ]; then echo "PASS  $what"; else echo "FAIL  $what"; FAILED=1; fi
}
check "zero acknowledged appends lost" "$([ "$acked" -gt 0 ] && [ "$missing" = 0 ] && echo 1)"
check "seq 1..n without gaps or duplicates in every conversation" "$([ "$bad" = 0 ] && echo 1)"
check "no append stored twice (request bodies stored more than once: $doubled)" "$([ "$doubled" = 0 ] && echo 1)"
# connections that ended without an answer (wrk's read errors) are dated by the reconnects that follow them
read -r connect_err read_err write_err timeout_err < <(grep '^SOCKET_ERRORS ' "$WORK/wrk.txt" | tr -d ';' | awk '{ print $3, $5, $7, $9 }')
late="$(awk -v w="${RECONNECT_WINDOW:-1}" '$1 < 0 || $1 > w' "$WORK/reconnects.txt" | wc -l)"
if [ "$KILL_T" = 0 ]; then late="$(wc -l <"$WORK/reconnects.txt")"; fi
check "no connect/write error or timeout at the client; its $read_err connections cut without an answer all at the kill" \
  "(every reconnect within ${RECONNECT_WINDOW:-1} s after it; outside: $late)" \
  "$([ "${connect_err:-1}" = 0 ] && [ "${write_err:-1}" = 0 ] && [ "${timeout_err:-1}" = 0 ] && [ "$late" = 0 ] && echo 1)"
check "failed answers and cut connections only inside the failover window after the kill (none before it, none at the rejoin)" \
  "$(grep -q '^RESULT ok' "$WORK/report.txt" && echo 1)"
echo "-- per second (+s from the start of the load: 201s answered by a, by b, failed answers):"
cat "$WORK/timeline.txt"
echo "load average after: $(load_avg); total $(awk -v a="$LOAD_T0" -v b="$LOAD_T1" 'BEGIN { printf "%.0f", b - a }') s of load"
[ "$FAILED" = 0 ] && echo "== all checks passed" || echo "== SOME CHECKS FAILED"
exit "$FAILED"
