#!/usr/bin/env bash
# The database's own share of a transfer: the statements credit-issuance sends for one internal transfer of 1 credit
# (benchmarks/sql/transfer.sql: read both accounts, read the registry, lock the sender and the receiver, plan, the one
# WITH statement that records the transaction, closes the sender's block and opens its two successors, the event-log
# row), driven by pgbench with no Java at all, beside pgbench's tpcb-like on the same server, alternately:
#   benchmarks/run-transfer-sql.sh [clients] [seconds] [rounds]      (defaults 8 15 2)
# It shows how much of the gap between the REST transfers and pgbench is the ledger's SQL and how much the service.
# A throwaway PostgreSQL (Debian's server binaries, as in run-ledger.sh; fsync and synchronous_commit off, as the other
# benchmarks run it) gets the credit-issuance schema from the real migrations (platform's, then the service's) and
# benchmarks/sql/seed.sql: one registry, 32 senders holding 10^6 credits in one block each, 100 receivers. Each pgbench
# client sends from its own sender to a random receiver. Not in it: the relay's work after the commit (chaining,
# Merkle nodes, stamping; about a fifth of the statement time in pg_stat_statements during a REST load).
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-8}
seconds=${2:-15}
rounds=${3:-2}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/pgbench" ]; then
  echo "PostgreSQL server binaries and pgbench not found (Debian: apt-get install postgresql)" >&2
  exit 2
fi
dir=$(mktemp -d /tmp/jcm-transfer-sql.XXXXXX)
port=$(( 20000 + RANDOM % 20000 ))
as_owner() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"
stop() { as_owner "$bin/pg_ctl -D $dir/data -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap stop EXIT
as_owner "$bin/initdb -D $dir/data -U postgres -A trust" >/dev/null
as_owner "$bin/pg_ctl -D $dir/data -l $dir/log -w -o '-p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c unix_socket_directories=$dir' start" >/dev/null
export PGHOST=localhost PGPORT=$port PGUSER=postgres
psql -q -c "CREATE DATABASE bench" -c "CREATE DATABASE pgb"
psql -q -d bench -c "CREATE ROLE credit_issuance LOGIN; CREATE SCHEMA credit_issuance; CREATE EXTENSION btree_gist;
  CREATE TABLE credit_issuance.flyway_schema_history (installed_rank int);
  ALTER DATABASE bench SET search_path = credit_issuance, public;"
# The migrations in Flyway's order (by version, across the service's locations), with Flyway's placeholders filled in.
for f in $(ls platform/src/main/resources/db/platform/V*.sql platform/src/main/resources/db/known-countries/V*.sql \
    credit-issuance/src/main/resources/db/migration/V*.sql | awk -F/ '{v=$NF; sub(/^V/, "", v); sub(/__.*/, "", v); print v, $0}' \
    | sort -t_ -k1,1n -k2,2n | awk '{print $2}'); do
  sed -e 's/\${service_role}/credit_issuance/g; s/\${flyway:defaultSchema}/credit_issuance/g' "$f" \
    | psql -q -d bench -v ON_ERROR_STOP=1 -c "SET search_path = credit_issuance, public" -f - >/dev/null
done
psql -q -d bench -v ON_ERROR_STOP=1 -f benchmarks/sql/seed.sql
"$bin/pgbench" -i -q -s "$clients" pgb >/dev/null 2>&1
# A warm-up that is not counted, then statistics: the seed's describe a table of 32 blocks, not a running ledger, and
# the first timed round (run without this) came out below the later ones in two runs of three.
"$bin/pgbench" -n -M prepared -c "$clients" -j "$(( clients < 2 ? clients : 2 ))" -T 5 -f benchmarks/sql/transfer.sql bench >/dev/null 2>&1
psql -q -d bench -c "VACUUM ANALYZE"
echo "transfer's SQL vs tpcb-like, $clients clients, ${seconds} s each, $("$bin/pgbench" --version), $(nproc) cores"
for r in $(seq "$rounds"); do
  t=$("$bin/pgbench" -n -M prepared -c "$clients" -j "$(( clients < 2 ? clients : 2 ))" -T "$seconds" -f benchmarks/sql/transfer.sql bench 2>&1 \
    | awk '/^tps/ {print $3}')
  p=$("$bin/pgbench" -n -c "$clients" -j "$(( clients < 2 ? clients : 2 ))" -T "$seconds" pgb 2>&1 | awk '/^tps/ {print $3}')
  awk -v t="$t" -v p="$p" -v r="$r" 'BEGIN {printf "  round %d: transfer SQL %.0f tps | tpcb-like %.0f tps | ratio %.1f%%\n", r, t, p, 100 * t / p}'
done
psql -d bench -Atc "SELECT 'ledger after the runs: ' || count(*) FILTER (WHERE type = 'INTERNAL_TRANSFER') || ' transfers; conservation: '
  || CASE WHEN (SELECT sum(upper(serials) - lower(serials)) FROM unit_block WHERE closed_by IS NULL) = 32000000 THEN 'holds' ELSE 'BROKEN' END
  FROM ledger_transaction"
