# Shared by scripts/bench.sh and bench/login.sh (sourced): a private temp dir, the processes
# started (stopped on exit), and small waits. Set `bench_name` before sourcing; `die` uses it.
die() { echo "$bench_name: $*" >&2; exit 1; }

# Sockets and nginx's runtime files live in a short private temp dir (socket paths ≤ 108 bytes).
tmp=$(mktemp -d "/tmp/$bench_name.XXXXXX")
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for() {  # wait_for SECONDS COMMAND...: polls every 0.05 s
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do ((SECONDS < deadline)) || return 1; sleep 0.05; done
}
socket_answers() { python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])' "$1" 2>/dev/null; }
port_answers() { curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/" 2>/dev/null; }
stop_pid() {  # stop_pid PID: TERM, wait, forget
  local pid=$1 kept=() p
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for p in "${pids[@]}"; do [[ $p == "$pid" ]] || kept+=("$p"); done
  pids=("${kept[@]}")
}
