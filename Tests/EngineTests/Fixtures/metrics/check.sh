#!/bin/sh
# Checks the golden expositions (*.prom here, or the files given) with `promtool check metrics`.
#
# Each golden file is what a test in Tests/EngineTests/Metrics*.swift renders, byte for
# byte (regenerate with `METRICS_UPDATE_GOLDEN=1 swift test --filter EngineTests.Metrics`).
# The only complaints allowed are about Uitsmijter's compatible names, which its Grafana
# dashboard needs (SPEC §8): the missing `_total` of its five counters, and the gauge
# `uitsmijter_tenants_count`, whose `_count` suffix promtool reserves for histograms and
# summaries (SPEC §8 does not mention this one; declaring it untyped would silence promtool
# but break the documented type).
set -eu
here=$(dirname "$0")
command -v promtool >/dev/null || { echo "check.sh: promtool not found (Debian package prometheus)" >&2; exit 2; }
compatible='uitsmijter_(interceptor_success|interceptor_failure|login_success|login_failure|logout)'
[ $# -gt 0 ] || set -- "$here"/*.prom

status=0
for file in "$@"; do
  # promtool exits non-zero on lint problems and prints them: keep them and judge them here.
  output=$(promtool check metrics <"$file" 2>&1 | sort -u) || true
  unexpected=$(printf '%s\n' "$output" | grep -v '^$' \
    | grep -Ev "^$compatible"' counter metrics should have "_total" suffix$' \
    | grep -Fxv 'uitsmijter_tenants_count non-histogram and non-summary metrics should not have "_count" suffix' \
    || true)
  allowed=$(printf '%s\n' "$output" | grep -cE "^$compatible"' counter metrics should have "_total" suffix$' || true)
  present=$(grep -cE "^# TYPE $compatible counter\$" "$file" || true)
  if [ -n "$unexpected" ]; then
    printf 'check.sh: promtool found problems in %s:\n%s\n' "$file" "$unexpected" >&2
    status=1
  elif [ "$allowed" -ne "$present" ]; then
    printf 'check.sh: %s: expected %s "_total" complaints, got %s\n' "$file" "$present" "$allowed" >&2
    status=1
  else
    echo "check.sh: $file passes promtool check metrics (apart from the compatible names)"
  fi
done
exit $status
