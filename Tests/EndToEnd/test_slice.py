"""The vertical slice: the built sidecar on real sockets, behind a real nginx."""
import http.client
import os
import signal
import socket
import subprocess
import threading
import time

import pytest

from harness import BINARY, read_all, read_response, unix_answers, wait_until

HEALTH = b"GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"


def health(sidecar):
    """Status of /health on a fresh connection."""
    with sidecar.connect() as s:
        s.sendall(HEALTH)
        return read_response(s)[0]

UPSTREAM = """
upstream interceptor {{
    server unix:{socket};
    keepalive 32;
}}
"""

PROXY_HEALTH = """
location = /health {
    proxy_pass http://interceptor;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
}
"""


def nginx_get(port, path, connection=None):
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read(), connection


def test_health_through_nginx_over_unix_socket(start_sidecar, start_nginx):
    sidecar = start_sidecar()
    nginx = start_nginx(http=UPSTREAM.format(socket=sidecar.socket), server=PROXY_HEALTH)
    status, body, _ = nginx_get(nginx.port, "/health")
    assert (status, body) == (200, b"OK\n")


def test_nginx_reuses_upstream_connections(start_sidecar, start_nginx):
    sidecar = start_sidecar(env={"LOG_LEVEL": "debug"})
    nginx = start_nginx(http=UPSTREAM.format(socket=sidecar.socket), server=PROXY_HEALTH)
    connection = None
    for _ in range(200):
        status, _, connection = nginx_get(nginx.port, "/health", connection)
        assert status == 200
    accepted = sidecar.logs().count("msg=\"connection accepted\"")
    # Two nginx workers, one client connection: a handful of upstream connections, not 200.
    assert 1 <= accepted <= 4, sidecar.logs()


def test_keep_alive_and_pipelining_in_order(start_sidecar):
    sidecar = start_sidecar()
    with sidecar.connect() as s:
        s.sendall(HEALTH + b"GET /nope HTTP/1.1\r\nHost: x\r\n\r\n" + b"GET /health/ready HTTP/1.1\r\nHost: x\r\n\r\n")
        statuses = []
        rest = b""
        for _ in range(3):
            status, headers, body, rest = read_response(s, rest)
            statuses.append(status)
        assert rest == b""
        assert statuses == [200, 404, 200]
        s.sendall(HEALTH)  # the same connection is still open
        assert read_response(s)[0] == 200


