#!/usr/bin/env bash
# Runs every benchmark, one after the other (about 20 minutes on the 2-core machine), into bench/results/.
# BENCH_BUILD=1 rebuilds the jar first (do it after merging new code). Each script can also be run alone.
set -uo pipefail
cd "$(dirname "$0")"
[ "${BENCH_BUILD:-0}" = 1 ] && (cd .. && mvn -B -o -q -DskipTests package)
mkdir -p results
start=$(date +%s)
status=0
exec > >(tee results/run-all.txt) 2>&1
echo "# bench/run-all.sh $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null), uptime: $(uptime)"
for scenario in append o1 spans retention footprint; do
  echo "## run-$scenario.sh ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))"
  BENCH_BUILD=0 "./run-$scenario.sh" || { echo "run-$scenario.sh failed: $?"; status=1; }
done
echo "# done in $(( $(date +%s) - start )) s"
exit "$status"
