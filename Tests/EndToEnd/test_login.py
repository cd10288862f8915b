"""Login and logout through a real nginx with the repository's snippets, and providers that misbehave."""
import html
import http.client
import json
import re
import shutil
import threading
import time
import urllib.parse

import jwt
import pytest

from harness import SECRET, TENANTS, claims_for, make_token, protected_nginx

ORIGINAL = "http://shop.example.net/orders?id=7&sort=asc"


def request(port, method, path, host="login.example.net", body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    all_headers = {"Host": host, "Accept": "text/html", **(headers or {})}
    if body is not None:
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=all_headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response, data.decode(errors="replace")


def login_page(port, target=ORIGINAL, host="login.example.net"):
    response, page = request(port, "GET", "/login?" + urllib.parse.urlencode({"for": target, "mode": "interceptor"}),
                             host=host)
    assert response.status == 200, page
    return response, page, hidden_fields(page)


def hidden_fields(page):
    return {name: html.unescape(value)
            for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page)}


def post_login(port, fields, username, password, **overrides):
    form = {**fields, "username": username, "password": password, **overrides}
    return request(port, "POST", "/login", body=urllib.parse.urlencode(form))


@pytest.fixture
def site(tmp_path, start_sidecar, upstream):
    sidecar = start_sidecar(args=("--tenants", str(TENANTS)), env={"SECURE": "false"})
    nginx = protected_nginx(tmp_path, sidecar, upstream.port)
    yield nginx
    nginx.stop()


def test_login_page_is_self_contained_and_safe(site):
    response, page, fields = login_page(site.port)
    # The form's redirect goes to the (checked) original URL's origin: form-action must allow it.
    assert response.getheader("Content-Security-Policy") == ("default-src 'none'; style-src 'unsafe-inline'; "
                                                             "form-action 'self' http://shop.example.net; "
                                                             "frame-ancestors 'none'")
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "same-origin"  # no-referrer makes Chromium send Origin: null
    assert response.getheader("Cache-Control") == "no-store"
    assert "<h1>shop</h1>" in page and 'href="https://example.net/imprint"' in page
    assert fields["location"] == ORIGINAL and fields["mode"] == "interceptor" and fields["csrf"]
    assert not re.search(r'(src|href)="(https?:)?//(?!example\.net/)', page)  # no outside assets


def test_wrong_then_right_password_lands_on_the_original_url(site):
    redirect, _ = request(site.port, "GET", "/orders?id=7&sort=asc", host="shop.example.net")
    assert redirect.status == 302
    login_url = urllib.parse.urlsplit(redirect.getheader("Location"))
    response, page = request(site.port, "GET", f"{login_url.path}?{login_url.query}")
    fields = hidden_fields(page)
    assert fields["location"] == ORIGINAL

    wrong, page = post_login(site.port, fields, "alice@example.net", "guess")
    assert wrong.status == 403
    assert wrong.getheader("Set-Cookie") is None
    assert 'role="alert"' in page and 'value="alice@example.net"' in page and "guess" not in page

    right, _ = post_login(site.port, fields, "alice@example.net", "wonderland")
    assert right.status == 303
    assert right.getheader("Location") == ORIGINAL
    cookie = right.getheader("Set-Cookie")
    assert "Domain=example.net" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    claims = jwt.decode(token, SECRET, algorithms=["HS256"], audience="unknown")
    assert (claims["sub"], claims["user"], claims["role"], claims["tenant"], claims["profile"]) == \
        ("user-alice", "alice@example.net", "customer", "shop", {"name": "Alice"})
    assert claims["iss"] == "http://login.example.net" and claims["exp"] - claims["iat"] == 7 * 86400

    page, body = request(site.port, "GET", "/orders?id=7&sort=asc", host="shop.example.net",
                         headers={"Cookie": f"uitsmijter-sso={token}"})
    assert page.status == 200 and json.loads(body)["headers"]["authorization"] == f"Bearer {token}"

    # Silent login: the login page with a valid cookie forwards at once.
    silent, _ = request(site.port, "GET", "/login?" + urllib.parse.urlencode({"for": ORIGINAL}),
                        headers={"Cookie": f"uitsmijter-sso={token}"})
    assert silent.status == 303 and silent.getheader("Location") == ORIGINAL

    # Logout clears the domain cookie and the host-only one, and goes where it was told.
    out, _ = request(site.port, "POST", "/logout?location=" + urllib.parse.quote("http://shop.example.net/bye"),
                     headers={"Cookie": f"uitsmijter-sso={token}"})
    assert out.status == 303 and out.getheader("Location") == "http://shop.example.net/bye"
    cleared = [value for name, value in out.getheaders() if name.lower() == "set-cookie"]
    assert len(cleared) == 2 and all("Max-Age=0" in c for c in cleared)
    assert any("Domain=example.net" in c for c in cleared) and any("Domain=" not in c for c in cleared)
    again, _ = request(site.port, "GET", "/orders", host="shop.example.net")
    assert again.status == 302


