#!/usr/bin/env bash
# Mints a development bearer token from the launcher's own issuer (key pair under .jcm-local/jwt/, made by
# deploy/run-local.sh), for the services the launcher started. Prints the token alone:
#   TOKEN=$(deploy/token.sh operator)
#   deploy/token.sh partner --country TH
#   deploy/token.sh participant --participant PP-TH-0001 --minutes 60
#   deploy/token.sh operator --country TH          # an operator bound to Thailand's registry
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f test-support/target/launcher-classpath.txt ]; then
  echo "token: build and start the registry once with deploy/run-local.sh" >&2
  exit 2
fi
exec java -cp "test-support/target/classes:$(cat test-support/target/launcher-classpath.txt)" \
  -Djcm.repo="$PWD" org.jcm.registry.testsupport.DevToken "$@"
