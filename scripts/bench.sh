#!/usr/bin/env bash
# `make bench`: SPEC §9's performance targets side by side in one run, on loopback.
#   1. floor    auth_request to a do-nothing Unix-socket responder (nginx answering 200)
#   2. sidecar  auth_request to the sidecar's /auth_request (the nginx/ snippets, keepalive)
#   3. njs      nginx's in-process HS256 check (bench/njs/check.js): as auth_request to an
#               internal js_content, and as js_set without any subrequest
#   4. noauth, int204 (for information): no auth; auth_request to an internal `return 204`
#   5. instructions per valid check (callgrind, --workers 1, one keep-alive connection)
#   6. idle RSS after start; time to first answer after socket activation
# Writes out/bench/results.md and prints it. Installs nothing: `make bench` runs
# `scripts/deps.sh bench` first (wrk, valgrind, nginx, libnginx-mod-http-js).
# Knobs (environment): BENCH_DURATION (s, per measured run, default 6), BENCH_WARMUP (s, 2),
# BENCH_ROUNDS (interleaved rounds, 3; the best round counts), BENCH_THREADS (2),
# BENCH_CONNECTIONS (50), BENCH_CHECKS (callgrind checks, 2000), BENCH_ACTIVATIONS (5).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/out/bench
bin=$root/.build/release/interceptor
tenants=$root/Tests/EndToEnd/tenants
duration=${BENCH_DURATION:-6}
warmup=${BENCH_WARMUP:-2}
rounds=${BENCH_ROUNDS:-3}
threads=${BENCH_THREADS:-2}
connections=${BENCH_CONNECTIONS:-50}
checks=${BENCH_CHECKS:-2000}
activations=${BENCH_ACTIVATIONS:-5}
host=shop.example.net
page=/bench.html

bench_name=interceptor-bench
source "$(dirname "${BASH_SOURCE[0]}")/../bench/common.sh"
for tool in wrk nginx valgrind callgrind_control callgrind_annotate systemd-socket-activate curl python3; do
  command -v "$tool" >/dev/null || die "$tool is missing: run scripts/deps.sh bench (or make bench)"
done
[[ -f /usr/lib/nginx/modules/ngx_http_js_module.so ]] || die "nginx's njs module is missing: scripts/deps.sh bench installs libnginx-mod-http-js"
[[ -x $bin ]] || die "$bin is missing: swift build -c release --product interceptor"

mkdir -p "$out"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rm -f "$out"/wrk-*.txt "$out"/callgrind.* "$out"/results.md

# --- secret, tokens -------------------------------------------------------------------
secret=$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n' | head -c 48)
export JWT_SECRET=$secret SECURE=false
token() { "$bin" token --tenants "$tenants" --tenant shop --user alice --ttl 3600 "$@"; }
good=$(token)
bad=$(JWT_SECRET="$secret-but-another-one" token)   # well formed, wrong signature
[[ $good == *.*.* && $bad == *.*.* && $good != "$bad" ]] || die "could not make tokens with $bin token"

# --- the sidecar ----------------------------------------------------------------------
sidecar_cmd=("$bin" serve --listen "unix:$tmp/interceptor.sock" --tenants "$tenants")
"${sidecar_cmd[@]}" >"$out/sidecar.log" 2>&1 & sidecar=$!; pids+=("$sidecar")
wait_for 10 socket_answers "$tmp/interceptor.sock" || die "the sidecar did not start: $(tail -3 "$out/sidecar.log")"
sleep 0.5
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
idle_rss=$(rss_kib "$sidecar")

# --- nginx ----------------------------------------------------------------------------
read -r p_noauth p_int204 p_floor p_sidecar p_njs p_njsset < <(python3 - <<'PY'
import socket
ss = [socket.socket() for _ in range(6)]
for s in ss: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in ss])
for s in ss: s.close()
PY
)
mkdir -p "$tmp/nginx" "$tmp/nginx-tmp" "$tmp/www"
for name in interceptor-upstream.conf interceptor-server.conf interceptor-protect.conf; do
  sed "s|/run/interceptor/interceptor.sock|$tmp/interceptor.sock|" "nginx/$name" > "$tmp/nginx/$name"
done
printf '<!doctype html><title>bench</title><p>A protected page.</p>\n' > "$tmp/www${page}"
sed -e "s|@OUT@|$tmp|g" -e "s|@ROOT@|$root|g" -e "s|@P_NOAUTH@|$p_noauth|g" -e "s|@P_INT204@|$p_int204|g" \
    -e "s|@P_FLOOR@|$p_floor|g" -e "s|@P_SIDECAR@|$p_sidecar|g" -e "s|@P_NJS@|$p_njs|g" -e "s|@P_NJSSET@|$p_njsset|g" \
    bench/nginx.conf.in > "$tmp/nginx.conf"
