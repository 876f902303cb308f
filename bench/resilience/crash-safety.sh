#!/usr/bin/env bash
# Crash safety of the packaged service (issue 9, "Resilience tests" 1). Takes about two minutes.
#   bench/resilience/crash-safety.sh            writes bench/results/resilience-<UTC date>.txt
# Phase 1: append load, kill -9 the service, restart it: every acknowledged (2xx) append is in the
#          database and every conversation's seq is 1..n with no gap or duplicate.
# Phase 2: append load, stop PostgreSQL for OUTAGE_SECONDS: the service answers 503 problem+json
#          quickly (max latency recorded), /health is 503 (DOWN), and both recover on their own.
# PostgreSQL is ALWAYS started again on exit (trap), also on failure; the outage is kept short.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
JAR=platform/app/target/parley.jar
PORT=${PORT:-18473}
WORKERS=${WORKERS:-16}
OUTAGE_SECONDS=${OUTAGE_SECONDS:-12}
DB=parley_resilience_$$
PGVER=$(ls /etc/postgresql | head -1)
WORK=$(mktemp -d /tmp/parley-resilience.XXXXXX)
OUT=${OUT:-bench/results/resilience-$(date -u +%F).txt}
SERVICE_PID=""
LOAD_PID=""
FAILED=0

mkdir -p "$(dirname "$OUT")"
exec > >(tee "$OUT") 2>&1

psql_db() { psql -h 127.0.0.1 -U postgres -d "$DB" -XAtq "$@"; }
pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q; }
check() { # check <description> <command...>
  local what=$1; shift
  if "$@"; then echo "PASS  $what"; else echo "FAIL  $what"; FAILED=1; fi
}

