#!/usr/bin/env bash
# Benchmark 5: footprint. Time from process start to the first /health 200 and RSS after start and under
# load (wrk, 8 connections, appends), on JDK 17 and JDK 25, plain, with AppCDS (a dynamic archive:
# -XX:ArchiveClassesAtExit from a training run, then -XX:SharedArchiveFile) and, on 25, with the AOT cache
# (JEP 483/514: -XX:AOTCacheOutput from a training run, then -XX:AOTCache). Default heap settings (no -Xmx).
# Prints the start-up ratio of each variant to plain JDK 17.
#   STARTS=3 (starts a variant, the median is reported)  LOAD_SECONDS=10
source "$(dirname "$0")/lib.sh"
require_tools wrk psql curl
STARTS="${STARTS:-3}"
LOAD_SECONDS="${LOAD_SECONDS:-10}"
PORT="${PORT:-18085}"
begin footprint
ensure_jar
create_db parley_bench_footprint
BENCH_JAVA="$JAVA25" start_service "$PORT" # migrate once: every measured start finds the schema in place
psql_bench -f "$BENCH_DIR/sql/bench-functions.sql" >/dev/null
create_conversations 1 1000
conversation_ids 1 1000 "$WORK/ids"
export BENCH_TOKEN="$(token bench service)"
stop_service
summary="$OUT/summary.txt"
{
  echo "# benchmark 5: footprint ($(machine_line | sed 's/; java [^;]*;/;/'))"
  echo "# $("$JAVA17" -version 2>&1 | sed -n 2p) | $("$JAVA25" -version 2>&1 | sed -n 2p)"
  echo "# start = process start to first /health 200 (median of $STARTS); RSS in MiB; load = ${LOAD_SECONDS}s of appends at 8 connections"
  printf '%-22s | %8s %8s | %9s %9s %9s | %8s | %s\n' variant start_ms vs_17 rss_start rss_load hwm_load load_rps "load(1/5/15)"
} | tee "$summary"

rss_mib() { awk -v k="$2" '$1 == k":" { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# timed_start JAVA [options...]: sets STARTED_MS, the ms from exec to the first /health 200 (the service stays up)
timed_start() {
  local java="$1"; shift
  local t0 t1
  t0=$(date +%s%N)
  BENCH_JAVA="$java" start_service "$PORT" "$@"
  t1=$(date +%s%N)
  STARTED_MS=$(((t1 - t0) / 1000000))
}

# train JAVA DUMP_OPTION: a run that writes an archive/cache at exit, after start-up and some load
train() {
  local java="$1"; shift
  BENCH_JAVA="$java" start_service "$PORT" "$@"
  wrk_run 8 5 "$BENCH_DIR/load.lua" "http://127.0.0.1:$PORT" "$WORK/ids" append >/dev/null
  stop_service # the JVM writes the archive on a normal exit (SIGTERM)
}

base17=""
variant() { # variant NAME JAVA [options...]
  local name="$1" java="$2"; shift 2
  local starts=() i ms rss_start rss_load hwm rps
  for ((i = 0; i < STARTS; i++)); do
    timed_start "$java" "$@"
    starts+=("$STARTED_MS")
    if [ "$i" -lt $((STARTS - 1)) ]; then stop_service; fi
  done
  ms="$(printf '%s\n' "${starts[@]}" | sort -n | sed -n "$(((STARTS + 1) / 2))p")"
  sleep 1
  rss_start="$(rss_mib "$SERVICE_PID" VmRSS)"
  read -r rps _ _ _ _ < <(wrk_run 8 "$LOAD_SECONDS" "$BENCH_DIR/load.lua" "http://127.0.0.1:$PORT" "$WORK/ids" append)
  rss_load="$(rss_mib "$SERVICE_PID" VmRSS)"; hwm="$(rss_mib "$SERVICE_PID" VmHWM)"
  if grep -qi 'error.*\(shared\|archive\|aot\)' "$SERVICE_LOG"; then echo "# $name: $(grep -i 'error.*\(shared\|archive\|aot\)' "$SERVICE_LOG" | head -1)" | tee -a "$summary"; fi
  stop_service
  [ -z "$base17" ] && base17="$ms"
  printf '%-22s | %8s %8s | %9s %9s %9s | %8s | %s\n' "$name" "$ms" "$(ratio "$ms" "$base17")" "$rss_start" "$rss_load" "$hwm" \
    "$rps" "$(load_avg)" | tee -a "$summary"
  echo "  starts (ms): ${starts[*]}" >>"$summary"
}

variant "jdk17" "$JAVA17"
train "$JAVA17" -XX:ArchiveClassesAtExit="$WORK/app17.jsa"
variant "jdk17 + AppCDS" "$JAVA17" -XX:SharedArchiveFile="$WORK/app17.jsa"
variant "jdk25" "$JAVA25"
train "$JAVA25" -XX:ArchiveClassesAtExit="$WORK/app25.jsa"
variant "jdk25 + AppCDS" "$JAVA25" -XX:SharedArchiveFile="$WORK/app25.jsa"
train "$JAVA25" -XX:AOTCacheOutput="$WORK/app25.aot"
variant "jdk25 + AOT cache" "$JAVA25" -XX:AOTCache="$WORK/app25.aot"
ls -la "$WORK"/*.jsa "$WORK"/*.aot 2>/dev/null | awk '{ printf "# archive %s: %.0f MiB\n", $NF, $5 / 1048576 }' | sed "s#$WORK/##" | tee -a "$summary"