@pytest.mark.parametrize("location", [
    "https://evil.com/", "//evil.com/x", "https://shop.example.net.evil.com/", "javascript:alert(1)",
    "https:\\\\evil.com", "https://alice@evil.com/", "http://shop.example.net/%0d%0aSet-Cookie:x=1",
], ids=["other-host", "scheme-relative", "suffix", "javascript", "backslash", "userinfo", "crlf"])
def test_foreign_redirect_targets_become_the_login_host_root(site, location):
    _, _, fields = login_page(site.port)
    response, _ = post_login(site.port, fields, "alice@example.net", "wonderland", location=location)
    assert response.status == 303
    assert response.getheader("Location") == "http://login.example.net/"


def test_allowed_redirect_targets(site):
    _, _, fields = login_page(site.port)
    for location in ["http://app7.apps.example.net/x?y=1", "https://shop.example.net:8443/a"]:
        response, _ = post_login(site.port, fields, "alice@example.net", "wonderland", location=location)
        assert response.getheader("Location") == location


def test_forms_without_valid_csrf_or_from_other_origins_are_refused(site):
    _, _, fields = login_page(site.port)
    response, page = post_login(site.port, fields, "alice@example.net", "wonderland", csrf="forged")
    assert response.status == 403 and response.getheader("Set-Cookie") is None
    response, _ = request(site.port, "POST", "/login", headers={"Origin": "http://evil.com"},
                          body=urllib.parse.urlencode({**fields, "username": "alice@example.net",
                                                       "password": "wonderland"}))
    assert response.status == 403 and response.getheader("Set-Cookie") is None


def test_eleventh_wrong_password_gets_429(site):
    _, _, fields = login_page(site.port)
    for attempt in range(10):
        response, _ = post_login(site.port, fields, "mallory@example.net", f"guess-{attempt}")
        assert response.status == 403
    response, page = post_login(site.port, fields, "mallory@example.net", "wonderland")
    assert response.status == 429
    assert 1 <= int(response.getheader("Retry-After")) <= 300
    assert response.getheader("Set-Cookie") is None
    other, _ = post_login(site.port, fields, "alice@example.net", "wonderland")  # same address, other user
    assert other.status == 429  # ten failures from one address block it too


def tenant_dir(tmp_path, name, hosts, providers):
    directory = tmp_path / f"tenants-{name}"
    shutil.copytree(TENANTS, directory)
    scripts = "\n".join("    - |\n" + "\n".join("      " + line for line in script.strip().splitlines())
                        for script in providers)
    (directory / f"{name}.yaml").write_text(f"name: {name}\nconfig:\n  hosts: {json.dumps(hosts)}\n"
                                            f"  providers:\n{scripts}\n")
    return directory


def test_runaway_provider_fails_that_login_only(tmp_path, start_sidecar, upstream):
    directory = tenant_dir(tmp_path, "loop", ["loop.example.com"],
                           ["class UserLoginProvider { constructor(c) { while (true) {} } get canLogin() { return true; } }"])
    sidecar = start_sidecar(args=("--tenants", str(directory), "--provider-workers", "1"),
                            env={"SECURE": "false", "SCRIPT_TIMEOUT": "1"})
    nginx = protected_nginx(tmp_path, sidecar, upstream.port)
    try:
        response, _, fields = login_page(nginx.port, target="http://loop.example.com/", host="loop.example.com")
        results = []

        def stuck_login():
            results.append(request(nginx.port, "POST", "/login", host="loop.example.com",
                                   body=urllib.parse.urlencode({**fields, "username": "x", "password": "y"}))[0].status)

        worker = threading.Thread(target=stuck_login)
        worker.start()
        token = make_token(claims_for())
        started = time.monotonic()
        while worker.is_alive() and time.monotonic() - started < 10:
            check, _ = request(nginx.port, "GET", "/", host="shop.example.net",
                               headers={"Cookie": f"uitsmijter-sso={token}"})
            assert check.status == 200  # checks never wait for JavaScript
        worker.join(15)
        assert results == [503]
        # The provider thread is usable again: a working tenant can log in.
        _, _, fields = login_page(nginx.port)
        response, _ = post_login(nginx.port, fields, "alice@example.net", "wonderland")
        assert response.status == 303
    finally:
        nginx.stop()


