# The two commands of the README, plus benchmarks. Each target installs what is missing, configures
# and builds first, so each works on a fresh Debian 12 machine.
PRESET ?= dev
BUILD_DIR := build/$(PRESET)
JOBS ?= $(shell nproc)

.PHONY: all deps configure build run test bench package asan tsan fuzz fuzz-smoke clean

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	@cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

# The desktop app on the demo stream; with no display, a headless monitor of the demo stream.
run: build
	@scripts/run-demo.sh $(BUILD_DIR)/app/streamscope

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j 2 --timeout 600

bench:
	@$(MAKE) --no-print-directory PRESET=release build
	@scripts/run-benchmarks.sh build/release

# The Debian package, from a release build of the binary and the installer's files only:
# build/release/streamscope_VERSION_ARCH.deb (installer/).
package:
	@scripts/install-deps.sh
	@cmake --preset release >/dev/null
	@cmake --build build/release --target streamscope streamscope_package_data -j $(JOBS)
	@cd build/release && cpack --config CPackConfig.cmake

# The whole suite under AddressSanitizer + UBSan, but for the package test (packaging is not what it
# checks, and the package it would build holds an instrumented binary).
asan:
	@$(MAKE) --no-print-directory PRESET=asan build
	@cd build/asan && ctest --output-on-failure -j 2 --timeout 900 -LE package

tsan:
	@scripts/install-deps.sh
	@cmake --preset tsan >/dev/null
	@cmake --build build/tsan -j $(JOBS)
	@cd build/tsan && ctest --output-on-failure -L threaded --timeout 900

# libFuzzer targets (clang, ASan + UBSan) for FUZZ_SECONDS each; fails on a finding (tests/fuzz/).
FUZZ_SECONDS ?= 60
FUZZ_RUNS ?=
fuzz:
	@scripts/install-deps.sh fuzz
	@cmake --preset fuzz >/dev/null
	@cmake --build build/fuzz --target fuzzers -j $(JOBS)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_SEED=1 FUZZ_SEEDS_ONLY="$(FUZZ_SEEDS_ONLY)" \
		scripts/run-fuzz.sh build/fuzz

# The short pass CI runs: each target from its seeds alone, a fixed seed and FUZZ_SMOKE_RUNS inputs, the
# same inputs every run; 60 s per target at most. The archive reader only replays its seeds (damaged and
# cut archives): its mutations vary from run to run and still reach libhdf5's unguarded global-heap
# crash (README "Fuzzing", issue 9), which `make fuzz` keeps finding until it is guarded.
FUZZ_SMOKE_RUNS ?= 5000
fuzz-smoke:
	@$(MAKE) --no-print-directory FUZZ_SECONDS=60 FUZZ_RUNS=$(FUZZ_SMOKE_RUNS) \
		FUZZ_SEEDS_ONLY=fuzz_archive_reader fuzz

clean:
	rm -rf build
