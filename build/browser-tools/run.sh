#!/usr/bin/env bash
# Drives the public pages in headless Chromium and checks them (pages.mjs), as e2e-tests' PublicPagesIT does:
#
#   bash build/browser-tools/run.sh <site url> <credit-issuance url> <project-registry url> <screenshot dir>
#
# The browser is Debian's `chromium` (CHROMIUM=/path/to/chrome to use another), driven by playwright-core; pages are
# checked by axe-core. Both come from npm at the exact versions of package-lock.json, installed with `npm ci` into
# build/browser-tools/node_modules when missing or when the lock file changed; later runs are offline.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v node >/dev/null || { echo "browser: node is required (Node.js >= 20)" >&2; exit 2; }
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
[ -n "$CHROMIUM" ] || { echo "browser: chromium is required (apt-get install chromium; .ci/run installs it)" >&2; exit 2; }
export CHROMIUM

stamp="$HERE/node_modules/.package-lock.stamp"
if [ ! -f "$stamp" ] || ! cmp -s "$HERE/package-lock.json" "$stamp"; then
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$HERE/package-lock.json" "$stamp"
fi
exec node "$HERE/pages.mjs" "$@"
