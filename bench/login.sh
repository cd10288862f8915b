#!/usr/bin/env bash
# `make bench-login`: what logins cost, on loopback, with one sidecar (bench/tenants):
#   1. POST /login latency straight on the sidecar's Unix socket (no nginx), sequential, one
#      keep-alive connection (bench/login_client.py): a local provider (compares the
#      credentials) and a `fetch` provider asking a Python user service on 127.0.0.1 (its own
#      cost measured by direct requests); the client+socket floor (GET /health) beside them
#   2. VmRSS of the sidecar: idle, after the first login, after 10,000 and 20,000 logins
#   3. token checks/s through nginx (the repository's snippets, wrk, valid cookie) undisturbed
#      vs while another tenant's provider loops forever (`while(true){}`, SCRIPT_TIMEOUT=2)
#      and a stream of logins to it keeps every provider thread busy; rounds interleaved ABBA
# Writes out/bench/login.md and prints it. Installs nothing: `make bench-login` runs
# `scripts/deps.sh bench` first. Knobs (environment): LOGIN_N (measured logins, 2000),
# LOGIN_WARMUP (100), LOGIN_RSS_BLOCK (10000), BENCH_DURATION (s per wrk run, 8),
# BENCH_WARMUP (s, 2), BENCH_ROUNDS (2; each round = one undisturbed + one disturbed run),
# BENCH_THREADS (2), BENCH_CONNECTIONS (50), PROVIDER_WORKERS (2), LOOP_SENDERS (2 × workers).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/out/bench
bin=$root/.build/release/interceptor
n=${LOGIN_N:-2000}
warm=${LOGIN_WARMUP:-100}
block=${LOGIN_RSS_BLOCK:-10000}
duration=${BENCH_DURATION:-8}
warmup=${BENCH_WARMUP:-2}
rounds=${BENCH_ROUNDS:-2}
threads=${BENCH_THREADS:-2}
connections=${BENCH_CONNECTIONS:-50}
workers=${PROVIDER_WORKERS:-2}
senders=${LOOP_SENDERS:-$((2 * workers))}
script_timeout=2
page=/bench.html
client=(python3 "$root/bench/login_client.py")
user=bench@example.net password=bench

bench_name=interceptor-login
source "$(dirname "${BASH_SOURCE[0]}")/../bench/common.sh"
for tool in wrk nginx curl python3; do
  command -v "$tool" >/dev/null || die "$tool is missing: run scripts/deps.sh bench (or make bench-login)"
done
[[ -x $bin ]] || die "$bin is missing: swift build -c release --product interceptor"

mkdir -p "$out"
started_at=$SECONDS
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rm -f "$out"/login.md "$out"/login-wrk-*.txt "$out"/login-sidecar.log "$out"/login-nginx.conf
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # utime + stime, clock ticks
hz=$(getconf CLK_TCK)
json() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

# --- the user service for the fetch provider ---------------------------------------------
users_cmd=("${client[@]}" users "$tmp/users.port" 600)
"${users_cmd[@]}" >"$tmp/users.log" 2>&1 & users_pid=$!; pids+=("$users_pid")
wait_for 10 test -s "$tmp/users.port" || die "the user service did not start: $(cat "$tmp/users.log")"
users_port=$(cat "$tmp/users.port")

