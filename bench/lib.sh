# Shared helpers of the bench/run-*.sh scripts (sourced, not run).
# Every script creates its own database, starts the service on it, and drops the database at exit.
# Nothing here ever stops PostgreSQL.

set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
JAR="${JAR:-$ROOT/platform/app/target/parley.jar}"
RESULTS="$BENCH_DIR/results"
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
export PGHOST PGPORT PGUSER
# the JDK the service runs on in benchmarks 1-4 (the guide asks for 25); benchmark 5 runs both
JAVA25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
JAVA17="${JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}"
BENCH_JAVA="${BENCH_JAVA:-$JAVA25}"
# the service's JVM options, as ./parley passes them (java @jvm.options -jar ...)
JVM_OPTIONS="${JVM_OPTIONS:-$ROOT/jvm.options}"
[ -x "$BENCH_JAVA" ] || BENCH_JAVA=java
# seconds per measured point (keep run-all.sh under 25 minutes on 2 cores)
DURATION="${DURATION:-15}"
JWT_SECRET="bench-secret-0123456789abcdef0123456789abcdef"
SERVICE_PID=""
BENCH_DB=""
WORK=""

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
load_avg() { cut -d' ' -f1-3 /proc/loadavg; }

require_tools() {
  local missing=()
  for tool in "$@"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "missing: ${missing[*]} (Debian: apt-get install -y wrk gnuplot-nox postgresql-client)" >&2
    exit 2
  fi
}

# Builds the deployable when it is missing (BENCH_BUILD=1 forces a rebuild, e.g. after a merge).
ensure_jar() {
  if [ ! -f "$JAR" ] || [ "${BENCH_BUILD:-0}" = 1 ]; then
    log "building $JAR"
    (cd "$ROOT" && mvn -B -o -q -DskipTests clean package >&2)
  fi
}

machine_line() {
  printf 'machine: %s cores, %s RAM, %s; %s; java %s; date %s\n' "$(nproc)" \
    "$(free -h | awk '/Mem:/{print $2}')" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
    "$(psql -Atc 'show server_version' postgres | sed 's/^/PostgreSQL /')" \
    "$("$BENCH_JAVA" -version 2>&1 | head -1 | sed 's/.*"\(.*\)".*/\1/')" "$(date -u +%Y-%m-%dT%H:%MZ)"
}

psql_bench() { psql -v ON_ERROR_STOP=1 -qAt -d "$BENCH_DB" "$@"; }

# create_db NAME: a fresh database (dropped by cleanup)
create_db() {
  BENCH_DB="$1"
  psql -qAt -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null
  psql -qAt -d postgres -c "CREATE DATABASE $BENCH_DB" >/dev/null
}

# start_service PORT [extra JVM options...]: the service on BENCH_DB, waits for /health 200
start_service() {
  local port="$1"; shift
  SERVICE_PORT="$port"
  SERVICE_LOG="$WORK/service-$port.txt"
  if curl -s -o /dev/null "http://127.0.0.1:$port/health"; then
    echo "port $port is already taken (a leftover service?): set PORT=" >&2; return 1
  fi
  PARLEY_DATABASE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" PARLEY_JWT_SECRET="$JWT_SECRET" \
    MICRONAUT_SERVER_PORT="$port" PARLEY_LOG_LEVEL=WARN PARLEY_DATA_DIR="$WORK/data" \
    PARLEY_RETENTION_ENABLED=false \
    "$BENCH_JAVA" @"$JVM_OPTIONS" "$@" -jar "$JAR" >"$SERVICE_LOG" 2>&1 &
  SERVICE_PID=$!
  wait_health "$port" 120
}

wait_health() {
  local port="$1" limit="$2" i
  for ((i = 0; i < limit * 20; i++)); do
    if curl -fs -o /dev/null "http://127.0.0.1:$port/health"; then return 0; fi
    if [ -n "$SERVICE_PID" ] && ! kill -0 "$SERVICE_PID" 2>/dev/null; then
      echo "service exited; log:" >&2; tail -20 "$SERVICE_LOG" >&2; return 1
    fi
    sleep 0.05
  done
  echo "service not healthy after ${limit}s" >&2; return 1
}

stop_service() {
  if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
  SERVICE_PID=""
}

token() {
  PARLEY_JWT_SECRET="$JWT_SECRET" PARLEY_DATABASE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" PARLEY_LOG_LEVEL=ERROR \
    "$BENCH_JAVA" -jar "$JAR" token --sub "$1" --roles "$2" 2>/dev/null | tail -1
}

cleanup() {
  stop_service
  if [ -n "$BENCH_DB" ]; then
    psql -qAt -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  [ -n "$WORK" ] && rm -rf "$WORK"
}

