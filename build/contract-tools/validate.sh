#!/usr/bin/env bash
# Validates the published contract with the ecosystem's own tools, so that partner-country integrators' tools
# accept it, and lints the services' OpenAPI documents:
#
#   bash build/contract-tools/validate.sh [contract directory]
#
# 1. validate.mjs: every platform/src/main/resources/contract/**/asyncapi.yaml parsed by @asyncapi/parser (default
#    ruleset, relative file references resolved); every JSON Schema compiled by ajv (draft 2020-12, strict,
#    ajv-formats); every message example and every golden example validated against its message's whole-CloudEvent
#    payload schema, its data against schemas/{Type}.json; and the house rules (servers and security, Kafka
#    bindings, operations, dead letters, partner topics described once).
# 2. lint-openapi.mjs: each */target/openapi.json (the services' tests write it from /q/openapi during
#    ./mvnw verify) linted by Spectral (.spectral.yaml, extends spectral:oas) and Redocly (redocly.yaml,
#    recommended). No document at all is a failure: run ./mvnw verify first.
#
# Every check prints one summary line with its counts; the script exits non-zero if any check has an error.
# The tools are the exact versions of package-lock.json, installed with `npm ci` into
# build/contract-tools/node_modules when missing or when the lock file changed; later runs are offline.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CONTRACT="$(cd "${1:-$ROOT/platform/src/main/resources/contract}" && pwd)"

command -v node >/dev/null || { echo "contract: node is required (Node.js >= 20.19)" >&2; exit 2; }
command -v npm >/dev/null || { echo "contract: npm is required" >&2; exit 2; }
# @redocly/cli 2.x needs Node.js 20.19+ (not 21) or 22.12+.
if ! node -e '
  const [major, minor] = process.versions.node.split(".").map(Number);
  process.exit((major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 23 ? 0 : 1);'; then
  echo "contract: Node.js $(node --version) is too old for the pinned tools: 20.19+ or 22.12+ is needed" >&2
  exit 2
fi

# Installed tools are current when node_modules was made from this very package-lock.json.
STAMP="$HERE/node_modules/.jcm-package-lock.sha256"
lock_hash="$(node -e 'process.stdout.write(require("crypto").createHash("sha256").update(require("fs").readFileSync(process.argv[1])).digest("hex"))' "$HERE/package-lock.json")"
if [[ ! -f "$STAMP" || "$(cat "$STAMP")" != "$lock_hash" ]]; then
  echo "contract: installing the pinned tools (npm ci) into build/contract-tools/node_modules"
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  printf '%s' "$lock_hash" >"$STAMP"
fi

status=0
node "$HERE/validate.mjs" "$CONTRACT" || status=1
node "$HERE/lint-openapi.mjs" "$ROOT" || status=1

if [[ $status -eq 0 ]]; then
  echo "contract: valid (AsyncAPI, JSON Schema, golden examples, OpenAPI)"
else
  echo "contract: FAILED (see the errors above)" >&2
fi
exit $status
