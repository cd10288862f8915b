"""Processes and sockets for the end-to-end tests: the built sidecar, a real nginx, raw HTTP."""
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BINARY = ROOT / ".build" / "release" / "interceptor"
SECRET = "end-to-end-secret-that-is-long-enough-0123456789"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout=10.0, interval=0.02, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}")


def unix_answers(path):
    try:
        with socket.socket(socket.AF_UNIX) as s:
            s.connect(str(path))
        return True
    except OSError:
        return False


def tcp_answers(port, host="127.0.0.1"):
    try:
        with socket.create_connection((host, port), timeout=0.2):
            return True
    except OSError:
        return False


class Sidecar:
    """The built `interceptor serve`, listening on a Unix socket in a temp dir."""

    def __init__(self, tmp, args=(), env=None, socket_name="interceptor.sock", wait=True):
        self.tmp = Path(tmp)
        self.socket = self.tmp / socket_name
        self.log_path = self.tmp / f"sidecar-{time.monotonic_ns()}.log"
        environment = {k: v for k, v in os.environ.items() if k not in ("NOTIFY_SOCKET", "LISTEN_FDS", "LISTEN_PID")}
        environment.setdefault("JWT_SECRET", SECRET)
        environment.update(env or {})
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen([str(BINARY), "serve", "--listen", f"unix:{self.socket}", *args],
                                        env=environment, stdout=self.log, stderr=subprocess.STDOUT)
        if wait:
            wait_until(lambda: unix_answers(self.socket) or self.process.poll() is not None, what="sidecar socket")
            assert self.process.poll() is None, f"sidecar exited: {self.logs()}"

    def logs(self):
        self.log.flush()
        return self.log_path.read_text(errors="replace")

    def signal(self, number):
        self.process.send_signal(number)

    def stop(self, timeout=15):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout)
        self.log.close()
        return code

    def connect(self):
        s = socket.socket(socket.AF_UNIX)
        s.settimeout(5)
        s.connect(str(self.socket))
        return s

    def request(self, raw):
        """Sends raw bytes on a fresh connection and reads until the sidecar closes it."""
        with self.connect() as s:
            s.sendall(raw)
            return read_all(s)


def read_all(s):
    chunks = []
    while True:
        try:
            data = s.recv(65536)
        except ConnectionResetError:
            break
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks)


def read_response(s, data=b""):
    """Reads one response (head + Content-Length body) from a socket, starting with the
    already received `data`; returns status, headers, body and the bytes after it."""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(65536)
        if not chunk:
            raise AssertionError(f"connection closed before a full response: {data!r}")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    length = int(headers.get("content-length", ["0"])[0])
    while len(rest) < length:
        chunk = s.recv(65536)
        if not chunk:
            break
        rest += chunk
    return status, headers, rest[:length], rest[length:]


NGINX_MAIN = """
daemon off;
master_process on;
worker_processes 2;
user root root;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    {http}
    server {{
        listen 127.0.0.1:{port} reuseport;
        server_name localhost;
        {server}
    }}
}}
"""


class Nginx:
    """A real nginx on a loopback port, its config rendered into the temp dir."""

    def __init__(self, tmp, http="", server="", port=None):
        self.tmp = Path(tmp)
        self.port = port or free_port()
        (self.tmp / "www").mkdir(exist_ok=True)
        self.conf = self.tmp / "nginx.conf"
        self.conf.write_text(NGINX_MAIN.format(tmp=self.tmp, port=self.port, http=http, server=server))
        self.process = subprocess.Popen(["nginx", "-p", str(self.tmp), "-c", str(self.conf), "-e", str(self.tmp / "nginx-error.log")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        wait_until(lambda: tcp_answers(self.port) or self.process.poll() is not None, what="nginx port")
        assert self.process.poll() is None, (self.tmp / "nginx-error.log").read_text()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def errors(self):
        return (self.tmp / "nginx-error.log").read_text(errors="replace")


TENANTS = ROOT / "Tests" / "EndToEnd" / "tenants"
SNIPPETS = ROOT / "nginx"
DEFAULT_SOCKET = "/run/interceptor/interceptor.sock"


def render_snippets(tmp, socket_path):
    """The repository's nginx snippets, pointed at the test's socket."""
    paths = {}
    for name in ("interceptor-upstream.conf", "interceptor-server.conf", "interceptor-protect.conf"):
        text = (SNIPPETS / name).read_text().replace(DEFAULT_SOCKET, str(socket_path))
        path = Path(tmp) / name
        path.write_text(text)
        paths[name] = path
    return paths


def protected_nginx(tmp, sidecar, upstream_port, extra_server=""):
    """nginx protecting everything under / with the repository's snippets, in front of `upstream_port`."""
    snippets = render_snippets(tmp, sidecar.socket)
    return Nginx(tmp,
                 http=f"include {snippets['interceptor-upstream.conf']};",
                 server=f"""
        include {snippets['interceptor-server.conf']};
        location / {{
            include {snippets['interceptor-protect.conf']};
            proxy_pass http://127.0.0.1:{upstream_port};
        }}
        {extra_server}
""")


class Caddy:
    """A real Caddy with forward_auth to the sidecar's Unix socket."""

    def __init__(self, tmp, sidecar, upstream_port, uri="/interceptor"):
        self.tmp = Path(tmp)
        self.port = free_port()
        self.config = self.tmp / "Caddyfile"
        self.config.write_text(f"""
{{
    admin off
    auto_https off
}}
http://:{self.port} {{
    forward_auth unix/{sidecar.socket} {{
        uri {uri}
        copy_headers Authorization Remote-User
    }}
    reverse_proxy 127.0.0.1:{upstream_port}
}}
""")
        env = {**os.environ, "HOME": str(self.tmp), "XDG_DATA_HOME": str(self.tmp / "data"),
               "XDG_CONFIG_HOME": str(self.tmp / "config")}
        self.log = open(self.tmp / "caddy.log", "wb")
        self.process = subprocess.Popen(["caddy", "run", "--config", str(self.config), "--adapter", "caddyfile"],
                                        env=env, stdout=self.log, stderr=subprocess.STDOUT)
        wait_until(lambda: tcp_answers(self.port) or self.process.poll() is not None, what="caddy port")
        assert self.process.poll() is None, (self.tmp / "caddy.log").read_text()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


def make_token(claims, secret=SECRET):
    import jwt
    return jwt.encode(claims, secret, algorithm="HS256")


def responsibility(name):
    import hashlib
    return hashlib.sha1(name.encode()).hexdigest()


def claims_for(tenant="shop", name="shop", user="alice@example.net", iat=None, exp=None, **extra):
    now = int(time.time())
    iat = now if iat is None else iat
    claims = {"iss": "https://login.example.net", "sub": "user-alice", "aud": "unknown",
              "exp": exp if exp is not None else now + 3600, "iat": iat, "auth_time": iat,
              "tenant": tenant, "role": "customer", "user": user, "scope": "",
              "responsibility": responsibility(name)}
    claims.update(extra)
    return claims
