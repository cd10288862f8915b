#!/usr/bin/env python3
"""Raw-HTTP helpers for bench/login.sh: logins straight on the sidecar's Unix socket (the
headers nginx's /login location would add), a stand-in user service for `fetch`
providers, and the timers around them. Every loop is bounded by a count or a deadline.

  login_client.py latency SOCKET HOST USER PASSWORD N WARMUP
        one keep-alive connection; GET /login?for=http://HOST/ once for a CSRF token, then
        WARMUP + N sequential POST /login; every answer must be 303 + Set-Cookie;
        prints JSON {n, p50_ms, p90_ms, p99_ms, mean_ms, min_ms, max_ms}
  login_client.py floor SOCKET N
        N sequential GET /health on one keep-alive connection: what this client and the
        socket hop cost without any login work (prints the same JSON)
  login_client.py logins SOCKET HOST USER PASSWORD N PID EVERY [BEFORE]
        N sequential successful logins; prints "total rss_kib" every EVERY logins (VmRSS of
        PID; total counts BEFORE logins done earlier)
  login_client.py stream SOCKET HOST SECONDS CONCURRENCY
        CONCURRENCY threads, each sending logins one after another for SECONDS (the last ones
        may finish later, by at most the sidecar's script timeout), each with its own
        X-Forwarded-For; prints JSON {status: count, ...}
  login_client.py users PORT_FILE LIFETIME
        a ThreadingHTTPServer on 127.0.0.1:0 (port written to PORT_FILE): POST /check with
        JSON {username, password} answers 200 {"id": ...} for bench@example.net/bench, else
        401; exits after LIFETIME seconds at most
  login_client.py direct PORT N WARMUP
        WARMUP + N sequential POST /check to that server, a new connection each
        (Connection: close), as the sidecar's fetch does; prints the same JSON
"""
import http.client
import http.server
import json
import os
import re
import socket
import sys
import threading
import time
import urllib.parse

USER, PASSWORD = "bench@example.net", "bench"


def percentile(sorted_values, fraction):
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, -(-len(sorted_values) * fraction // 1))  # ceil
    return sorted_values[int(rank) - 1]


def summary(seconds):
    values = sorted(v * 1000 for v in seconds)
    return {"n": len(values), "p50_ms": round(percentile(values, 0.50), 3),
            "p90_ms": round(percentile(values, 0.90), 3), "p99_ms": round(percentile(values, 0.99), 3),
            "mean_ms": round(sum(values) / len(values), 3), "min_ms": round(values[0], 3),
            "max_ms": round(values[-1], 3)}


class Closed(Exception):
    pass


class UnixHTTP:
    """One keep-alive HTTP/1.1 connection to a Unix socket; reconnects when the server closes."""

    def __init__(self, path, timeout=30):
        self.path, self.timeout, self.sock, self.rest = path, timeout, None, b""

    def connect(self):
        self.close()
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.path)
        self.rest = b""

    def close(self):
        if self.sock is not None:
            self.sock.close()
        self.sock = None

    def exchange(self, raw):
        """Sends one request, returns (status, headers{lower: [values]}, body)."""
        for attempt in (1, 2):
            if self.sock is None:
                self.connect()
            try:
                self.sock.sendall(raw)
                status, headers, body = self.read()
            except (Closed, BrokenPipeError, ConnectionResetError):
                self.close()
                if attempt == 2:
                    raise
                continue
            connection = ",".join(headers.get("connection", [])).lower()
            if "close" in connection:
                self.close()
            return status, headers, body
        raise Closed("unreachable")

    def recv(self):
        chunk = self.sock.recv(1 << 16)
        if not chunk:
            raise Closed("connection closed by the server")
        self.rest += chunk

    def read(self):
        while b"\r\n\r\n" not in self.rest:
            self.recv()
        head, _, self.rest = self.rest.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers.setdefault(name.strip().lower(), []).append(value.strip())
        length = int(headers.get("content-length", ["0"])[0])
        while len(self.rest) < length:
            self.recv()
        body, self.rest = self.rest[:length], self.rest[length:]
        return status, headers, body


def forwarded(host, client):
    return (f"Host: localhost\r\nX-Forwarded-For: {client}\r\nX-Forwarded-Proto: http\r\n"
            f"X-Forwarded-Host: {host}\r\n")


def get_form(conn, host, client="192.0.2.1"):
    target = f"http://{host}/"
    path = "/login?" + urllib.parse.urlencode({"for": target, "mode": "interceptor"})
    raw = (f"GET {path} HTTP/1.1\r\n{forwarded(host, client)}X-Forwarded-Uri: {path}\r\n"
           "X-Forwarded-Method: GET\r\nAccept: text/html\r\n\r\n").encode()
    status, _, body = conn.exchange(raw)
    if status != 200:
        raise SystemExit(f"GET /login for {host}: {status}")
    page = body.decode(errors="replace")
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
    if not {"location", "mode", "csrf"} <= fields.keys():
        raise SystemExit(f"GET /login for {host}: no location/mode/csrf in the page")
    import html
    return {k: html.unescape(v) for k, v in fields.items()}


