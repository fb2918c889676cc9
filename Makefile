# pulumi-cimi — the two commands are `make demo` and `make test`; everything else they need is
# installed by the targets below (npm packages, the Pulumi toolchain into .tools/).
SHELL := /bin/bash
.DEFAULT_GOAL := help
NPM_FLAGS := --no-audit --no-fund --loglevel=error
EXAMPLES := $(dir $(wildcard examples/*/Pulumi.yaml))
TEST_PROGRAMS := $(dir $(wildcard test/e2e/programs/*/Pulumi.yaml))
BENCH_PROGRAMS := $(dir $(wildcard bench/programs/*/Pulumi.yaml))

# Installs the packed package into Pulumi programs, as users do (a symlinked package would be
# serialized by value into every resource).
define install-programs
	@for e in $(1); do \
	  echo "installing $$e"; \
	  (cd $$e && rm -rf node_modules/pulumi-cimi package-lock.json && npm install $(NPM_FLAGS)) || exit 1; \
	done
endef
PACK := .tools/pack/pulumi-cimi.tgz

help:
	@echo "make demo       start the bundled CIMI simulator and pulumi up examples/quickstart"
	@echo "make demo-down  destroy the demo stack and stop the simulator"
	@echo "make demo-multi two simulated clouds and pulumi up examples/multi-cloud (demo-multi-down ends it)"
	@echo "make test       run every test (unit, integration, e2e with the real Pulumi CLI)"
	@echo "make tools      provide the Pulumi CLI and Node.js language host in .tools/bin"
	@echo "make generate   regenerate sdk/src/generated and schema.json from the catalog, and the XML model from the CIMI XSD"
	@echo "make bench      run the benchmarks and write bench/RESULTS.md"

node_modules/.installed: package.json package-lock.json
	npm ci $(NPM_FLAGS)
	@touch $@

install: node_modules/.installed

build: install
	npx tsc -p tsconfig.json

tools: install
	bash scripts/tools.sh

generate: build
	node dist/scripts/generate.js
	node dist/scripts/xsd-model.js
	npx tsc -p tsconfig.json

check-generated: build
	node dist/scripts/generate.js --check
	node dist/scripts/xsd-model.js --check

pack: build
	@mkdir -p .tools/pack
	@npm pack --pack-destination .tools/pack --loglevel=error >/dev/null
	@mv -f .tools/pack/pulumi-cimi-$$(node -p 'require("./package.json").version').tgz $(PACK)

examples: pack
	$(call install-programs,$(EXAMPLES))

test-programs: pack
	$(call install-programs,$(TEST_PROGRAMS))

demo: tools examples
	node dist/scripts/demo.js up

demo-down: build
	node dist/scripts/demo.js down

demo-multi: tools examples
	node dist/scripts/demo.js up multi-cloud

demo-multi-down: build
	node dist/scripts/demo.js down multi-cloud

test: tools check-generated examples test-programs
	npx vitest run

bench: tools pack
	$(call install-programs,$(BENCH_PROGRAMS))
	node dist/bench/run.js

clean:
	rm -rf dist .tools/pack .pulumi-state .pulumi-home .state examples/*/node_modules test/e2e/programs/*/node_modules bench/programs/*/node_modules

.PHONY: help install build tools generate check-generated pack examples test-programs demo demo-down demo-multi demo-multi-down test bench clean
