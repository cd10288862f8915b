#!/usr/bin/env bash
# `make demo`: the sidecar behind nginx on http://localhost:8080 with the demo tenant.
#   scripts/demo.sh start | stop
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/out/demo
bin=$root/.build/release/interceptor

stop() {
  for name in nginx sidecar upstream; do
    if [[ -f $out/$name.pid ]]; then
      kill "$(cat "$out/$name.pid")" 2>/dev/null || true
      rm -f "$out/$name.pid"
    fi
  done
}

start() {
  stop
  mkdir -p "$out/nginx"
  rm -rf "$out/tenants" && cp -r "$root/demo/tenants" "$out/tenants"
  [[ -s $out/jwt_secret ]] || (umask 077 && head -c 32 /dev/urandom | base64 > "$out/jwt_secret")

  python3 "$root/demo/upstream.py" 8081 >"$out/upstream.log" 2>&1 & echo $! > "$out/upstream.pid"

  SECURE=false "$bin" serve --listen "unix:$out/interceptor.sock" --tenants "$out/tenants" \
    --secret-file "$out/jwt_secret" >"$out/sidecar.log" 2>&1 & echo $! > "$out/sidecar.pid"
  for _ in $(seq 50); do [[ -S $out/interceptor.sock ]] && break; sleep 0.1; done

  sed "s|/run/interceptor/interceptor.sock|$out/interceptor.sock|" "$root/nginx/interceptor-upstream.conf" > "$out/nginx/upstream.conf"
  cp "$root/nginx/interceptor-server.conf" "$root/nginx/interceptor-protect.conf" "$out/nginx/"
  cat > "$out/nginx/nginx.conf" <<CONF
daemon off;
user root root;
worker_processes 2;
pid $out/nginx.pid;
error_log $out/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $out/nginx/body;
    proxy_temp_path $out/nginx/proxy;
    include $out/nginx/upstream.conf;
    server {
        listen 127.0.0.1:8080;
        server_name localhost;
        include $out/nginx/interceptor-server.conf;
        location / {
            include $out/nginx/interceptor-protect.conf;
            proxy_pass http://127.0.0.1:8081;
        }
    }
}
CONF
  nginx -p "$out/nginx" -c "$out/nginx/nginx.conf" -e "$out/nginx-error.log" >/dev/null 2>&1 &
  for _ in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:8080/health 2>/dev/null && break; sleep 0.1; done

  token=$(JWT_SECRET= SECURE=false "$bin" token --secret-file "$out/jwt_secret" --tenants "$out/tenants" \
          --tenant demo --user demo@example.com --role demo --ttl 3600)
  cat <<TEXT

  The sidecar runs behind nginx:  http://localhost:8080/
  Log in with  demo@example.com / demo  (the demo tenant's JavaScript provider decides).

  Without a login nginx redirects to the login page:
    curl -si http://localhost:8080/ | head -3
  With a token made by 'interceptor token' it lets you through:
    curl -s -H 'Cookie: uitsmijter-sso=$token' http://localhost:8080/

  Logs: $out/sidecar.log   Stop: make demo-stop
TEXT
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
