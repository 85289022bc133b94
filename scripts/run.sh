#!/usr/bin/env bash
# Installs what is needed, builds the web app and the server, and runs
# Retain with its embedded PostgreSQL and demo data at http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
RETAIN_SKIP_BROWSER=1 ./scripts/setup.sh
if [ -f frontend/package.json ] && grep -q '"build"' frontend/package.json; then
  npm run build -w frontend --silent
fi
mkdir -p bin
go build -o bin/retain ./cmd/retain
exec ./bin/retain serve
