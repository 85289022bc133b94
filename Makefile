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