# --- tenants: bench/tenants with the user service's port ----------------------------------
mkdir -p "$tmp/tenants"
for file in bench/tenants/*.yaml; do
  sed "s/@USERS_PORT@/$users_port/g" "$file" > "$tmp/tenants/$(basename "$file")"
done
"$bin" check-config --tenants "$tmp/tenants" >/dev/null || die "bench/tenants does not pass check-config"

# --- the sidecar ----------------------------------------------------------------------------
secret=$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n' | head -c 48)
export JWT_SECRET=$secret SECURE=false SCRIPT_TIMEOUT=$script_timeout
sock=$tmp/interceptor.sock
sidecar_cmd=("$bin" serve --listen "unix:$sock" --tenants "$tmp/tenants" --provider-workers "$workers")
"${sidecar_cmd[@]}" >"$out/login-sidecar.log" 2>&1 & sidecar=$!; pids+=("$sidecar")
wait_for 10 socket_answers "$sock" || die "the sidecar did not start: $(tail -3 "$out/login-sidecar.log")"
sleep 0.5
rss_idle=$(rss_kib "$sidecar")
echo "bench-login: sidecar $sidecar idle, VmRSS $rss_idle KiB"

# --- 1. latency -------------------------------------------------------------------------------
floor=$("${client[@]}" floor "$sock" "$n")
first=$("${client[@]}" latency "$sock" local.bench.test "$user" "$password" 1 0)
rss_first=$(rss_kib "$sidecar")
echo "bench-login: first login $(json "$first" max_ms) ms (loads JavaScriptCore), VmRSS $rss_first KiB"
local_lat=$("${client[@]}" latency "$sock" local.bench.test "$user" "$password" "$n" "$warm")
echo "bench-login: local provider  $local_lat"
fetch_lat=$("${client[@]}" latency "$sock" fetch.bench.test "$user" "$password" "$n" "$warm")
echo "bench-login: fetch provider  $fetch_lat"
direct_lat=$("${client[@]}" direct "$users_port" "$n" "$warm")
echo "bench-login: user service alone (new connection each) $direct_lat"
done_logins=$((1 + 2 * (n + warm)))
rss_after_latency=$(rss_kib "$sidecar")

# --- 2. RSS over many logins ---------------------------------------------------------------------
((done_logins < block)) || die "LOGIN_RSS_BLOCK ($block) must exceed the logins of the latency runs ($done_logins)"
series=$("${client[@]}" logins "$sock" local.bench.test "$user" "$password" $((2 * block - done_logins)) "$sidecar" $((block / 10)) "$done_logins")
rss_block1=$(awk -v b="$block" '$1 == b {print $2}' <<<"$series")
rss_block2=$(awk -v b=$((2 * block)) '$1 == b {print $2}' <<<"$series")
[[ -n $rss_block1 && -n $rss_block2 ]] || die "no RSS samples at $block / $((2 * block)) logins: $series"
echo "bench-login: VmRSS after $block logins $rss_block1 KiB, after $((2 * block)) $rss_block2 KiB"

# --- 3. nginx in front, checks/s undisturbed vs disturbed --------------------------------------------
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$tmp/nginx" "$tmp/nginx-tmp" "$tmp/www"
for name in interceptor-upstream.conf interceptor-server.conf interceptor-protect.conf; do
  sed "s|/run/interceptor/interceptor.sock|$sock|" "nginx/$name" > "$tmp/nginx/$name"
done
printf '<!doctype html><title>bench</title><p>A protected page.</p>\n' > "$tmp/www$page"
cat > "$tmp/nginx.conf" <<EOF
# bench/login.sh: one nginx with the repository's snippets, protecting a static page.
daemon off;
master_process on;
worker_processes 2;
user root root;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $tmp/nginx-tmp/body;
    proxy_temp_path $tmp/nginx-tmp/proxy;
    fastcgi_temp_path $tmp/nginx-tmp/fastcgi;
    uwsgi_temp_path $tmp/nginx-tmp/uwsgi;
    scgi_temp_path $tmp/nginx-tmp/scgi;
    default_type text/html;
    include $tmp/nginx/interceptor-upstream.conf;
    server {
        listen 127.0.0.1:$port reuseport;
        server_name localhost;
        include $tmp/nginx/interceptor-server.conf;
        location / {
            include $tmp/nginx/interceptor-protect.conf;
            root $tmp/www;
        }
    }
}
EOF
cp "$tmp/nginx.conf" "$out/login-nginx.conf"
nginx -p "$tmp" -c "$tmp/nginx.conf" -e "$tmp/nginx-error.log" >"$tmp/nginx.log" 2>&1 & nginx_pid=$!; pids+=("$nginx_pid")
wait_for 10 port_answers "$port" || die "nginx did not start: $(cat "$tmp/nginx-error.log" "$tmp/nginx.log" 2>/dev/null | tail -5)"

token=$("$bin" token --tenants "$tmp/tenants" --tenant bench-local --user "$user" --sub user-bench --ttl 3600)
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H 'Host: local.bench.test' "$@" "http://127.0.0.1:$port$page"; }
[[ $(status -H "Cookie: uitsmijter-sso=$token") == 200 ]] || die "the valid cookie does not get 200 through nginx"
[[ $(status) == 302 ]] || die "no cookie does not get 302 through nginx"
# One login to the loop tenant (on the socket): it must fail with 503 after SCRIPT_TIMEOUT.
loop_check=$("${client[@]}" stream "$sock" loop.bench.test 0.1 1)
[[ $loop_check == '{"503": 1}' ]] || die "a login to the runaway tenant should answer 503, got $loop_check"

to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.3f", v}' <<<"$1"; }
wrk_args=(-t"$threads" -c"$connections" -H "Host: local.bench.test" -H "Cookie: uitsmijter-sso=$token" "http://127.0.0.1:$port$page")
declare -A rps_of p50_of p99_of cpu_of stream_of
run_wrk() {  # run_wrk PHASE ROUND
  local phase=$1 round=$2 file=$out/login-wrk-$1-$2.txt before after non2xx
  wrk -d"$warmup"s "${wrk_args[@]}" >/dev/null
  before=$(cpu_ticks "$sidecar")
  wrk -d"$duration"s --latency "${wrk_args[@]}" > "$file"
  after=$(cpu_ticks "$sidecar")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$file")
  [[ -z $non2xx ]] || die "$phase round $round: $non2xx answers were not 2xx (see $file)"
  rps_of[$phase-$round]=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$file")
  [[ -n ${rps_of[$phase-$round]} ]] || die "$phase round $round: no result from wrk (see $file)"
  p50_of[$phase-$round]=$(to_ms "$(awk '$1 == "50%" {print $2}' "$file")")
  p99_of[$phase-$round]=$(to_ms "$(awk '$1 == "99%" {print $2}' "$file")")
  cpu_of[$phase-$round]=$(awk -v t=$((after - before)) -v hz="$hz" -v d="$duration" 'BEGIN {printf "%.0f", 100 * t / hz / d}')
}
undisturbed() { run_wrk undisturbed "$1"; }
disturbed() {
  local round=$1 stream_pid
  # Senders run through warm-up and measurement; every provider thread is inside
  # `while(true){}` until SCRIPT_TIMEOUT kills it, and the next login is already queued.
  "${client[@]}" stream "$sock" loop.bench.test $((warmup + duration + 1)) "$senders" > "$tmp/stream-$round.json" &
  stream_pid=$!; pids+=("$stream_pid")
  sleep 0.5
  run_wrk disturbed "$round"
  wait "$stream_pid" || die "the login stream failed"
  stop_pid "$stream_pid"
  stream_of[$round]=$(cat "$tmp/stream-$round.json")
}
for ((round = 1; round <= rounds; round++)); do
  if ((round % 2)); then order=(undisturbed disturbed); else order=(disturbed undisturbed); fi
  for phase in "${order[@]}"; do
    "$phase" "$round"
    printf 'bench-login: round %d %-11s %7s checks/s  p50 %s ms  p99 %s ms  sidecar CPU %s%% of a core %s\n' "$round" "$phase" \
      "${rps_of[$phase-$round]}" "${p50_of[$phase-$round]}" "${p99_of[$phase-$round]}" "${cpu_of[$phase-$round]}" \
      "$([[ $phase == disturbed ]] && echo " loop logins: ${stream_of[$round]}")"
  done
done
rss_end=$(rss_kib "$sidecar")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
timeouts=$(grep -c 'ran past its timeout' "$out/login-sidecar.log" || true)
stop_pid "$nginx_pid"
stop_pid "$sidecar"
stop_pid "$users_pid"

# --- results ------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN {ok = (op == ">=") ? v >= t : v <= t; print ok ? "met" : "MISSED"}'; }
sum_u=0 sum_d=0 per_round=""
for ((round = 1; round <= rounds; round++)); do
  sum_u=$((sum_u + rps_of[undisturbed-$round])); sum_d=$((sum_d + rps_of[disturbed-$round]))
  per_round="${per_round}${per_round:+, }$(ratio "${rps_of[disturbed-$round]}" "${rps_of[undisturbed-$round]}")"
done
mean_u=$((sum_u / rounds)) mean_d=$((sum_d / rounds))
r_mean=$(ratio "$mean_d" "$mean_u")
worst=$(tr -d ' ' <<<"$per_round" | tr ',' '\n' | sort -n | head -1)
flat_kib=$((rss_block2 - rss_block1))
elapsed=$((SECONDS - started_at))
row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$(json "$2" p50_ms)" "$(json "$2" p90_ms)" "$(json "$2" p99_ms)" "$(json "$2" mean_ms)" "$(json "$2" max_ms)"; }
{
  echo "# interceptor login benchmark"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname), $(nproc) cores, $(uname -r); $("$bin" --version 2>/dev/null | head -1);"
  echo "$(nginx -v 2>&1), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), $(python3 --version). Commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- bench Makefile 2>/dev/null && [[ -z $(git status --porcelain bench Makefile 2>/dev/null) ]] || echo ' (with uncommitted changes in bench/ or Makefile)')."
  echo "Loopback only; the sidecar ($workers provider workers, SCRIPT_TIMEOUT=$script_timeout), nginx (2 workers), wrk and the Python"
  echo "clients share the machine with whatever else runs on it: numbers are noisy."
  echo "Load average (1/5/15 min) before: $load_before; after: $load_after. Whole run: ${elapsed} s."
  echo
  echo "## Targets"
  echo
  echo "| target | measured | goal | |"
  echo "|---|---|---|---|"
  echo "| VmRSS after $block logins | $(mib "$rss_block1") MiB | ≤ 64 MiB | $(verdict "$(mib "$rss_block1")" 64 '<=') |"
  echo "| VmRSS growth from $block to $((2 * block)) logins | $flat_kib KiB | flat (≤ 1 MiB) | $(verdict "$flat_kib" 1024 '<=') |"
  echo "| checks/s disturbed / undisturbed (mean of $rounds rounds) | $r_mean | ≥ 0.90 | $(verdict "$r_mean" 0.90 '>=') |"
  echo "| same, worst single round | $worst | ≥ 0.90 | $(verdict "$worst" 0.90 '>=') |"
  echo
  echo "## 1. POST /login latency on the Unix socket (no nginx)"
  echo
  echo "One keep-alive connection, sequential: one GET /login for a CSRF token, then $warm warm-up and $n measured"
  echo "POST /login (urlencoded, correct password, \`Origin\` and \`X-Forwarded-*\` as nginx would send); every"
  echo "answer checked to be 303 with the cookie. Time = request sent → full answer read, in the client."
  echo
  echo "| what (ms) | p50 | p90 | p99 | mean | max |"
  echo "|---|---|---|---|---|---|"
  row "local provider (compares username/password)" "$local_lat"
  row "fetch provider (POST to the user service on 127.0.0.1)" "$fetch_lat"
  row "user service alone: direct POST /check, new connection each (Python ThreadingHTTPServer)" "$direct_lat"
  row "client + socket floor: GET /health on the same kind of connection" "$floor"
  echo
  echo "The first login after start took $(json "$first" max_ms) ms (it loads JavaScriptCore)."
  echo "The fetch provider's cost beyond the local one is mostly the user service: p50 $(json "$fetch_lat" p50_ms) − $(json "$local_lat" p50_ms) ms"
  echo "vs the service's own $(json "$direct_lat" p50_ms) ms measured from Python (which adds its own client overhead)."
  echo
  echo "## 2. Sidecar VmRSS over logins"
  echo
  echo "| after | VmRSS |"
  echo "|---|---|"
  echo "| start (0.5 s after the socket answered, idle) | $rss_idle KiB ($(mib "$rss_idle") MiB) |"
  echo "| the first login | $rss_first KiB ($(mib "$rss_first") MiB) |"
  echo "| the latency runs ($done_logins logins: 1 + $((n + warm)) local + $((n + warm)) fetch) | $rss_after_latency KiB ($(mib "$rss_after_latency") MiB) |"
  while read -r count kib; do
    echo "| $count logins | $kib KiB ($(mib "$kib") MiB) |"
  done <<<"$series"
  echo "| the throughput runs below (incl. runaway scripts) | $rss_end KiB ($(mib "$rss_end") MiB) |"
  echo
  echo "Logins after the latency runs are local-provider logins, sequential on one connection."
  echo
  echo "## 3. Token checks through nginx, undisturbed vs a runaway provider in another tenant"
  echo
  echo "wrk -t$threads -c$connections, valid cookie, a static page protected by the repository's nginx snippets (auth_request →"
  echo "/auth_request on the sidecar's socket); ${warmup} s warm-up then ${duration} s measured; rounds interleaved ABBA"
  echo "(round 1 undisturbed first, round 2 disturbed first, …). Disturbed: $senders threads send logins to tenant"
  echo "\`bench-loop\` (\`while (true) {}\`) one after another through warm-up and measurement, each with its own"
  echo "X-Forwarded-For, so all $workers provider threads spin until SCRIPT_TIMEOUT=$script_timeout s ends each run and the next"
  echo "login is already queued. Sidecar CPU = (utime+stime) during the measured window / window length."
  echo
  echo "| round | phase | checks/s | p50 ms | p99 ms | sidecar CPU (% of a core) | logins to the loop tenant (status: count) |"
  echo "|---|---|---|---|---|---|---|"
  for ((round = 1; round <= rounds; round++)); do
    for phase in undisturbed disturbed; do
      echo "| $round | $phase | ${rps_of[$phase-$round]} | ${p50_of[$phase-$round]} | ${p99_of[$phase-$round]} | ${cpu_of[$phase-$round]} | $([[ $phase == disturbed ]] && echo "${stream_of[$round]}") |"
    done
  done
  echo
  echo "Mean checks/s: undisturbed $mean_u, disturbed $mean_d → **$r_mean**; per round: $per_round."
  echo "Provider runs that hit the timeout (sidecar log): $timeouts."
  echo
  echo "## Commands"
  echo
  echo '```'
  echo "${users_cmd[*]}   # user service; port $users_port"
  echo "sed s/@USERS_PORT@/$users_port/ bench/tenants/*.yaml → $tmp/tenants/"
  echo "JWT_SECRET=<48 random chars> SECURE=false SCRIPT_TIMEOUT=$script_timeout ${sidecar_cmd[*]}"
  echo "${client[*]} floor $sock $n"
  echo "${client[*]} latency $sock local.bench.test $user $password 1 0      # first login"
  echo "${client[*]} latency $sock local.bench.test $user $password $n $warm"
  echo "${client[*]} latency $sock fetch.bench.test $user $password $n $warm"
  echo "${client[*]} direct $users_port $n $warm"
  echo "${client[*]} logins $sock local.bench.test $user $password $((2 * block - done_logins)) <sidecar pid> $((block / 10)) $done_logins"
  echo "nginx -p $tmp -c $tmp/nginx.conf   # copy in out/bench/login-nginx.conf"
  echo "$bin token --tenants $tmp/tenants --tenant bench-local --user $user --sub user-bench --ttl 3600"
  echo "wrk -t$threads -c$connections -d${warmup}s -H 'Host: local.bench.test' -H 'Cookie: uitsmijter-sso=<token>' http://127.0.0.1:$port$page >/dev/null"
  echo "wrk -t$threads -c$connections -d${duration}s --latency -H 'Host: local.bench.test' -H 'Cookie: uitsmijter-sso=<token>' http://127.0.0.1:$port$page"
  echo "${client[*]} stream $sock loop.bench.test $((warmup + duration + 1)) $senders &   # disturbed runs only, 0.5 s before wrk"
  echo '```'
  echo
  echo "Raw wrk outputs: out/bench/login-wrk-PHASE-ROUND.txt; sidecar log: out/bench/login-sidecar.log."
} > "$out/login.md"
echo
cat "$out/login.md"
