#!/usr/bin/env bash
# Finds a Chromium for Playwright. Playwright can't download its own here, so use Debian's:
# installs it when running as root with apt, else says exactly what to run.
set -euo pipefail
CHROME="${CHROME_PATH:-/usr/bin/chromium}"
if [ -x "$CHROME" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the end-to-end tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "No Chromium found at $CHROME. Install one, then run npm test again:" >&2
echo "  sudo apt-get update && sudo apt-get install -y chromium" >&2
echo "or point CHROME_PATH at an existing Chromium or Chrome binary." >&2
exit 1
