#!/usr/bin/env bash
# Which Parley features work through PgBouncer in transaction mode (docs/scaling.md, "Connection pooling").
# About 2 minutes; loopback only; writes bench/results/pgbouncer-<UTC date>.txt. Needs root (apt-get; PgBouncer drops to the postgres user).
#
#   1. PgBouncer (Debian package, installed when missing) on 127.0.0.1:PGB_PORT, pool_mode = transaction, in
#      front of the local PostgreSQL; the schema is migrated by an instance connected DIRECTLY (Flyway holds a
#      session-level advisory lock while it migrates: migrations never go through a transaction pooler).
#   2. Parley through PgBouncer (with FLYWAY_DATASOURCES_DEFAULT_ENABLED=false) with pgjdbc's defaults (prepareThreshold=5: from the 5th execution of a
#      statement pgjdbc uses a named server-side prepared statement): N appends.
#   3. The same with prepareThreshold=0 in the JDBC URL (unnamed statements only): N appends.
#   4. One retention run through PgBouncer (alone it completes).
#   5. What the retention lock relies on, with two psql sessions: session-level pg_try_advisory_lock taken by A,
#      then tried by B, directly and through PgBouncer.
#   PGB_PORT=16432  PORT=18195  APPENDS=40
source "$(dirname "$0")/../lib.sh"
PGB_PORT="${PGB_PORT:-16432}"
PORT="${PORT:-18195}"
APPENDS="${APPENDS:-40}"
OUT_FILE="${OUT_FILE:-$RESULTS/pgbouncer-$(date -u +%F).txt}"
PGB_PID=""

command -v pgbouncer >/dev/null || {
  log "installing pgbouncer (Debian package)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null; }
}
require_tools pgbouncer psql curl

cleanup() {
  set +e
  stop_service
  if [ -n "$PGB_PID" ]; then kill "$PGB_PID" 2>/dev/null; wait "$PGB_PID" 2>/dev/null; fi
  [ -n "$BENCH_DB" ] && psql -qAt -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1
  [ -n "$WORK" ] && rm -rf "$WORK"
}
WORK="$(mktemp -d /tmp/parley-bench-pgbouncer.XXXXXX)"
chmod 755 "$WORK"
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$RESULTS"
exec > >(tee "$OUT_FILE") 2>&1

ensure_jar
create_db parley_bench_pgbouncer
cat >"$WORK/pgbouncer.ini" <<EOF
[databases]
$BENCH_DB = host=$PGHOST port=$PGPORT dbname=$BENCH_DB
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PGB_PORT
unix_socket_dir =
auth_type = trust
auth_file = $WORK/userlist.txt
pool_mode = transaction
default_pool_size = 8
max_client_conn = 200
ignore_startup_parameters = extra_float_digits,options
EOF
echo "\"$PGUSER\" \"\"" >"$WORK/userlist.txt"
chown -R postgres "$WORK"
# PgBouncer refuses to run as root: -u drops to the postgres user
pgbouncer -u postgres "$WORK/pgbouncer.ini" >"$WORK/pgbouncer.log" 2>&1 &
PGB_PID=$!
for _ in $(seq 1 40); do psql -h 127.0.0.1 -p "$PGB_PORT" -qAtc 'SELECT 1' "$BENCH_DB" >/dev/null 2>&1 && break; sleep 0.25; done

echo "== Parley through PgBouncer in transaction mode ($(date -u +%FT%TZ))"
echo "$(machine_line)"
echo "$(pgbouncer --version | head -1), pool_mode = transaction, default_pool_size = 8"

DIRECT="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB"
POOLED="jdbc:postgresql://127.0.0.1:$PGB_PORT/$BENCH_DB"
run_parley() { # run_parley JDBC_URL [FLYWAY_ENABLED]: the service on it, healthy
  stop_service
  FLYWAY_DATASOURCES_DEFAULT_ENABLED="${2:-true}" PARLEY_DATABASE_URL="$1" PARLEY_JWT_SECRET="$JWT_SECRET" MICRONAUT_SERVER_PORT="$PORT" PARLEY_LOG_LEVEL=WARN \
    PARLEY_LOG_FORMAT=PLAIN PARLEY_DATA_DIR="$WORK/data" PARLEY_RETENTION_ENABLED=false PARLEY_RATE_LIMITS_ENABLED=false \
    "$BENCH_JAVA" @"$JVM_OPTIONS" -jar "$JAR" >>"$WORK/service.log" 2>&1 &
  SERVICE_PID=$!
  SERVICE_LOG="$WORK/service.log"
  wait_health "$PORT" 120
}
appends() { # appends N: N appends to one conversation, prints the statuses counted
  local conversation i
  conversation="$(curl -s -X POST "http://127.0.0.1:$PORT/api/v1/conversations" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d '{"channel":"api"}' | sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | head -1)"
  for ((i = 1; i <= $1; i++)); do
    curl -s -o /dev/null -w '%{http_code}\n' -X POST "http://127.0.0.1:$PORT/api/v1/conversations/$conversation/messages" \
      -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "{\"role\":\"user\",\"content\":\"pooled $i\"}"
  done | sort | uniq -c | tr -s ' ' | tr '\n' ' '
}
advisory_locks() { psql_bench -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = '$BENCH_DB')"; }