# begin NAME: results directory, scratch directory, cleanup trap
begin() {
  SCENARIO="$1"
  OUT="$RESULTS/$SCENARIO"
  mkdir -p "$OUT"
  rm -f "$OUT"/*
  WORK="$(mktemp -d "/tmp/parley-bench-$SCENARIO.XXXXXX")"
  trap cleanup EXIT
  trap 'exit 130' INT TERM
}

# Deterministic ids so pgbench (which cannot pick UUIDs) and wrk address the same rows:
# conversation n -> 00000000-0000-7000-8000-<n as 12 hex digits>; generated message (c, s) -> 01<c as 6 hex>-0000-7000-8000-<s as 12 hex>
conversation_uuid_sql() { echo "('00000000-0000-7000-8000-' || lpad(to_hex($1), 12, '0'))::uuid"; }
conversation_uuid() { printf '00000000-0000-7000-8000-%012x' "$1"; }

# create_conversations FROM TO: open guest conversations n = FROM..TO (as the service would store them)
create_conversations() {
  psql_bench -c "
    INSERT INTO conversation.conversations (id, session_id, channel, locale, started_at, updated_at)
    SELECT $(conversation_uuid_sql n), 'bench-session-' || lpad(n::text, 12, '0'), 'api', 'en-US',
           now() - interval '1 hour', now() - interval '1 hour'
      FROM generate_series($1, $2) AS n"
}

# fill_messages CONV_FROM CONV_TO PER_CONVERSATION: PER messages in each conversation (seq 1..PER), last_seq set
fill_messages() {
  psql_bench -c "
    INSERT INTO conversation.messages (id, conversation_id, seq, role, content, metadata, created_at)
    SELECT ('01' || lpad(to_hex(c), 6, '0') || '-0000-7000-8000-' || lpad(to_hex(s), 12, '0'))::uuid,
           $(conversation_uuid_sql c), s,
           CASE WHEN s % 2 = 1 THEN 'user' ELSE 'assistant' END,
           'generated message ' || s || ' of a support conversation about an order that has not arrived yet',
           '{}'::jsonb, now() - interval '1 hour' + s * interval '1 millisecond'
      FROM generate_series($1, $2) AS c, generate_series(1, $3) AS s
     ORDER BY c, s;
    UPDATE conversation.conversations SET last_seq = last_seq + $3
     WHERE id IN (SELECT $(conversation_uuid_sql c) FROM generate_series($1, $2) AS c);"
}

# conversation_ids FROM TO FILE: one conversation id a line (the wrk scripts pick one at random per request)
conversation_ids() {
  local n
  for ((n = $1; n <= $2; n++)); do conversation_uuid "$n"; echo; done >"$3"
}

# wrk_run CONNECTIONS DURATION SCRIPT URL [script args...]: prints "rps p50_ms p99_ms requests errors"
wrk_run() {
  local connections="$1" duration="$2" script="$3" url="$4"; shift 4
  local threads=2
  [ "$connections" -lt 2 ] && threads=1
  wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s -s "$script" "$url" -- "$@" >"$WORK/wrk.txt" 2>&1 || true
  cat "$WORK/wrk.txt" >>"$OUT/wrk-raw.txt"
  grep '^RESULT ' "$WORK/wrk.txt" | tail -1 | cut -d' ' -f2- || echo "0 0 0 0 0"
}

# pgbench_run CLIENTS DURATION SCRIPT [-D var=value ...]: prints "tps p50_ms p99_ms transactions failed"
pgbench_run() {
  local clients="$1" duration="$2" script="$3"; shift 3
  local threads=2
  [ "$clients" -lt 2 ] && threads=1
  rm -f "$WORK"/pgbench_log.*
  (cd "$WORK" && pgbench -n -M prepared -c "$clients" -j "$threads" -T "$duration" -f "$script" -l "$@" "$BENCH_DB" \
    >"$WORK/pgbench.txt" 2>&1) || true
  cat "$WORK/pgbench.txt" >>"$OUT/pgbench-raw.txt"
  local tps
  tps="$(awk '/^tps = /{print $3; exit}' "$WORK/pgbench.txt")"
  # per-transaction log: column 3 is the latency in microseconds
  cat "$WORK"/pgbench_log.* 2>/dev/null | awk '{print $3}' | sort -n | awk -v tps="${tps:-0}" '
    {v[NR] = $1} END {
      if (NR == 0) {print tps, 0, 0, 0, 0; exit}
      p50 = v[int(NR * 0.50) > 0 ? int(NR * 0.50) : 1]; p99 = v[int(NR * 0.99) > 0 ? int(NR * 0.99) : 1];
      printf "%.1f %.2f %.2f %d 0\n", tps, p50 / 1000, p99 / 1000, NR }'
}

# floor_defines FLOOR_SCRIPT: one -DNAME=VALUE option a line, the parameters a generated floor binds (its
# "-- define NAME=VALUE" header, written by bench/floor_from_capture.py); read with mapfile -t
floor_defines() { sed -n 's/^-- define /-D/p' "$1"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }

# CPU split of the machine over a run: the service JVM, PostgreSQL (all its processes), wrk/pgbench, the rest.
ticks_of() { # sum of utime+stime of the given pids
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    # a process may exit between the test and the read (PostgreSQL backends come and go): count it as 0
    total=$((total + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
cpu_sample_start() {
  CPU0_ALL="$(awk '/^cpu /{ t = 0; for (i = 2; i <= 9; i++) t += $i; print t }' /proc/stat)"
  CPU0_IDLE="$(awk '/^cpu /{ print $5 + $6 }' /proc/stat)"
  CPU0_JAVA="$(ticks_of "$SERVICE_PID")"
  CPU0_PG="$(ticks_of $(pgrep -x postgres || true))"
}
cpu_sample_end() {
  local all idle java pg load_gen
  all=$(($(awk '/^cpu /{ t = 0; for (i = 2; i <= 9; i++) t += $i; print t }' /proc/stat) - CPU0_ALL))
  idle=$(($(awk '/^cpu /{ print $5 + $6 }' /proc/stat) - CPU0_IDLE))
  java=$(($(ticks_of "$SERVICE_PID") - CPU0_JAVA))
  pg=$(($(ticks_of $(pgrep -x postgres || true)) - CPU0_PG))
  awk -v all="$all" -v idle="$idle" -v java="$java" -v pg="$pg" 'BEGIN {
    other = all - idle - java - pg; if (other < 0) other = 0;
    printf "service JVM %.0f%%, PostgreSQL %.0f%%, load generator and others %.0f%%, idle %.0f%% (of 2 cores x run time)\n",
      100 * java / all, 100 * pg / all, 100 * other / all, 100 * idle / all }'
}
