# The two commands a fresh machine needs (see README.md).
.PHONY: run test generate check-generated bench

run: ## install what is needed and run Retain with its embedded database and demo data
	./scripts/run.sh

test: ## install what is needed and run every test
	./scripts/test.sh

generate: ## regenerate gqlgen and frontend GraphQL code
	go generate ./...
	npm run codegen -w frontend

check-generated:
	./scripts/check-generated.sh

bench: ## the performance harness (not in CI): builds the 1M-customer dataset once under RETAIN_DATA_DIR (default /work/bench-data/pg), reuses it, and writes docs/benchmarks.md and docs/benchmarks.json
	RETAIN_SKIP_BROWSER=1 ./scripts/setup.sh
	go run ./bench/cmd/retainbench $(BENCH_FLAGS)