cp "$tmp/nginx.conf" "$out/nginx.conf"
nginx -p "$tmp" -c "$tmp/nginx.conf" -e "$tmp/nginx-error.log" >"$out/nginx.log" 2>&1 & nginx_pid=$!; pids+=("$nginx_pid")
wait_for 10 port_answers "$p_njsset" || die "nginx did not start: $(cat "$tmp/nginx-error.log" "$out/nginx.log" 2>/dev/null | tail -5)"

# --- every phase really runs (authenticated where it should) ---------------------------
status() {  # status PORT [TOKEN]
  local cookie=()
  [[ -n ${2:-} ]] && cookie=(-H "Cookie: uitsmijter-sso=$2")
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "Host: $host" "${cookie[@]}" "http://127.0.0.1:$1$page"
}
expect() {  # expect NAME PORT TOKEN CODES...
  local name=$1 port=$2 tok=$3 got; shift 3
  got=$(status "$port" "$tok")
  [[ " $* " == *" $got "* ]] || die "$name: expected $* for $([[ -z $tok ]] && echo 'no token' || ([[ $tok == "$good" ]] && echo 'the valid token' || echo 'a bad token')), got $got"
}
for pair in noauth:$p_noauth int204:$p_int204 floor:$p_floor sidecar:$p_sidecar njs:$p_njs njsset:$p_njsset; do
  expect "${pair%%:*}" "${pair#*:}" "$good" 200
done
for pair in sidecar:$p_sidecar njs:$p_njs njsset:$p_njsset; do
  expect "${pair%%:*}" "${pair#*:}" "$bad" 302 401
  expect "${pair%%:*}" "${pair#*:}" "" 302 401
done
echo "bench: all phases answer as expected (valid token 200; bad or no token 302/401 where authenticated)"

# --- throughput -----------------------------------------------------------------------
phases=(floor sidecar njs njsset noauth int204)
declare -A port=([noauth]=$p_noauth [int204]=$p_int204 [floor]=$p_floor [sidecar]=$p_sidecar [njs]=$p_njs [njsset]=$p_njsset)
declare -A label=(
  [floor]="1. floor: auth_request → nginx \`return 200\` on a Unix socket (keepalive)"
  [sidecar]="2. sidecar: auth_request → interceptor /auth_request (keepalive)"
  [njs]="3a. njs HS256: auth_request → internal js_content"
  [njsset]="3b. njs HS256: js_set, no subrequest"
  [noauth]="4a. no auth (static file)"
  [int204]="4b. auth_request → internal \`return 204\`")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
declare -A best_rps best_p50 best_p99 all_rps round_rps
wrk_cmd() { echo "wrk -t$threads -c$connections -d${1}s $2 -H 'Host: $host' -H 'Cookie: uitsmijter-sso=<token>' http://127.0.0.1:${port[$3]}$page"; }
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.3f", v}' <<<"$1"; }
for ((round = 1; round <= rounds; round++)); do
  for phase in "${phases[@]}"; do
    file=$out/wrk-$phase-$round.txt
    wrk -t"$threads" -c"$connections" -d"$warmup"s -H "Host: $host" -H "Cookie: uitsmijter-sso=$good" \
        "http://127.0.0.1:${port[$phase]}$page" >/dev/null
    wrk -t"$threads" -c"$connections" -d"$duration"s --latency -H "Host: $host" -H "Cookie: uitsmijter-sso=$good" \
        "http://127.0.0.1:${port[$phase]}$page" > "$file"
    rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$file")
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$file")")
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$file")")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$file")
    errors=$(awk '/Socket errors:/ {print}' "$file")
    [[ -z $non2xx ]] || die "$phase: $non2xx answers were not 2xx during the run (see $file)"
    [[ -n $rps ]] || die "$phase: no result from wrk (see $file)"
    printf 'bench: round %d %-8s %8s req/s  p50 %7s ms  p99 %7s ms %s\n' "$round" "$phase" "$rps" "$p50" "$p99" "$errors"
    all_rps[$phase]="${all_rps[$phase]:-}${all_rps[$phase]:+, }$rps"
    round_rps[$phase]=$rps
    if (( rps > ${best_rps[$phase]:-0} )); then best_rps[$phase]=$rps best_p50[$phase]=$p50 best_p99[$phase]=$p99; fi
  done
  per_round_floor="${per_round_floor:-}${per_round_floor:+, }$(ratio "${round_rps[sidecar]}" "${round_rps[floor]}")"
  per_round_njs="${per_round_njs:-}${per_round_njs:+, }$(ratio "${round_rps[sidecar]}" "${round_rps[njs]}")"