def test_http10_closes_unless_keep_alive(start_sidecar):
    sidecar = start_sidecar()
    response = sidecar.request(b"GET /health HTTP/1.0\r\n\r\n")
    assert response.startswith(b"HTTP/1.1 200 ")
    assert b"\r\nConnection: close\r\n" in response
    with sidecar.connect() as s:
        s.sendall(b"GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        status, headers, _, _ = read_response(s)
        assert status == 200 and headers["connection"] == ["keep-alive"]


@pytest.mark.parametrize("raw, status", [
    (b"GET /health HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
    (b"GET /health HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", 400),
    (b"GET /health HTTP/1.1\nHost: a\n\n", 400),
    (b"GET /health HTTP/2.0\r\nHost: a\r\n\r\n", 505),
    (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: a\r\n\r\n", 414),
    (b"GET /health HTTP/1.1\r\nHost: a\r\n" + b"X-A: b\r\n" * 101 + b"\r\n", 431),
    (b"POST /login HTTP/1.1\r\nHost: a\r\nContent-Length: 999999\r\n\r\n", 413),
    (b"POST /login HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
], ids=["cl-and-te", "obs-fold", "bare-lf", "http2", "long-line", "101-fields", "big-body", "gzip"])
def test_bad_requests_get_their_status_and_a_closed_connection(start_sidecar, raw, status):
    sidecar = start_sidecar()
    response = sidecar.request(raw)  # returns only once the sidecar closed the connection
    assert response.startswith(f"HTTP/1.1 {status} ".encode()), response[:200]
    assert b"\r\nConnection: close\r\n" in response
    assert health(sidecar) == 200  # and the process lives on


def test_slow_and_idle_clients_are_cut_off(start_sidecar):
    sidecar = start_sidecar(args=("--header-timeout", "0.5", "--idle-timeout", "1"))
    with sidecar.connect() as slow, sidecar.connect() as idle:
        slow.sendall(b"GET /health HTTP/1.1\r\nHost: a\r\n")
        started = time.monotonic()
        response = read_all(slow)
        assert response.startswith(b"HTTP/1.1 408 "), response
        assert time.monotonic() - started < 4
        idle.sendall(HEALTH)
        assert read_response(idle)[0] == 200
        assert read_all(idle) == b""  # closed by the sidecar after the idle timeout


def test_full_connection_table_closes_new_connections_at_once(start_sidecar):
    sidecar = start_sidecar(args=("--max-connections", "4", "--workers", "1"))
    held = [sidecar.connect() for _ in range(4)]
    try:
        with sidecar.connect() as extra:
            assert read_all(extra) == b""  # closed at once, nothing answered
        held[0].sendall(HEALTH)  # connections below the limit are still served
        assert read_response(held[0])[0] == 200
    finally:
        for s in held:
            s.close()
    wait_until(lambda: health(sidecar) == 200, what="slot freed")


def test_sigterm_finishes_requests_in_flight(start_sidecar):
    sidecar = start_sidecar(args=("--workers", "2"))
    connections = [sidecar.connect() for _ in range(20)]
    for s in connections:
        s.sendall(b"GET /health HTTP/1.1\r\nHost: a\r\n")  # head not finished yet
    idle = sidecar.connect()
    time.sleep(0.2)
    sidecar.signal(signal.SIGTERM)
    assert read_all(idle) == b""  # idle connections are closed at once
    wait_until(lambda: not unix_answers(sidecar.socket), what="listener closed")
    assert sidecar.process.poll() is None  # still draining
    for s in connections:
        s.sendall(b"\r\n")
    for s in connections:
        status, headers, body, _ = read_response(s)
        assert (status, body, headers["connection"]) == (200, b"OK\n", ["close"])
        s.close()
    assert sidecar.stop() == 0
    assert not sidecar.socket.exists()


def test_sigterm_under_load_through_nginx_loses_nothing_accepted(start_sidecar, start_nginx):
    sidecar = start_sidecar()
    nginx = start_nginx(http=UPSTREAM.format(socket=sidecar.socket), server=PROXY_HEALTH)
    statuses = []
    stop = threading.Event()

    def client():
        connection = None
        while not stop.is_set():
            try:
                status, _, connection = nginx_get(nginx.port, "/health", connection)
            except (OSError, http.client.HTTPException):
                connection = None
                continue
            statuses.append(status)

    threads = [threading.Thread(target=client) for _ in range(4)]
    for thread in threads:
        thread.start()
    wait_until(lambda: len(statuses) > 200, what="load")
    sidecar.signal(signal.SIGTERM)
    assert sidecar.process.wait(15) == 0
    time.sleep(0.2)
    stop.set()
    for thread in threads:
        thread.join()
    # Every request either reached the sidecar and was answered, or found it gone (502).
    assert set(statuses) <= {200, 502}, set(statuses)
    assert statuses.count(200) > 200
    assert "drain timeout" not in sidecar.logs()


def test_command_line(tmp_path):
    run = lambda *args, **kw: subprocess.run([str(BINARY), *args], capture_output=True, text=True, timeout=10, **kw)
    assert run("--help").returncode == 0 and "usage:" in run("--help").stdout
    assert run("--version").stdout.startswith("interceptor ")
    unknown = run("--frobnicate")
    assert unknown.returncode == 2 and "unknown option \"--frobnicate\"" in unknown.stderr
    assert run("serve", "--listen", "http://x").returncode == 2
    blocker = tmp_path / "file"
    blocker.write_text("x")
    failed = run("serve", "--listen", f"unix:{blocker}", env={**os.environ, "JWT_SECRET": "x" * 32})
    assert failed.returncode == 1
    errors = [line for line in failed.stderr.splitlines() if " level=" not in line]  # logs aside
    assert len(errors) == 1 and "is not a socket" in errors[0], failed.stderr


def test_stale_socket_is_replaced_but_a_live_one_is_not(tmp_path, start_sidecar):
    stale = tmp_path / "interceptor.sock"
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(stale))
    s.close()  # the file stays, nothing answers
    sidecar = start_sidecar()
    assert health(sidecar) == 200
    assert oct(stale.stat().st_mode & 0o777) == "0o660"
    second = subprocess.run([str(BINARY), "serve", "--listen", f"unix:{stale}"], capture_output=True, text=True,
                            timeout=10, env={**os.environ, "JWT_SECRET": "x" * 32})
    assert second.returncode == 1 and "in use" in second.stderr


def test_socket_activation_with_names_and_notify(tmp_path):
    auth = tmp_path / "auth.sock"
    metrics = tmp_path / "metrics.sock"
    notify_path = tmp_path / "notify.sock"
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(str(notify_path))
    notify.settimeout(10)
    env = {**os.environ, "NOTIFY_SOCKET": str(notify_path), "JWT_SECRET": "x" * 32}
    process = subprocess.Popen(["systemd-socket-activate", "-l", str(auth), "-l", str(metrics),
                                "--fdname=auth:metrics", "-E", "NOTIFY_SOCKET", "-E", "JWT_SECRET", "-E", "TENANTS_DIR",
                                str(BINARY), "serve", "--listen", f"unix:{tmp_path}/unused.sock"],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until(lambda: auth.exists() and metrics.exists(), what="activation sockets")

        def ask(path, raw):
            with socket.socket(socket.AF_UNIX) as s:
                s.settimeout(5)
                s.connect(str(path))
                s.sendall(raw)
                return read_response(s)[0]

        assert ask(auth, HEALTH) == 200  # the first connection starts the sidecar
        assert b"READY=1" in notify.recv(4096)
        assert ask(metrics, HEALTH) == 200
        assert ask(metrics, b"GET /auth_request HTTP/1.1\r\nHost: a\r\n\r\n") == 404
        assert not (tmp_path / "unused.sock").exists()  # bound nothing else
        process.send_signal(signal.SIGTERM)
        assert process.wait(15) == 0
        messages = b""
        while b"STOPPING=1" not in messages:
            messages += notify.recv(4096)
    finally:
        if process.poll() is None:
            process.kill()
        notify.close()


def test_head_gets_the_head_without_a_body(start_sidecar):
    sidecar = start_sidecar()
    with sidecar.connect() as s:
        s.sendall(b"HEAD /health HTTP/1.1\r\nHost: a\r\n\r\n" + HEALTH)
        data = b""
        while data.count(b"HTTP/1.1 200 OK") < 2 or not data.endswith(b"OK\n"):
            chunk = s.recv(4096)
            assert chunk, data
            data += chunk
        first, second = data.split(b"HTTP/1.1 200 OK")[1:]
        assert b"Content-Length: 3\r\n" in first and first.endswith(b"\r\n\r\n")  # no body after the head
        assert second.endswith(b"\r\n\r\nOK\n")