run_parley "$DIRECT"
echo "1. migrated by an instance connected directly: $(psql_bench -c "SELECT count(*) FROM information_schema.tables WHERE table_name = 'flyway_schema_history'") history table"
TOKEN="$(token pgbouncer-check service)"
ADMIN="$(token pgbouncer-ops admin)"

# the pooled instances do not migrate (FLYWAY_DATASOURCES_DEFAULT_ENABLED=false): the direct one did
run_parley "$POOLED" false
echo "2. through PgBouncer, pgjdbc defaults (prepareThreshold=5): $APPENDS appends -> statuses: $(appends "$APPENDS")"
grep -o -E '(prepared statement|portal)[^.;]{0,60}' "$WORK/service.log" | sort | uniq -c | head -3 | sed 's/^/   service log: /' || true

run_parley "$POOLED?prepareThreshold=0" false
echo "3. through PgBouncer, prepareThreshold=0: $APPENDS appends -> statuses: $(appends "$APPENDS")"

status="$(curl -s -o "$WORK/retention.json" -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/api/v1/admin/retention/run?dry_run=false" \
  -H "Authorization: Bearer $ADMIN")"
echo "4. one retention run through PgBouncer, nothing else running: HTTP $status; advisory locks left after it: $(advisory_locks)"
stop_service

# 5. what the retention lock relies on: two sessions, A takes the session-level advisory lock, then B tries it.
#    Directly, B is refused. Through PgBouncer in transaction mode A's "session" is a server connection only for
#    the length of one statement: B's statement can run on the very server connection that holds A's lock, and
#    advisory locks are re-entrant within a session. A transaction-level lock stays inside one transaction, which
#    PgBouncer keeps on one server connection.
two_sessions() { # two_sessions PORT LOCK_SQL: A locks, then B tries; prints "A=<t|f> B=<t|f> A-unlock=<t|f>"
  local port="$1" sql="$2" a b
  rm -f "$WORK/a.in" "$WORK/b.in"; mkfifo "$WORK/a.in" "$WORK/b.in"
  psql -h 127.0.0.1 -p "$port" -qAt -d "$BENCH_DB" <"$WORK/a.in" >"$WORK/a.out" 2>&1 & a=$!
  psql -h 127.0.0.1 -p "$port" -qAt -d "$BENCH_DB" <"$WORK/b.in" >"$WORK/b.out" 2>&1 & b=$!
  exec 5>"$WORK/a.in" 6>"$WORK/b.in"
  echo "$sql;" >&5; sleep 0.5
  echo "$sql;" >&6; sleep 0.5
  echo "SELECT pg_advisory_unlock(4242);" >&5; sleep 0.5
  exec 5>&- 6>&-
  wait "$a" "$b" 2>/dev/null || true
  printf 'A=%s B=%s A-unlock=%s' "$(sed -n 1p "$WORK/a.out")" "$(sed -n 1p "$WORK/b.out")" "$(sed -n 2p "$WORK/a.out" | grep -v WARNING || true)"
}
echo "5. session-level pg_try_advisory_lock held by session A, then tried by session B (t = granted):"
echo "   directly to PostgreSQL:          $(two_sessions "$PGPORT" "SELECT pg_try_advisory_lock(4242)")"
psql_bench -c "SELECT pg_advisory_unlock_all()" >/dev/null
echo "   through PgBouncer (transaction): $(two_sessions "$PGB_PORT" "SELECT pg_try_advisory_lock(4242)")"
echo "   advisory locks left in the database afterwards (leaked on a pooled server connection): $(advisory_locks)"