done
loaded_rss=$(rss_kib "$sidecar")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
stop_pid "$nginx_pid"
stop_pid "$sidecar"

verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN {ok = (op == ">=") ? v >= t : v <= t; print ok ? "met" : "MISSED"}'; }
r_floor=$(ratio "${best_rps[sidecar]}" "${best_rps[floor]}")
r_njs=$(ratio "${best_rps[sidecar]}" "${best_rps[njs]}")
r_njsset=$(ratio "${best_rps[sidecar]}" "${best_rps[njsset]}")

# --- instructions per valid check (callgrind) ------------------------------------------
cg_sock=$tmp/callgrind.sock
cg_cmd=(valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out.%p"
        "$bin" serve --listen "unix:$cg_sock" --tenants "$tenants" --workers 1)
SWIFT_BACKTRACE=enable=no "${cg_cmd[@]}" >"$out/callgrind.log" 2>&1 & cg_pid=$!; pids+=("$cg_pid")
wait_for 120 socket_answers "$cg_sock" || die "the sidecar under valgrind did not start: $(tail -3 "$out/callgrind.log")"
python3 bench/client.py checks "$cg_sock" 20 "$good"            # warm up: first-use paths
callgrind_control -z "$cg_pid" >/dev/null 2>&1                      # count from here
sleep 1
callgrind_control -d "$cg_pid" >/dev/null 2>&1                      # part 1: 0 checks (idle, 1 s)
python3 bench/client.py checks "$cg_sock" "$checks" "$good"   # N valid checks, one connection
callgrind_control -d "$cg_pid" >/dev/null 2>&1                      # part 2: N checks
stop_pid "$cg_pid"
ir_of() { awk '/^(summary|totals):/ {print $2; exit}' "$1"; }
cg_idle=$(ir_of "$out/callgrind.out.$cg_pid.1")
cg_load=$(ir_of "$out/callgrind.out.$cg_pid.2")
per_check=$(awk -v t="$cg_load" -v n="$checks" 'BEGIN {printf "%.0f", t / n}')
annotate() {  # the top 25 functions of the N-check dump, without the thread-entry frames (100 %)
  callgrind_annotate --auto=no --threshold=100 "$@" "$out/callgrind.out.$cg_pid.2" 2>/dev/null \
    | awk '/file:function/ {on = 1; getline; next} on && NF && !/\(100.0%\)/ && n++ < 25' \
    | swift-demangle --simplified 2>/dev/null | sed -E 's| \[[^]]*\]$||; s|^( *[0-9,]+ \( *[0-9.]+%\)) +[^:]*:|\1  |' | cut -c1-160 || true
}
top_self=$(annotate)
top_incl=$(annotate --inclusive=yes)

# --- time to first answer after socket activation ----------------------------------------
act_sock=$tmp/activated.sock
act_times=()
for ((i = 1; i <= activations; i++)); do
  rm -f "$act_sock"
  systemd-socket-activate -l "$act_sock" -E JWT_SECRET -E SECURE "$bin" serve --tenants "$tenants" \
    >>"$out/activation.log" 2>&1 & act_pid=$!; pids+=("$act_pid")
  wait_for 10 test -S "$act_sock" || die "systemd-socket-activate did not create $act_sock"
  sleep 0.2
  act_times+=("$(python3 bench/client.py first "$act_sock" "$good")") || die "no first answer after activation (see $out/activation.log)"
  stop_pid "$act_pid"
done
act_sorted=$(printf '%s\n' "${act_times[@]}" | sort -n | tr '\n' ' ')
act_median=$(printf '%s\n' "${act_times[@]}" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}')