def login_request(host, fields, username, password, client="192.0.2.1"):
    body = urllib.parse.urlencode({**fields, "username": username, "password": password}).encode()
    return (f"POST /login HTTP/1.1\r\n{forwarded(host, client)}X-Forwarded-Uri: /login\r\n"
            f"X-Forwarded-Method: POST\r\nOrigin: http://{host}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body


def expect_success(status, headers, what):
    if status != 303 or not any(c.startswith("uitsmijter-sso=") for c in headers.get("set-cookie", [])):
        raise SystemExit(f"{what}: expected 303 with the cookie, got {status}")


def latency(path, host, username, password, n, warmup):
    conn = UnixHTTP(path)
    fields = get_form(conn, host)
    raw = login_request(host, fields, username, password)
    times = []
    for i in range(warmup + n):
        start = time.perf_counter()
        status, headers, _ = conn.exchange(raw)
        elapsed = time.perf_counter() - start
        expect_success(status, headers, f"login {i + 1} on {host}")
        if i >= warmup:
            times.append(elapsed)
    conn.close()
    print(json.dumps(summary(times)))


def floor(path, n):
    conn = UnixHTTP(path)
    raw = b"GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"
    times = []
    for i in range(100 + n):
        start = time.perf_counter()
        status, _, _ = conn.exchange(raw)
        elapsed = time.perf_counter() - start
        if status != 200:
            raise SystemExit(f"/health: {status}")
        if i >= 100:
            times.append(elapsed)
    conn.close()
    print(json.dumps(summary(times)))


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise SystemExit(f"no VmRSS for {pid}")


def logins(path, host, username, password, n, pid, every, before=0):
    conn = UnixHTTP(path)
    fields = get_form(conn, host)
    raw = login_request(host, fields, username, password)
    for i in range(before + 1, before + n + 1):
        status, headers, _ = conn.exchange(raw)
        expect_success(status, headers, f"login {i} on {host}")
        if i % every == 0 or i == before + n:
            print(i, rss_kib(pid), flush=True)
    conn.close()


def stream(path, host, seconds, concurrency):
    deadline = time.monotonic() + seconds
    counts, lock = {}, threading.Lock()
    fields = get_form(UnixHTTP(path), host)

    def sender(index):
        conn = UnixHTTP(path, timeout=60)
        sent = 0
        while time.monotonic() < deadline:
            sent += 1
            # A different browser address per request: the per-address limit never applies
            # (and provider failures do not count as failed logins anyway).
            client = f"10.{index}.{sent // 250 % 250}.{sent % 250 + 1}"
            try:
                status, _, _ = conn.exchange(login_request(host, fields, "runaway@example.net", "x", client))
            except (Closed, OSError) as error:
                status = type(error).__name__
                conn.close()
                time.sleep(0.05)
            with lock:
                counts[str(status)] = counts.get(str(status), 0) + 1
        conn.close()

    threads = [threading.Thread(target=sender, args=(i,), daemon=True) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 90)
    print(json.dumps(counts), flush=True)


class Users(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        try:
            credentials = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            credentials = {}
        if credentials.get("username") == USER and credentials.get("password") == PASSWORD:
            status, body = 200, json.dumps({"id": "user-bench", "name": "Bench"}).encode()
        else:
            status, body = 401, b'{"error":"wrong credentials"}'
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def users(port_file, lifetime):
    http.server.ThreadingHTTPServer.daemon_threads = True
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Users)
    tmp = port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, port_file)
    threading.Timer(lifetime, server.shutdown).start()
    server.serve_forever(poll_interval=0.5)


def direct(port, n, warmup):
    body = json.dumps({"username": USER, "password": PASSWORD})
    times = []
    for i in range(warmup + n):
        start = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("POST", "/check", body=body, headers={"Connection": "close", "Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        conn.close()
        elapsed = time.perf_counter() - start
        if response.status != 200:
            raise SystemExit(f"user service: {response.status}")
        if i >= warmup:
            times.append(elapsed)
    print(json.dumps(summary(times)))


if __name__ == "__main__":
    args = sys.argv[1:]
    mode = args[0] if args else ""
    if mode == "latency":
        latency(args[1], args[2], args[3], args[4], int(args[5]), int(args[6]))
    elif mode == "floor":
        floor(args[1], int(args[2]))
    elif mode == "logins":
        logins(args[1], args[2], args[3], args[4], int(args[5]), int(args[6]), int(args[7]),
               int(args[8]) if len(args) > 8 else 0)
    elif mode == "stream":
        stream(args[1], args[2], float(args[3]), int(args[4]))
    elif mode == "users":
        users(args[1], float(args[2]))
    elif mode == "direct":
        direct(int(args[1]), int(args[2]), int(args[3]))
    else:
        raise SystemExit(__doc__)
