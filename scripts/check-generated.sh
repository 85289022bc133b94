#!/usr/bin/env bash
# Fails when regenerating code changes anything: generated files must only
# ever come from their generators.
set -euo pipefail
cd "$(dirname "$0")/.."
go generate ./...
if [ -f frontend/package.json ] && grep -q '"codegen"' frontend/package.json; then
  npm run codegen -w frontend --silent >/dev/null
fi
if ! git diff --exit-code --stat -- graph frontend/src/gql; then
  echo "generated code is out of date: run 'go generate ./...' and 'npm run codegen -w frontend' and commit" >&2
  exit 1
fi
untracked=$(git ls-files --others --exclude-standard -- graph frontend/src/gql)
if [ -n "$untracked" ]; then
  echo "generated files are not committed: $untracked" >&2
  exit 1
fi
