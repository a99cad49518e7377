#!/usr/bin/env bash
# Measures credit-issuance's credit ledger on this machine, in one run, beside pgbench on the same PostgreSQL server:
#   benchmarks/run-ledger.sh [clients] [transactions]        (defaults: 8 100000)
# Prints its figures (issuance of 1 and of 1,000,000,000 credits; transfers/s next to pgbench's tps; p50/p99 of the
# issuance history and of as-of holdings over the ledger the transfers built); asserts nothing.
# Builds first (main code only), in the reactor and without install (so ~/.m2 is left alone; tests and format checks are the CI build's
# business, not a measurement's), unless SKIP_BUILD=1.
# Options through BENCH_OPTS, e.g. a quick smoke run:
#   BENCH_OPTS="-Djcm.bench.history=20 -Djcm.bench.repetitions=3 -Djcm.bench.queries=50 -Djcm.bench.query-warmup=10 \
#     -Djcm.bench.receivers=10 -Djcm.bench.pgbench-scale=1 -Djcm.bench.pgbench-seconds=5" benchmarks/run-ledger.sh 2 400
# Others: -Djcm.bench.durable=true (fsync and synchronous_commit on), -Djcm.bench.funding=N (credits per sender),
#   -Djcm.bench.pgbench=/path/to/pgbench, -Djcm.bench.service-heap=512m, -Djcm.bench.service-env=NAME=value,...
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -B -q -o -Dmaven.test.skip=true -Dformatter.skip=true -Dimpsort.skip=true -pl benchmarks -am \
    package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi
exec java -Xmx768m -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Dlogging.configuration="file:$PWD/deploy/local/logging.properties" -Djcm.repo="$PWD" -Djcm.service.quick-start=false ${BENCH_OPTS:-} \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  org.jcm.registry.benchmarks.LedgerBenchmark "$@"
