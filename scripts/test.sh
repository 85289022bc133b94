#!/usr/bin/env bash
# Installs what is needed and runs every test: Go unit and integration tests
# against one shared embedded PostgreSQL (each test clones its own fresh
# database from a migrated template), then the web app's component tests and
# its end-to-end tests in headless Chromium against the real server.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

work=$(mktemp -d /tmp/retain-test.XXXXXX)
chmod 755 "$work"
pg_pid=""
cleanup() {
  if [ -n "$pg_pid" ]; then kill -INT "$pg_pid" 2>/dev/null || true; wait "$pg_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p bin
go build -o bin/retain ./cmd/retain
RETAIN_DATA_DIR="$work/pg" ./bin/retain postgres --fast --url-file "$work/url" >"$work/pg.log" 2>&1 &
pg_pid=$!
for _ in $(seq 1 120); do [ -s "$work/url" ] && break; sleep 0.5; done
[ -s "$work/url" ] || { cat "$work/pg.log"; echo "PostgreSQL did not start" >&2; exit 1; }
export TEST_DATABASE_URL=$(cat "$work/url")
export RETAIN_TEST_BINARY="$PWD/bin/retain"

echo "== Go tests (database: $TEST_DATABASE_URL)"
go vet ./...
go test -count=1 -timeout 20m ./...

if [ -f frontend/package.json ] && grep -q '"test"' frontend/package.json; then
  echo "== web app: component tests"
  npm test -w frontend --silent
fi
if [ -f frontend/package.json ] && grep -q '"e2e"' frontend/package.json; then
  echo "== web app: end-to-end tests in Chromium"
  npm run e2e -w frontend --silent
fi
echo "== all tests passed"
