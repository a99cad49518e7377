#!/usr/bin/env bash
# The fault suite's soak: the same scenarios CI runs in its short version (fault-tests, FaultSuiteIT), each fault in the
# middle of a longer stream of work from more callers.
#
#   fault-tests/soak.sh [duration] [callers] [database down]
#     duration       the whole stream, spread over the ten scenarios with work: 90s, 30m, 2h (default 20m)
#     callers        concurrent callers of the workload (default 8)
#     database down  how long PostgreSQL stays down, ISO-8601 (default PT45S)
#
# The figures (propagation per topic, requests, checks) are printed at the end and kept in fault-tests/target/fault-report.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-20m}
callers=${2:-8}
down=${3:-PT45S}
case $duration in
  *h) seconds=$(( ${duration%h} * 3600 )) ;;
  *m) seconds=$(( ${duration%m} * 60 )) ;;
  *s) seconds=${duration%s} ;;
  *) seconds=$duration ;;
esac
per_fault=$(( seconds / 10 ))
echo "Soak: ${seconds} s of work (${per_fault} s around each fault), ${callers} callers, PostgreSQL down ${down}"
# The services packaged as the suite starts them (their own tests are not the point here).
./mvnw -B -q -DskipTests install -pl fault-tests -am
./mvnw -B -pl fault-tests verify -Djcm.fault.seconds="$per_fault" -Djcm.fault.concurrency="$callers" -Djcm.fault.postgres-down="$down"
