#!/usr/bin/env bash
# `npm test`: type-check, lint, unit tests, then the Playwright suite against a production build
# on fresh databases. Ends with one line: "N passed, N failed" (scripts/summary.mjs).
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
checks_failed=0
step() { echo; echo "== $1"; }
# Playwright writes its report into the scratch folder (scripts/e2e-scratch.mjs), which
# scripts/e2e.mjs empties before the run.
playwright_results="$(node -e 'import("./scripts/e2e-scratch.mjs").then((m) => console.log(m.scratchDir()))')/playwright-results.json"
rm -f .vitest-results.json

step "Type-check"; npx --no-install tsc --noEmit || { status=1; checks_failed=$((checks_failed+1)); }
step "Lint"; npx --no-install eslint . --max-warnings 0 || { status=1; checks_failed=$((checks_failed+1)); }
step "Unit tests"
# The PostgreSQL tests start a cluster of their own; without PostgreSQL they fail, saying why.
bash scripts/ensure-postgres.sh || { status=1; checks_failed=$((checks_failed+1)); }
npx --no-install vitest run --reporter=default --reporter=json --outputFile.json=.vitest-results.json
vitest_exit=$?
step "End-to-end tests"
node scripts/e2e.mjs
playwright_exit=$?

echo
node scripts/summary.mjs --vitest .vitest-results.json --vitest-exit "$vitest_exit" \
  --playwright "$playwright_results" --playwright-exit "$playwright_exit" --checks-failed "$checks_failed" || status=1
exit $status
