"""Metrics, check-config, and reloading tenants (SIGHUP, inotify) on the real binary."""
import os
import re
import shutil
import signal
import subprocess
import time

import pytest

from harness import BINARY, SECRET, TENANTS, claims_for, make_token, read_response, wait_until


def ask(sidecar, path, host="shop.example.net", cookie=None):
    with sidecar.connect() as s:
        headers = f"GET {path} HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Host: {host}\r\nAccept: text/html\r\n"
        if cookie:
            headers += f"Cookie: uitsmijter-sso={cookie}\r\n"
        s.sendall((headers + "\r\n").encode())
        status, headers, body, _ = read_response(s)
        return status, headers, body


def metrics(sidecar):
    status, headers, body = ask(sidecar, "/metrics")
    assert status == 200 and headers["content-type"] == ["text/plain; version=0.0.4; charset=utf-8"]
    return body.decode()


def sample(text, name, **labels):
    for line in text.splitlines():
        if line.startswith(name + "{") or line.startswith(name + " "):
            found = dict(re.findall(r'(\w+)="([^"]*)"', line.split("}")[0])) if "{" in line else {}
            if found == labels:
                return float(line.rsplit(" ", 1)[1])
    return None


def test_metrics_count_checks_and_pass_promtool(tmp_path, start_sidecar):
    sidecar = start_sidecar(args=("--tenants", str(TENANTS)))
    token = make_token(claims_for())
    for _ in range(3):
        assert ask(sidecar, "/auth_request", cookie=token)[0] == 200
    assert ask(sidecar, "/auth_request", host="x.apps.example.net")[0] == 401
    assert ask(sidecar, "/auth_request", host="random-1.example.com")[0] == 403
    assert ask(sidecar, "/auth_request", host="random-2.example.com")[0] == 403
    assert ask(sidecar, "/auth_request", host="blog.example.org")[0] == 403
    text = metrics(sidecar)
    assert sample(text, "uitsmijter_interceptor_success", requested_host="shop.example.net", tenant="shop") == 3
    assert sample(text, "uitsmijter_interceptor_failure", requested_host="*.apps.example.net", tenant="shop",
                  reason="INVALID_TOKEN") == 1
    assert sample(text, "uitsmijter_interceptor_failure", requested_host="unknown", tenant="unknown",
                  reason="NO_TENANT") == 2
    assert sample(text, "uitsmijter_interceptor_failure", requested_host="blog.example.org", tenant="web/blog",
                  reason="TENANT_NOT_ALLOWED") == 1
    assert sample(text, "uitsmijter_tenants_count") == 2
    assert sample(text, "interceptor_request_duration_seconds_count", endpoint="auth_request") == 7
    assert "random-1" not in text  # unknown hosts never become label values
    assert sample(text, "process_resident_memory_bytes") > 1e6
    assert sample(text, "interceptor_connections") >= 1
    (tmp_path / "metrics.prom").write_text(text)
    check = subprocess.run(["promtool", "check", "metrics"], input=text, capture_output=True, text=True)
    complaints = [line for line in (check.stdout + check.stderr).splitlines() if line.strip()]
    allowed = re.compile(r'^uitsmijter_\w+ (counter metrics should have "_total" suffix'
                         r'|non-histogram and non-summary metrics should not have "_count" suffix)$')
    assert all(allowed.match(line) for line in complaints), complaints


def test_check_config_reports_every_problem_with_position(tmp_path):
    good = subprocess.run([str(BINARY), "check-config", "--tenants", str(TENANTS)], capture_output=True, text=True)
    assert good.returncode == 0, good.stdout
    assert "2 tenants, 0 errors" in good.stdout
    broken = tmp_path / "tenants"
    broken.mkdir()
    (broken / "bad.yaml").write_text("name: bad\nconfig:\n  hosts: ['*.']\n  interceptor: { enabled: maybe }\n"
                                     "  providers:\n    - |\n      class UserLoginProvider { constructor( {\n")
    (broken / ".hidden.yaml").write_text("not: [valid")
    result = subprocess.run([str(BINARY), "check-config", "--tenants", str(broken)], capture_output=True, text=True)
    assert result.returncode == 78
    lines = result.stdout.splitlines()
    assert any(re.match(rf"{re.escape(str(broken))}/bad\.yaml:3:\d+: .*hosts\[0\]", line) for line in lines), lines
    assert any(re.match(rf"{re.escape(str(broken))}/bad\.yaml:4:\d+: .*enabled", line) for line in lines), lines
    missing = subprocess.run([str(BINARY), "check-config", "--tenants", str(tmp_path / "nope")],
                             capture_output=True, text=True)
    assert missing.returncode == 78 and "does not exist" in missing.stdout


def test_serve_refuses_to_start_without_secret_or_with_broken_tenants(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "JWT_SECRET"}
    no_secret = subprocess.run([str(BINARY), "serve", "--listen", f"unix:{tmp_path}/a.sock", "--tenants", str(TENANTS)],
                               env=env, capture_output=True, text=True, timeout=10)
    assert no_secret.returncode == 78 and "JWT_SECRET" in no_secret.stderr
    broken = tmp_path / "tenants"
    broken.mkdir()
    (broken / "bad.yaml").write_text("name: bad\nconfig: {}\n")
    result = subprocess.run([str(BINARY), "serve", "--listen", f"unix:{tmp_path}/a.sock", "--tenants", str(broken)],
                            env={**env, "JWT_SECRET": SECRET}, capture_output=True, text=True, timeout=10)
    assert result.returncode == 78 and "bad.yaml" in result.stderr


