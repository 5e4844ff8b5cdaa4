#!/usr/bin/env bash
# Finds PostgreSQL's server programs for the tests that run against PostgreSQL (issue 14): they
# start a throwaway cluster of their own (scripts/pg-cluster.sh). Installs Debian's postgresql
# when running as root with apt, else says exactly what to run.
set -euo pipefail
if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/initdb" ]; then exit 0; fi
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's postgresql for the PostgreSQL tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  # Only the programs are needed: the package's own cluster is not used.
  if command -v service >/dev/null 2>&1; then service postgresql stop >/dev/null 2>&1 || true; fi
  exit 0
fi
echo "PostgreSQL's server programs (initdb, pg_ctl) were not found. Install them, then run npm test again:" >&2
echo "  sudo apt-get update && sudo apt-get install -y postgresql" >&2
echo "or point PG_BIN at the folder holding initdb and pg_ctl." >&2
exit 1