cleanup() {
  if ! pg_up; then
    echo "cleanup: starting PostgreSQL again"
    pg_ctlcluster --skip-systemctl-redirect "$PGVER" main start || true
  fi
  [ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2>/dev/null
  [ -n "$SERVICE_PID" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null
  for _ in $(seq 1 20); do pg_up && break; sleep 0.5; done
  psql -h 127.0.0.1 -U postgres -XAtq -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export PARLEY_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$DB"
export PARLEY_JWT_SECRET="resilience-secret-resilience-secret-0123456789"
export MICRONAUT_SERVER_PORT=$PORT
export PARLEY_LOG_FORMAT=PLAIN

start_service() {
  java @jvm.options -jar "$JAR" >>"$WORK/service.log" 2>&1 &
  SERVICE_PID=$!
  local t0; t0=$(date +%s.%N)
  for _ in $(seq 1 240); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health")" = 200 ]; then
      echo "service up (pid $SERVICE_PID) after $(echo "$(date +%s.%N) - $t0" | bc | cut -c1-5) s"
      return 0
    fi
    sleep 0.25
  done
  echo "service did not become healthy"; tail -50 "$WORK/service.log"; exit 1
}

start_load() { # start_load <log>
  rm -f "$WORK/stop"
  python3 bench/resilience/appendload.py --port "$PORT" --token "$TOKEN" --workers "$WORKERS" --conversations 8 \
    --conversation-file "$WORK/conversations" --log "$1" --stop-file "$WORK/stop" --timeout 30 &
  LOAD_PID=$!
}
stop_load() { touch "$WORK/stop"; wait "$LOAD_PID" 2>/dev/null; LOAD_PID=""; }

# every acknowledged append of a load log is in the database with its conversation and seq
acked_all_present() {
  python3 - "$1" > "$WORK/acked.csv" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if 200 <= r["status"] < 300:
        print("%s,%s,%s" % (r["id"], r["conversation_id"], r["seq"]))
PY
  local acked missing
  acked=$(wc -l < "$WORK/acked.csv")
  psql_db -c "CREATE TEMP TABLE acked (id uuid, conversation_id uuid, seq bigint)" \
          -c "\copy acked FROM '$WORK/acked.csv' WITH (FORMAT csv)" \
          -c "SELECT 'missing=' || count(*) FROM acked a LEFT JOIN conversation.messages m
                ON m.id = a.id AND m.conversation_id = a.conversation_id AND m.seq = a.seq WHERE m.id IS NULL" > "$WORK/missing"
  missing=$(grep -o 'missing=[0-9]*' "$WORK/missing" | cut -d= -f2)
  echo "      acknowledged appends: $acked, missing from the database: ${missing:-?}"
  [ "$acked" -gt 0 ] && [ "${missing:-1}" = 0 ]
}

seq_contiguous() {
  local bad
  bad=$(psql_db -c "SELECT count(*) FROM (
            SELECT c.id, c.last_seq, count(m.id) n, count(DISTINCT m.seq) d, coalesce(min(m.seq), 1) lo, coalesce(max(m.seq), 0) hi
              FROM conversation.conversations c LEFT JOIN conversation.messages m ON m.conversation_id = c.id GROUP BY c.id
          ) s WHERE n <> d OR hi <> n OR lo <> 1 OR last_seq <> hi")
  echo "      messages: $(psql_db -c 'SELECT count(*) FROM conversation.messages'), conversations with a gap, duplicate or wrong last_seq: $bad"
  [ "$bad" = 0 ]
}

echo "== Parley crash safety, $(date -u +%FT%TZ)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB; $(java -version 2>&1 | head -1); PostgreSQL $PGVER; $WORKERS load workers, 8 conversations"
[ -f "$JAR" ] || mvn -B -o -q -DskipTests package
pg_up || { echo "PostgreSQL is not running"; exit 1; }
psql -h 127.0.0.1 -U postgres -XAtq -c "CREATE DATABASE $DB" || exit 1
TOKEN=$(java -jar "$JAR" token --sub resilience-load --roles service)

echo "-- phase 1: kill -9 under append load"
start_service
start_load "$WORK/phase1.jsonl"
sleep 8
kill -9 "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null; SERVICE_PID=""
echo "kill -9 sent after 8 s of load; load keeps running against the dead port"
sleep 2
start_service
sleep 4
stop_load
python3 - "$WORK/phase1.jsonl" <<'PY'
import json, sys, collections
rows = [json.loads(l) for l in open(sys.argv[1])]
by = collections.Counter(r["status"] for r in rows)
print("      responses by status (0 = connection failed):", dict(sorted(by.items())))
PY
check "every acknowledged append survived kill -9" acked_all_present "$WORK/phase1.jsonl"
check "per-conversation seq is 1..n, no gaps or duplicates, last_seq = n" seq_contiguous

echo "-- phase 2: PostgreSQL stopped for $OUTAGE_SECONDS s under append load"
start_load "$WORK/phase2.jsonl"
sleep 4
: > "$WORK/health.log"
( while [ ! -f "$WORK/health-stop" ]; do
    s=$(date +%s.%N); c=$(curl -s -m 30 -o "$WORK/health.body" -w '%{http_code}' "http://127.0.0.1:$PORT/health")
    echo "$s $c $(echo "$(date +%s.%N) - $s" | bc)" >> "$WORK/health.log"; sleep 0.5
  done ) &
HEALTH_PID=$!
STOP_AT=$(date +%s.%N)
pg_ctlcluster --skip-systemctl-redirect "$PGVER" main stop
DOWN_AT=$(date +%s.%N)   # the outage window counts from here: stopping (closing connections, checkpoint) takes a few seconds
echo "PostgreSQL stopped ($(echo "$DOWN_AT - $STOP_AT" | bc | cut -c1-4) s to stop)"
sleep "$OUTAGE_SECONDS"
UP_AT=$(date +%s.%N)
pg_ctlcluster --skip-systemctl-redirect "$PGVER" main start
echo "PostgreSQL down for $(echo "$UP_AT - $DOWN_AT" | bc | cut -c1-5) s, started again ($(echo "$(date +%s.%N) - $UP_AT" | bc | cut -c1-4) s to start)"
RECOVERED=""
for _ in $(seq 1 120); do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health")" = 200 ]; then RECOVERED=$(date +%s.%N); break; fi
  sleep 0.25
done
sleep 4
stop_load
touch "$WORK/health-stop"; wait "$HEALTH_PID" 2>/dev/null
python3 - "$WORK/phase2.jsonl" "$WORK/health.log" "$DOWN_AT" "$UP_AT" "${RECOVERED:-0}" > "$WORK/phase2.report" <<'PY'
import json, sys, collections
rows = [json.loads(l) for l in open(sys.argv[1])]
down, up, recovered = float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
during = [r for r in rows if down <= r["t"] < up]
failed = [r for r in during if not (200 <= r["status"] < 300)]
print("      requests started during the outage: %d, by status: %s" % (len(during), dict(sorted(collections.Counter(r["status"] for r in during).items()))))
bad = [r for r in rows if not (200 <= r["status"] < 300) and not (r["status"] == 503 and r.get("problem"))]
print("      non-2xx answers that are not 503 problem+json (whole phase): %d" % len(bad))
print("      max latency of a request started during the outage: %.0f ms" % max([r["ms"] for r in during] or [0]))
print("      max latency over the whole phase: %.0f ms" % max([r["ms"] for r in rows] or [0]))
health = [l.split() for l in open(sys.argv[2]) if l.strip()]
hd = [h for h in health if down + 1 <= float(h[0]) < up]
print("      /health polls during the outage: %d, by status: %s, max latency %.0f ms" % (len(hd), dict(collections.Counter(h[1] for h in hd)), 1000 * max([float(h[2]) for h in health] or [0])))
after = [r for r in rows if r["t"] >= recovered and recovered > 0]
print("      /health 200 again %.1f s after PostgreSQL started; appends after that: %d, 2xx: %d" % (recovered - up if recovered else -1, len(after), sum(1 for r in after if 200 <= r["status"] < 300)))
ok = (len(failed) > 0 and all(r["status"] == 503 and r.get("problem") for r in failed) and not bad
      and max([r["ms"] for r in rows] or [0]) < 10000
      and hd and all(h[1] == "503" for h in hd)
      and recovered > 0 and after and all(200 <= r["status"] < 300 for r in after))
print("RESULT " + ("ok" if ok else "bad"))
PY
grep -v '^RESULT' "$WORK/phase2.report"
check "503 problem+json during the outage, no request over 10 s, /health 503 while down, recovered by itself" grep -q '^RESULT ok' "$WORK/phase2.report"
check "every acknowledged append of phase 2 is in the database" acked_all_present "$WORK/phase2.jsonl"
check "per-conversation seq still contiguous after the outage" seq_contiguous
echo "      service log ERROR lines: $(grep -c ' ERROR ' "$WORK/service.log"), e.g.:"
grep ' ERROR ' "$WORK/service.log" | cut -c1-220 | sort | uniq -c | sort -rn | head -5
[ "$FAILED" = 0 ] && echo "== all checks passed" || echo "== SOME CHECKS FAILED"
exit "$FAILED"
