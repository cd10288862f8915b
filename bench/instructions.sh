#!/usr/bin/env bash
# Instructions per valid check under callgrind, alone (a minute instead of make bench's three):
#   bench/instructions.sh [CHECKS]    → prints per-check instructions and the top functions
set -euo pipefail
cd "$(dirname "$0")/.."
checks=${1:-2000}
bin=.build/release/interceptor
out=out/bench
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
mkdir -p "$out"
export JWT_SECRET=bench-secret-that-is-long-enough-for-hs256-0123456789 SECURE=false
token=$("$bin" token --tenant shop --user alice --tenants Tests/EndToEnd/tenants)
SWIFT_BACKTRACE=enable=no valgrind --tool=callgrind --callgrind-out-file="$out/instructions.%p" \
  "$bin" serve --listen "unix:$tmp/s.sock" --tenants Tests/EndToEnd/tenants --workers 1 >"$out/instructions.log" 2>&1 &
pid=$!
for _ in $(seq 600); do [[ -S $tmp/s.sock ]] && break; sleep 0.2; done
python3 bench/client.py checks "$tmp/s.sock" 20 "$token"
callgrind_control -z "$pid" >/dev/null
python3 bench/client.py checks "$tmp/s.sock" "$checks" "$token"
callgrind_control -d "$pid" >/dev/null
total=$(awk '/^(summary|totals):/ {print $2; exit}' "$out/instructions.$pid.1")
echo "instructions per valid check: $((total / checks))"
callgrind_annotate --auto=no --threshold=100 --inclusive=${INCLUSIVE:-no} "$out/instructions.$pid.1" 2>/dev/null \
  | awk '/file:function/ {on = 1; getline; next} on && NF && n++ < 30' | swift-demangle --simplified | cut -c1-170