def test_validation_provider_that_rejects_logs_the_user_out_on_refresh(tmp_path, start_sidecar, upstream):
    directory = tenant_dir(tmp_path, "strict", ["strict.example.com"], [
        "class UserLoginProvider { constructor(c) { commit(true); } get canLogin() { return true; } }",
        "class UserValidationProvider { constructor(a) { commit(a.username === 'still-here'); } "
        "get isValid() { return this.valid; } }"
        .replace("commit(a.username === 'still-here');", "this.valid = a.username === 'still-here'; commit(this.valid);"),
    ])
    sidecar = start_sidecar(args=("--tenants", str(directory)), env={"SECURE": "false"})
    nginx = protected_nginx(tmp_path, sidecar, upstream.port)
    try:
        now = int(time.time())
        for user, expected in [("still-here", 200), ("gone", 302)]:
            old = make_token(claims_for(tenant="strict", name="strict", user=user, iat=now - 3000, exp=now + 600))
            response, body = request(nginx.port, "GET", "/", host="strict.example.com",
                                     headers={"Cookie": f"uitsmijter-sso={old}"})
            assert response.status == expected, (user, body)
            cookie = response.getheader("Set-Cookie")
            if expected == 200:
                new = cookie.split(";")[0].split("=", 1)[1]
                assert json.loads(body)["headers"]["authorization"] == f"Bearer {new}" and new != old
            else:
                assert cookie.startswith("uitsmijter-sso=;") and "Max-Age=0" in cookie
    finally:
        nginx.stop()


class FetchTarget:
    """A local HTTP server a provider's fetch() talks to: answers per path."""

    def __init__(self):
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                sent = json.loads(self.rfile.read(length) or b"{}")
                if self.path == "/slow":
                    time.sleep(5)
                status, body = {"/ok": (200, json.dumps({"id": "u-" + sent.get("user", ""), "name": "Fetched"})),
                                "/deny": (401, "no"), "/garbage": (200, "<<not json>>")}.get(self.path, (404, ""))
                data = body.encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except BrokenPipeError:
                    pass  # /slow: the provider gave up first, as it should

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


FETCH_PROVIDER = """
class UserLoginProvider {
  constructor(credentials) {
    fetch("http://127.0.0.1:PORT/" + credentials.password, {method: "POST", body: JSON.stringify({user: credentials.username})})
      .then(r => { this.profile = JSON.parse(r.body); commit(true, {subject: this.profile.id}); })
      .catch(e => { this.profile = null; commit(false); });
  }
  get canLogin() { return this.profile != null; }
  get userProfile() { return this.profile; }
  get role() { return "fetched"; }
}
"""


@pytest.mark.parametrize("path, status", [("ok", 303), ("deny", 403), ("garbage", 403), ("slow", 503),
                                          ("missing", 403)])
def test_fetch_provider_against_a_local_server(tmp_path, start_sidecar, upstream, path, status):
    target = FetchTarget()
    directory = tenant_dir(tmp_path, "remote", ["remote.example.com"],
                           [FETCH_PROVIDER.replace("PORT", str(target.port))])
    sidecar = start_sidecar(args=("--tenants", str(directory)), env={"SECURE": "false", "SCRIPT_TIMEOUT": "2"})
    nginx = protected_nginx(tmp_path, sidecar, upstream.port)
    try:
        _, _, fields = login_page(nginx.port, target="http://remote.example.com/", host="remote.example.com")
        response, _ = request(nginx.port, "POST", "/login", host="remote.example.com",
                              body=urllib.parse.urlencode({**fields, "username": "bob", "password": path}))
        assert response.status == status
        if status == 303:
            token = response.getheader("Set-Cookie").split(";")[0].split("=", 1)[1]
            claims = jwt.decode(token, SECRET, algorithms=["HS256"], audience="unknown")
            assert (claims["sub"], claims["role"], claims["profile"]) == ("u-bob", "fetched", {"id": "u-bob", "name": "Fetched"})
    finally:
        nginx.stop()
        target.stop()


def test_login_and_logout_are_counted(tmp_path, start_sidecar, upstream):
    sidecar = start_sidecar(args=("--tenants", str(TENANTS)), env={"SECURE": "false"})
    nginx = protected_nginx(tmp_path, sidecar, upstream.port)
    try:
        _, _, fields = login_page(nginx.port)
        assert post_login(nginx.port, fields, "alice@example.net", "nope")[0].status == 403
        assert post_login(nginx.port, fields, "alice@example.net", "wonderland")[0].status == 303
        assert request(nginx.port, "POST", "/logout?location=/")[0].status == 303
        with sidecar.connect() as s:
            s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
            from harness import read_response
            text = read_response(s)[2].decode()
        labels = 'forward_host="shop.example.net",mode="interceptor",tenant="shop"'
        assert f"uitsmijter_login_success{{{labels}}} 1" in text
        assert f"uitsmijter_login_failure{{{labels}}} 1" in text
        assert f"uitsmijter_login_attempts_count{{{labels}}} 2" in text
        assert 'uitsmijter_logout{mode="interceptor",tenant="shop"} 1' in text
        assert 'interceptor_provider_duration_seconds_count{provider="UserLoginProvider"} 2' in text
    finally:
        nginx.stop()
