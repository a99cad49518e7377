#!/usr/bin/env bash
# Runs ScaleMeasurement from the built classes (it builds nothing): a synthetic export of 10^6 entries, the offline
# log check over it, 1,000 inclusion and 1,000 consistency proofs. Prints JSON. Needs about 1 GB of temporary disk.
#   ./mvnw -B -ntp -pl audit-proofs verify     # once, to build target/
#   audit-proofs/measure-scale.sh [ENTRIES [SAMPLES]]
set -euo pipefail
cd "$(dirname "$0")"
if [[ ! -f target/jcm-audit-verifier.jar || ! -f target/test-classes/org/jcm/registry/audit/ScaleMeasurement.class ]]; then
  echo "build first: ./mvnw -B -ntp -pl audit-proofs verify" >&2
  exit 2
fi
exec java ${JAVA_OPTS:--Xmx1g} -cp target/test-classes:target/jcm-audit-verifier.jar org.jcm.registry.audit.ScaleMeasurement "$@"
