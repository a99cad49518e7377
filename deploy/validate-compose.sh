#!/usr/bin/env bash
# Validates the container and Kubernetes deliverables without Docker or a
# cluster, so CI can run it:
#
#   bash deploy/validate-compose.sh
#
# 1. docker-compose.yml against the Compose Specification schema, plus lint
#    rules, with dclint; any warning fails (--max-warnings 0). deploy/dclint.json
#    keeps every default rule except two: services-alphabetical-order is off
#    (the file lists infrastructure first, in start order, which reads better),
#    and require-quotes-in-ports asks for the double quotes the file uses.
# 2. deploy/k8s/*.yaml: well-formed YAML, every object named and namespaced,
#    kustomization.yaml complete, and the topics, ACLs, ports, probes,
#    autoscaling limits, database roles, audit keys and secret references
#    consistent with the contract, docker-compose.yml and the Dockerfiles, and
#    the public site (public-site.yaml) with no database, Kafka or secret
#    (deploy/validate-manifests.cjs, with the `yaml` package).
# 3. If kubectl is on the PATH: `kubectl kustomize deploy/k8s` builds (offline).
#
# The npm tools are installed, pinned, into a cache directory (never globally):
# ${JCM_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/jcm-tools}. The first run
# needs the npm registry; later runs reuse the cache.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${JCM_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/jcm-tools}"
DCLINT_VERSION=3.1.0
YAML_VERSION=2.8.1

command -v node >/dev/null || { echo "validate: node is required (dclint needs Node.js >= 20.19)" >&2; exit 2; }
command -v npm >/dev/null || { echo "validate: npm is required" >&2; exit 2; }

# Version of an installed package in the tools dir, or nothing.
installed_version() {
  node -e 'try { console.log(require(process.argv[1]).version) } catch (e) {}' \
    "$TOOLS/node_modules/$1/package.json"
}

if [[ "$(installed_version dclint)" != "$DCLINT_VERSION" || "$(installed_version yaml)" != "$YAML_VERSION" ]]; then
  echo "validate: installing dclint@$DCLINT_VERSION and yaml@$YAML_VERSION into $TOOLS"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error \
    "dclint@$DCLINT_VERSION" "yaml@$YAML_VERSION" >/dev/null
fi

cd "$ROOT"

echo "validate: docker-compose.yml (dclint $DCLINT_VERSION, Compose Specification schema)"
"$TOOLS/node_modules/.bin/dclint" --config deploy/dclint.json --max-warnings 0 --color false docker-compose.yml
echo "compose: docker-compose.yml is valid, 0 errors, 0 warnings"

echo "validate: deploy/k8s"
JCM_TOOLS="$TOOLS" node deploy/validate-manifests.cjs "$ROOT"

if command -v kubectl >/dev/null 2>&1; then
  if out="$(kubectl kustomize deploy/k8s 2>&1)"; then
    echo "kustomize: deploy/k8s builds, $(grep -c '^kind:' <<<"$out") objects"
  else
    echo "$out" >&2
    echo "kustomize: kubectl kustomize deploy/k8s failed" >&2
    exit 1
  fi
else
  echo "kustomize: kubectl not found, build check skipped"
fi

echo "validate: OK"