# --- results ------------------------------------------------------------------------------
idle_mib=$(awk -v k="$idle_rss" 'BEGIN {printf "%.1f", k / 1024}')
loaded_mib=$(awk -v k="$loaded_rss" 'BEGIN {printf "%.1f", k / 1024}')
{
  echo "# interceptor benchmark (SPEC §9)"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname), $(nproc) cores, $(uname -r); $("$bin" --version 2>/dev/null | head -1);"
  echo "$(nginx -v 2>&1), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), $(valgrind --version). Commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- scripts bench Makefile 2>/dev/null || echo ' (with uncommitted changes)')."
  echo "Loopback only; nginx (2 workers, reuseport) and wrk and the sidecar share the machine, which other work may share too: numbers are noisy."
  echo "Load average (1/5/15 min) before the run: $load_before; after the throughput runs: $load_after."
  echo
  echo "## Targets"
  echo
  echo "| target | measured | goal | |"
  echo "|---|---|---|---|"
  echo "| sidecar / floor (req/s) | $r_floor | ≥ 0.95 | $(verdict "$r_floor" 0.95 '>=') |"
  echo "| sidecar / njs, auth_request→js_content (req/s) | $r_njs | ≥ 1.4 | $(verdict "$r_njs" 1.4 '>=') |"
  echo "| sidecar / njs, js_set (req/s) | $r_njsset | ≥ 1.4 | $(verdict "$r_njsset" 1.4 '>=') |"
  echo "| instructions per valid check (callgrind) | $per_check | ≤ 25,000 | $(verdict "$per_check" 25000 '<=') |"
  echo "| idle RSS after start | $idle_mib MiB | ≤ 20 MiB | $(verdict "$idle_mib" 20 '<=') |"
  echo "| first answer after socket activation (median of $activations) | $act_median ms | ≤ 50 ms | $(verdict "$act_median" 50 '<=') |"
  echo
  echo "## Throughput: wrk -t$threads -c$connections, ${warmup} s warm-up then ${duration} s measured, $rounds interleaved round(s); best round shown"
  echo
  echo "| phase | req/s (best) | p50 ms | p99 ms | req/s per round | × floor |"
  echo "|---|---|---|---|---|---|"
  for phase in "${phases[@]}"; do
    echo "| ${label[$phase]} | ${best_rps[$phase]} | ${best_p50[$phase]} | ${best_p99[$phase]} | ${all_rps[$phase]} | $(ratio "${best_rps[$phase]}" "${best_rps[floor]}") |"
  done
  echo
  echo "Within each round (same minute, same noise): sidecar/floor $per_round_floor; sidecar/njs (js_content) $per_round_njs."
  echo
  echo "Before measuring, each phase was checked with curl: the valid token gets 200; for sidecar and njs a token"
  echo "signed with another secret and no token get 302/401. A run with any non-2xx answer aborts."
  echo "Sidecar RSS after the load runs: $loaded_mib MiB (for information)."
  echo
  echo "## Instructions per valid check"
  echo
  echo "Sidecar under callgrind with \`--workers 1\`; 20 warm-up checks; counters zeroed (\`callgrind_control -z\`);"
  echo "1 s idle, dumped: **$cg_idle** instructions (0 checks); then $checks valid checks over one keep-alive"
  echo "Unix-socket connection, pipelined 50 at a time (bench/client.py), dumped: **$cg_load** instructions"
  echo "→ **$per_check per check** (everything the process executed in that window, all threads)."
  echo
  echo "Top functions, self cost, during the $checks checks (callgrind_annotate, demangled):"
  echo
  echo '```'
  echo "$top_self"
  echo '```'
  echo
  echo "Top functions, inclusive cost:"
  echo
  echo '```'
  echo "$top_incl"
  echo '```'
  echo
  echo "## Idle RSS and socket activation"
  echo
  echo "- Idle RSS: VmRSS of \`interceptor serve\` 0.5 s after its socket answered, before any request: $idle_rss KiB ($idle_mib MiB)."
  echo "- First answer after socket activation: \`systemd-socket-activate\` holds the socket, the client (bench/client.py first)"
  echo "  times connect + one valid check until the full answer, which includes exec and the sidecar's start-up."
  echo "  Runs (ms, sorted): $act_sorted→ median $act_median ms."
  echo
  echo "## Commands"
  echo
  echo '```'
  echo "JWT_SECRET=<48 random chars> SECURE=false ${sidecar_cmd[*]}"
  echo "$bin token --tenants $tenants --tenant shop --user alice --ttl 3600"
  echo "nginx -p $tmp -c $tmp/nginx.conf   # rendered from bench/nginx.conf.in, copy in out/bench/nginx.conf"
  for phase in "${phases[@]}"; do echo "$(wrk_cmd "$warmup" '' "$phase") >/dev/null; $(wrk_cmd "$duration" --latency "$phase")   # $phase"; done
  echo "SWIFT_BACKTRACE=enable=no ${cg_cmd[*]}"
  echo "python3 bench/client.py checks $cg_sock 20 <token>; callgrind_control -z PID; sleep 1; callgrind_control -d PID"
  echo "python3 bench/client.py checks $cg_sock $checks <token>; callgrind_control -d PID"
  echo "callgrind_annotate --auto=no --threshold=100 [--inclusive=yes] out/bench/callgrind.out.PID.2 | swift-demangle --simplified"
  echo "systemd-socket-activate -l $act_sock -E JWT_SECRET -E SECURE $bin serve --tenants $tenants"
  echo "python3 bench/client.py first $act_sock <token>"
  echo '```'
  echo
  echo "Raw wrk outputs: out/bench/wrk-PHASE-ROUND.txt; callgrind profiles: out/bench/callgrind.out.*."
} > "$out/results.md"
echo
cat "$out/results.md"
