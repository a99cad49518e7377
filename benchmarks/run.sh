#!/usr/bin/env bash
# Measures the event log's write path against raw PostgreSQL on this machine, in one run:
#   benchmarks/run.sh [clients] [countries]
# Prints its figures; asserts nothing. Builds first unless SKIP_BUILD=1. Variants through BENCH_OPTS, e.g.
#   BENCH_OPTS=-Djcm.bench.service-env=JCM_EVENT_LOG_RELAY_ON_COMMIT=false benchmarks/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -B -q -DskipTests install -pl benchmarks -am
fi
./mvnw -B -q -o -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec java -Xmx768m -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Dlogging.configuration="file:$PWD/deploy/local/logging.properties" -Djcm.repo="$PWD" -Djcm.service.quick-start=false ${BENCH_OPTS:-} \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  org.jcm.registry.benchmarks.EventLogBenchmark "$@"
