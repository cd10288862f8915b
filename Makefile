# The two commands of the README: `make demo` and `make test`. Each installs what is missing.
SWIFT ?= swift
BIN := .build/release/interceptor
OUT := out

.PHONY: all deps build test unit e2e demo demo-stop bench bench-login fuzz clean

all: build

build:
	scripts/deps.sh build
	$(SWIFT) build -c release --product interceptor

unit:
	scripts/deps.sh build
	$(SWIFT) test

e2e: build
	scripts/deps.sh test
	python3 -m pytest -q Tests/EndToEnd

test:
	scripts/deps.sh test
	$(SWIFT) build -c release --product interceptor
	$(SWIFT) test
	python3 -m pytest -q Tests/EndToEnd

demo:
	scripts/deps.sh demo
	$(SWIFT) build -c release --product interceptor
	scripts/demo.sh start

demo-stop:
	scripts/demo.sh stop

bench: build
	scripts/deps.sh bench
	scripts/bench.sh

bench-login: build
	scripts/deps.sh bench
	bench/login.sh

# Coverage-guided fuzzing of the parsers (libFuzzer + ASan), not part of `make test`:
# FUZZ_SECONDS per target (default 60); crashing inputs land in out/fuzz/<target>/.
fuzz:
	scripts/deps.sh build
	scripts/fuzz.sh

clean:
	rm -rf .build $(OUT)
