#!/usr/bin/env bash
# `npm test`: type-check, lint, unit tests, then the Playwright suite against a production build
# on fresh databases. Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p e2e/.tmp
status=0
checks_failed=0
step() { echo; echo "== $1"; }
rm -f .vitest-results.json e2e/.tmp/playwright-results.json

step "Type-check"; npx --no-install tsc --noEmit || { status=1; checks_failed=$((checks_failed+1)); }
step "Lint"; npx --no-install eslint . --max-warnings 0 || { status=1; checks_failed=$((checks_failed+1)); }
step "Unit tests"
npx --no-install vitest run --reporter=default --reporter=json --outputFile.json=.vitest-results.json || status=1
step "End-to-end tests"
node scripts/e2e.mjs || status=1

echo
if [ "$status" != 0 ]; then echo "Some checks failed (see above)."; fi
node scripts/summary.mjs .vitest-results.json e2e/.tmp/playwright-results.json "$checks_failed"
exit $status
