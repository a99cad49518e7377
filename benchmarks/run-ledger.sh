#!/usr/bin/env bash
# THE benchmark of the registry: credit-issuance's ledger and the three services, in one run on this machine, every
# figure beside its limit measured in the same run (see README, "Performance"):
#   benchmarks/run-ledger.sh
# 1. internal transfers over REST at 1, 8 and 32 clients beside pgbench tpcb-like at as many clients on the same
#    PostgreSQL, each load checked (acknowledged vs recorded, conservation); 2. issuance of 1, 10^3, 10^6, 10^9 credits;
# 3. auditor queries over ledgers of 10^5 and 10^6 transactions (the bulk written by SQL); 4. event propagation to a
# plain Kafka consumer; 5. each service's start to ready and peak RSS.
# Prints a table and writes benchmarks/results/{commit}-{host}-{cores}cores-{time}.json; asserts nothing. About 5 minutes
# on 2 cores (9 on the slowest machine seen).
# Builds first (main code only), in the reactor and without install (so ~/.m2 is left alone; tests and format checks are
# the CI build's business, not a measurement's), unless SKIP_BUILD=1.
# Options through BENCH_OPTS (-Djcm.bench.NAME=value), e.g. a quick smoke run (about 2 minutes with the build):
#   BENCH_OPTS="-Djcm.bench.clients=1,2 -Djcm.bench.load-seconds=3 -Djcm.bench.warmup-seconds=2 -Djcm.bench.pgbench-seconds=3 \
#     -Djcm.bench.pgbench-scale=2 -Djcm.bench.repetitions=2 -Djcm.bench.history=20 -Djcm.bench.receivers=10 \
#     -Djcm.bench.ledger-sizes=3000,6000 -Djcm.bench.bulk-senders=20 -Djcm.bench.bulk-receivers=20 -Djcm.bench.queries=20 \
#     -Djcm.bench.query-warmup=5 -Djcm.bench.round-trips=30 -Djcm.bench.all-services=false" benchmarks/run-ledger.sh
# All of them, with their defaults: clients=1,8,32 load-seconds=15 warmup-seconds=5 pgbench-seconds=15
#   pgbench-scale=(most clients) repetitions=7 history=300 receivers=100 funding=1000000 ledger-sizes=100000,1000000
#   bulk-senders=1000 bulk-receivers=1000 bulk-batch=100000 bulk-writers=(cores) queries=400 query-warmup=100 round-trips=300
#   all-services=true (false: start credit-issuance only) durable=false (true: fsync and synchronous_commit on)
#   service-heap=512m other-services-heap=256m pgbench=/path/to/pgbench service-env=NAME=value,...
set -euo pipefail
cd "$(dirname "$0")/.."

# pgbench is the limit the transfers are read against. Debian ships it in the server package (postgresql-NN), not in
# postgresql-client: if it is missing, install it (as root, with apt) without letting Debian create and start a cluster
# of its own. Without it the run goes on and prints "pgbench: not found" where the limit and the ratio would be.
if ! ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1 && ! command -v pgbench >/dev/null \
    && [[ "${BENCH_OPTS:-}" != *jcm.bench.pgbench=* ]]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "pgbench not found: installing Debian's postgresql (server binaries only, no cluster)" >&2
    mkdir -p /etc/postgresql-common
    grep -qs '^create_main_cluster' /etc/postgresql-common/createcluster.conf \
      || echo 'create_main_cluster = false' >> /etc/postgresql-common/createcluster.conf
    { apt-get install -y -q --no-install-recommends postgresql \
        || { apt-get update -q && apt-get install -y -q --no-install-recommends postgresql; }; } >&2 \
      || echo "pgbench could not be installed: the run goes on without its limit" >&2
  else
    echo "pgbench not found (Debian: apt-get install postgresql, as root; or -Djcm.bench.pgbench=/path): the run goes on without it" >&2
  fi
fi

if [ "${SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -B -q -o -Dmaven.test.skip=true -Dformatter.skip=true -Dimpsort.skip=true -pl benchmarks -am \
    package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi
exec java -Xmx768m -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Dlogging.configuration="file:$PWD/deploy/local/logging.properties" -Djcm.repo="$PWD" -Djcm.service.quick-start=false ${BENCH_OPTS:-} \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  org.jcm.registry.benchmarks.LedgerBenchmark "$@"
