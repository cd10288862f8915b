#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer + AddressSanitizer) of the parsers that read untrusted bytes.
# Not part of `make test`. Builds the separate package Tests/Fuzz (it depends on this one by path,
# so the main build never sees the fuzzer), then runs each target for FUZZ_SECONDS.
#
#   scripts/fuzz.sh [target ...]      targets: request token tenants login cookie (default: all)
#   FUZZ_TARGETS=...  targets when none are given (`make fuzz FUZZ_TARGETS="token cookie"`)
#   FUZZ_SECONDS=60   seconds per target
#   FUZZ_JOBS=1       targets run at the same time (one core each)
#   FUZZ_ARGS=...     extra libFuzzer flags
#
# Output under out/fuzz/<target>/: log, corpus/ (grown corpus, kept between runs), and
# crash-*/timeout-*/oom-* inputs. Reproduce one with:
#   SWIFT_BACKTRACE=enable=no FUZZ_TARGET=<target> Tests/Fuzz/.build/debug/interceptor-fuzz <file>
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
SECONDS_PER_TARGET=${FUZZ_SECONDS:-60}
JOBS=${FUZZ_JOBS:-1}
TARGETS=("$@")
((${#TARGETS[@]})) || read -ra TARGETS <<<"${FUZZ_TARGETS:-request token tenants login cookie}"
OUT=out/fuzz
BIN=Tests/Fuzz/.build/debug/interceptor-fuzz

# `-sanitize=fuzzer` cannot link a SwiftPM executable (libFuzzer's main clashes with SwiftPM's
# `--defsym main=...`; gold reports it as an "internal error"). So: ASan plus libFuzzer's coverage
# instrumentation, libFuzzer without its main, and main.swift calls LLVMFuzzerRunDriver.
toolchain=$(dirname "$(readlink -f "$(command -v "$SWIFT")")")/..
libfuzzer=$(ls "$toolchain"/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a | head -1)
echo "== building interceptor-fuzz (ASan, libFuzzer: $libfuzzer)"
(cd Tests/Fuzz && "$SWIFT" build -c debug --product interceptor-fuzz \
  -Xswiftc -sanitize=address \
  -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
  -Xlinker "$libfuzzer" -Xlinker -lstdc++ 2>&1 | grep -v "Cannot export local symbol" | grep -v '^\[')
test -x "$BIN"

export SWIFT_BACKTRACE=enable=no   # Swift's crash reporter can hang under ASan
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1:symbolize=1}
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$(dirname "$(command -v "$SWIFT")")/llvm-symbolizer}

run_target() {
  local target=$1 dir=$OUT/$1
  mkdir -p "$dir/corpus"
  local max_len=4096
  [[ $target == tenants || $target == request ]] && max_len=16384
  # New inputs go to the first directory; the committed seeds are only read.
  FUZZ_TARGET=$target "$BIN" "$dir/corpus" "Tests/Fuzz/corpus/$target" \
    -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 -max_len=$max_len \
    -artifact_prefix="$dir/" -print_final_stats=1 ${FUZZ_ARGS:-} >"$dir/log" 2>&1 || true
}

summarize() {
  local target=$1 dir=$OUT/$1 status=0
  local last execs artifacts
  last=$(grep -E '^#[0-9]+' "$dir/log" | grep -E 'cov:' | tail -1 || true)
  execs=$(grep -E '^stat::average_exec_per_sec' "$dir/log" | awk '{print $2}' || true)
  printf '%-8s %8s execs/s  %s\n' "$target" "${execs:-?}" "$(sed -E 's/^#([0-9]+)\s+\S+\s+/runs \1  /; s/ (lim|exec\/s|rss|L|MS):.*//' <<<"$last")"
  artifacts=$(grep -hoE "(crash|timeout|oom|leak|slow-unit)-[0-9a-f]+" "$dir/log" | sort -u || true)
  for name in $artifacts; do
    status=1
    echo "   !! $dir/$name"
    echo "      hex: $(head -c 512 "$dir/$name" | od -An -tx1 | tr -d ' \n')"
    grep -E 'FUZZ INVARIANT VIOLATED|ERROR: AddressSanitizer|ERROR: libFuzzer|Fatal error|deadly signal|^ *#[0-9]+ 0x' "$dir/log" \
      | head -40 | sed 's/^/      /'
  done
  return $status
}

failed=0
if ((JOBS > 1)); then
  for ((i = 0; i < ${#TARGETS[@]}; i += JOBS)); do
    pids=()
    for target in "${TARGETS[@]:i:JOBS}"; do echo "== fuzzing $target for ${SECONDS_PER_TARGET}s"; run_target "$target" & pids+=($!); done
    wait "${pids[@]}"
  done
else
  for target in "${TARGETS[@]}"; do echo "== fuzzing $target for ${SECONDS_PER_TARGET}s"; run_target "$target"; done
fi
echo "== results (logs in $OUT/<target>/log)"
for target in "${TARGETS[@]}"; do summarize "$target" || failed=1; done
exit $failed