def test_reload_on_change_and_sighup_keeps_old_config_on_error(tmp_path, start_sidecar):
    tenants = tmp_path / "tenants"
    shutil.copytree(TENANTS, tenants)
    sidecar = start_sidecar(args=("--tenants", str(tenants)))
    assert ask(sidecar, "/auth_request", host="new.example.com")[0] == 403
    (tenants / "new.yaml").write_text("name: new\nconfig:\n  hosts: [new.example.com]\n  providers: []\n")
    wait_until(lambda: ask(sidecar, "/auth_request", host="new.example.com")[0] == 401, what="inotify reload")
    # A broken file: the reload fails, the previous tenants stay in force.
    (tenants / "broken.yaml").write_text("name: broken\nconfig:\n  hosts: [shop.example.net]\n  providers: []\n")
    wait_until(lambda: sample(metrics(sidecar), "interceptor_config_reload_total", result="failure") == 1,
               what="failed reload")
    assert ask(sidecar, "/auth_request", host="new.example.com")[0] == 401
    assert ask(sidecar, "/auth_request", cookie=make_token(claims_for()))[0] == 200
    assert "broken.yaml" in sidecar.logs() and "keeping the previous configuration" in sidecar.logs()
    (tenants / "broken.yaml").unlink()
    (tenants / "new.yaml").unlink()
    wait_until(lambda: ask(sidecar, "/auth_request", host="new.example.com")[0] == 403, what="reload after fix")
    # SIGHUP reloads too (and counts as a success).
    before = sample(metrics(sidecar), "interceptor_config_reload_total", result="success")
    sidecar.signal(signal.SIGHUP)
    wait_until(lambda: sample(metrics(sidecar), "interceptor_config_reload_total", result="success") == before + 1,
               what="SIGHUP reload")
    assert sidecar.process.poll() is None


def test_provider_syntax_errors_are_configuration_errors(tmp_path, start_sidecar):
    tenants = tmp_path / "tenants"
    shutil.copytree(TENANTS, tenants)
    shop = tenants / "shop.yaml"
    good = shop.read_text()
    shop.write_text(good.replace("class UserLoginProvider {", "class UserLoginProvider { constructor( {"))
    env = {**os.environ, "JWT_SECRET": SECRET}
    started = subprocess.run([str(BINARY), "serve", "--listen", f"unix:{tmp_path}/a.sock", "--tenants", str(tenants)],
                             env=env, capture_output=True, text=True, timeout=20)
    assert started.returncode == 78
    assert re.search(r'tenant "shop": provider script line 2: SyntaxError', started.stderr), started.stderr
    checked = subprocess.run([str(BINARY), "check-config", "--tenants", str(tenants)], capture_output=True, text=True)
    assert checked.returncode == 78 and 'tenant "shop": provider script line 2' in checked.stdout
    # While serving, a reload with a broken script keeps the previous configuration.
    shop.write_text(good)
    sidecar = start_sidecar(args=("--tenants", str(tenants)))
    shop.write_text(good.replace("get canLogin()", "get canLogin( {"))
    wait_until(lambda: sample(metrics(sidecar), "interceptor_config_reload_total", result="failure") == 1,
               what="failed reload")
    assert "SyntaxError" in sidecar.logs()
    assert ask(sidecar, "/auth_request", cookie=make_token(claims_for()))[0] == 200


def test_sighup_reloads_the_secret_file(tmp_path, start_sidecar):
    secret_file = tmp_path / "jwt_secret"
    first, second = "first-secret-of-sufficient-length-0123456789", "second-secret-of-sufficient-length-0123456789"
    secret_file.write_text(first + "\n")
    sidecar = start_sidecar(args=("--tenants", str(TENANTS), "--secret-file", str(secret_file)),
                            env={"JWT_SECRET": ""})
    old, new = make_token(claims_for(), secret=first), make_token(claims_for(), secret=second)
    assert ask(sidecar, "/auth_request", cookie=old)[0] == 200
    assert ask(sidecar, "/auth_request", cookie=new)[0] == 401
    secret_file.write_text(second + "\n")
    sidecar.signal(signal.SIGHUP)
    wait_until(lambda: ask(sidecar, "/auth_request", cookie=new)[0] == 200, what="new secret in force")
    assert ask(sidecar, "/auth_request", cookie=old)[0] == 401
    assert first not in sidecar.logs() and second not in sidecar.logs()  # secrets are never logged


def test_websocket_checks_are_answered_like_any_request_and_never_upgrade(start_sidecar):
    sidecar = start_sidecar(args=("--tenants", str(TENANTS)))
    token = make_token(claims_for())
    raw = ("GET /auth_request HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Host: shop.example.net\r\n"
           "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
           f"Sec-WebSocket-Version: 13\r\nCookie: uitsmijter-sso={token}\r\n\r\n").encode()
    with sidecar.connect() as s:
        s.sendall(raw + raw)
        first = read_response(s)
        second = read_response(s, first[3])
    for status, headers, body, _ in (first, second):
        assert status == 200 and body == b"" and "upgrade" not in headers
        assert headers["authorization"] == [f"Bearer {token}"]
