#!/usr/bin/env bash
# Runs benchmarks one after the other into bench/results/, with one header (date, commit, load) so their figures
# come from one run. SCENARIOS picks them (default: benchmarks 1-5, about 20 minutes on the 2-core machine);
# a name is run-<name>.sh here, or scale/run-scale.sh for "scale". The issue-18 set, for example:
#   SCENARIOS="append spans retention scale live ratelimit" bench/run-all.sh   (about 35 minutes)
# BENCH_BUILD=1 rebuilds the jar first (do it after merging new code). Each script can also be run alone.
set -uo pipefail
cd "$(dirname "$0")"
[ "${BENCH_BUILD:-0}" = 1 ] && (cd .. && mvn -B -o -q -DskipTests clean package)
SCENARIOS="${SCENARIOS:-append o1 spans retention footprint}"
mkdir -p results
start=$(date +%s)
status=0
exec > >(tee "${RUN_ALL_LOG:-results/run-all.txt}") 2>&1
echo "# bench/run-all.sh $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null), scenarios: $SCENARIOS"
echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); uptime: $(uptime)"
for scenario in $SCENARIOS; do
  script="./run-$scenario.sh"
  [ "$scenario" = scale ] && script="./scale/run-scale.sh"
  echo "## $script ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))"
  BENCH_BUILD=0 "$script" || { echo "$script failed: $?"; status=1; }
done
echo "# done in $(( $(date +%s) - start )) s"
exit "$status"
