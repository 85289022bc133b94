#!/usr/bin/env bash
# Installs what Retain needs on a fresh Debian machine: Node packages (which
# carry the embedded PostgreSQL binaries), Go modules, and for the browser
# tests Debian's Chromium. Safe to run again; it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v go >/dev/null || { echo "Go 1.26 is required (https://go.dev/dl/)"; exit 1; }
command -v npm >/dev/null || { echo "Node.js 20 with npm is required"; exit 1; }
if [ "${RETAIN_SKIP_BROWSER:-}" != "1" ]; then
  [ -x /usr/bin/chromium ] || need_apt+=(chromium)
  # Without a CJK font the Chinese screens render as boxes in screenshots.
  [ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need_apt+=(fonts-wqy-microhei)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "installing ${need_apt[*]} with apt-get"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "please install: ${need_apt[*]}" >&2
  fi
fi

# npm ci is exact and fast when node_modules already matches the lock file.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.retain-lock; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.retain-lock
fi
go mod download
