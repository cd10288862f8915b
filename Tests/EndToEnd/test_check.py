"""The interceptor decision through a real nginx (auth_request) and a real Caddy (forward_auth)."""
import http.client
import json
import time
import urllib.parse

import jwt
import pytest

from harness import (BINARY, SECRET, TENANTS, Caddy, claims_for, make_token, protected_nginx)

BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


@pytest.fixture
def sidecar(start_sidecar):
    return start_sidecar(args=("--tenants", str(TENANTS)))


@pytest.fixture
def nginx(tmp_path, sidecar, upstream):
    server = protected_nginx(tmp_path, sidecar, upstream.port)
    yield server
    server.stop()


def get(port, path, host="shop.example.net", headers=None, cookie=None, method="GET"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    all_headers = {"Host": host, **BROWSER, **(headers or {})}
    if cookie:
        all_headers["Cookie"] = cookie
    connection.request(method, path, headers=all_headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def cookie_value(set_cookie):
    return set_cookie.split(";", 1)[0].split("=", 1)[1]


@pytest.mark.parametrize("front", ["nginx", "caddy"])
def test_valid_cookie_passes_the_token_to_the_upstream(request, tmp_path, sidecar, upstream, front):
    server = request.getfixturevalue("nginx") if front == "nginx" else Caddy(tmp_path, sidecar, upstream.port)
    try:
        token = make_token(claims_for())
        response, body = get(server.port, "/orders?id=7", cookie=f"other=1; uitsmijter-sso={token}")
        assert response.status == 200, body
        seen = json.loads(body)
        assert seen["path"] == "/orders?id=7"
        assert seen["headers"]["authorization"] == f"Bearer {token}"
        assert seen["headers"]["remote-user"] == "alice@example.net"
        assert response.getheader("Set-Cookie") is None  # nothing to refresh
    finally:
        if front == "caddy":
            server.stop()


@pytest.mark.parametrize("front", ["nginx", "caddy"])
@pytest.mark.parametrize("cookie", [None, "uitsmijter-sso=not.a.token", "uitsmijter-sso=" + "x" * 5000],
                         ids=["missing", "garbage", "5k"])
def test_missing_or_invalid_cookie_redirects_to_login_with_the_original_url(request, tmp_path, sidecar, upstream,
                                                                            front, cookie):
    server = request.getfixturevalue("nginx") if front == "nginx" else Caddy(tmp_path, sidecar, upstream.port)
    try:
        response, _ = get(server.port, "/orders?id=7&sort=asc", cookie=cookie)
        assert response.status == 302
        location = urllib.parse.urlsplit(response.getheader("Location"))
        assert (location.scheme, location.netloc, location.path) == ("http", "login.example.net", "/login")
        query = urllib.parse.parse_qs(location.query)
        assert query["for"] == ["http://shop.example.net/orders?id=7&sort=asc"]
        assert query["mode"] == ["interceptor"]
        cleared = response.getheader("Set-Cookie")
        if cookie:
            assert cleared.startswith("uitsmijter-sso=; ") and "Max-Age=0" in cleared
            assert "Domain=example.net" in cleared
        elif not cookie:
            assert cleared is None
    finally:
        if front == "caddy":
            server.stop()


def test_tokens_of_other_tenants_hosts_or_secrets_are_refused(nginx):
    now = int(time.time())
    refused = [
        make_token(claims_for(tenant="web/blog")),                          # other tenant
        make_token(claims_for(name="other")),                               # wrong responsibility
        make_token(claims_for(), secret="another-secret-of-sufficient-length!!"),
        make_token(claims_for(exp=now - 1)),                                # expired
        make_token(claims_for(nbf=now + 600)),                              # not yet valid
        jwt.encode(claims_for(), SECRET, algorithm="HS512"),                # other algorithm
    ]
    for token in refused:
        response, _ = get(nginx.port, "/", cookie=f"uitsmijter-sso={token}")
        assert response.status == 302, token


def test_first_valid_of_several_cookies_wins(nginx):
    token = make_token(claims_for())
    response, body = get(nginx.port, "/", cookie=f"uitsmijter-sso=broken; uitsmijter-sso={token}")
    assert response.status == 200
    assert json.loads(body)["headers"]["authorization"] == f"Bearer {token}"


def test_bearer_header_of_the_original_request_counts(nginx):
    token = make_token(claims_for())
    response, body = get(nginx.port, "/", headers={"Authorization": f"Bearer {token}"})
    assert response.status == 200


def test_near_expiry_refreshes_cookie_and_upstream_token_through_nginx(nginx):
    now = int(time.time())
    old = make_token(claims_for(iat=now - 3000, exp=now + 600, favourite="tea"))  # 83% of the lifetime gone
    response, body = get(nginx.port, "/account", cookie=f"uitsmijter-sso={old}")
    assert response.status == 200
    set_cookie = response.getheader("Set-Cookie")
    assert set_cookie and "Domain=example.net" in set_cookie and "HttpOnly" in set_cookie
    new = cookie_value(set_cookie)
    assert new != old
    claims = jwt.decode(new, SECRET, algorithms=["HS256"], audience="unknown")
    assert claims["exp"] - claims["iat"] == 7 * 86400
    assert claims["iat"] >= now and claims["favourite"] == "tea" and claims["user"] == "alice@example.net"
    assert json.loads(body)["headers"]["authorization"] == f"Bearer {new}"  # the upstream sees the new one
    # A second check with the same old token gets the same new token.
    again, _ = get(nginx.port, "/account", cookie=f"uitsmijter-sso={old}")
    assert cookie_value(again.getheader("Set-Cookie")) == new


def test_refresh_redirect_for_caddy(tmp_path, sidecar, upstream):
    caddy = Caddy(tmp_path, sidecar, upstream.port, uri="/interceptor?refresh=redirect")
    try:
        now = int(time.time())
        old = make_token(claims_for(iat=now - 3000, exp=now + 600))
        response, _ = get(caddy.port, "/account?tab=2", cookie=f"uitsmijter-sso={old}")
        assert response.status == 302
        assert response.getheader("Location") == "http://shop.example.net/account?tab=2"
        new = cookie_value(response.getheader("Set-Cookie"))
        jwt.decode(new, SECRET, algorithms=["HS256"], audience="unknown")
        response, body = get(caddy.port, "/account?tab=2", cookie=f"uitsmijter-sso={new}")
        assert response.status == 200
        assert json.loads(body)["headers"]["authorization"] == f"Bearer {new}"
    finally:
        caddy.stop()


@pytest.mark.parametrize("headers", [{"X-Requested-With": "XMLHttpRequest"}, {"Accept": "application/json"}])
def test_xhr_and_api_calls_get_401_without_location(nginx, headers):
    response, _ = get(nginx.port, "/api/orders", headers=headers)
    assert response.status == 401
    assert response.getheader("Location") is None


def test_post_without_login_gets_303_from_interceptor(tmp_path, sidecar, upstream):
    caddy = Caddy(tmp_path, sidecar, upstream.port)
    try:
        response, _ = get(caddy.port, "/orders", method="POST")
        assert response.status == 303
    finally:
        caddy.stop()


@pytest.mark.parametrize("host", ["unknown.example.com", "evil-example.net", "a.b.apps.example.net"])
def test_unknown_host_is_403(nginx, host):
    response, _ = get(nginx.port, "/", host=host)
    assert response.status == 403


def test_wildcard_host_is_protected(nginx):
    response, _ = get(nginx.port, "/", host="app1.apps.example.net")
    assert response.status == 302
    token = make_token(claims_for())
    response, _ = get(nginx.port, "/", host="app1.apps.example.net", cookie=f"uitsmijter-sso={token}")
    assert response.status == 200


def test_tenant_with_interceptor_disabled_is_403(nginx):
    response, _ = get(nginx.port, "/", host="blog.example.org")
    assert response.status == 403


def test_token_command_output_verifies_with_pyjwt(nginx):
    import subprocess, os
    token = subprocess.run([str(BINARY), "token", "--tenant", "shop", "--user", "bob", "--role", "admin",
                            "--profile", '{"name":"Bob"}', "--tenants", str(TENANTS)],
                           env={**os.environ, "JWT_SECRET": SECRET}, capture_output=True, text=True, check=True).stdout.strip()
    claims = jwt.decode(token, SECRET, algorithms=["HS256"], audience="unknown")
    assert (claims["user"], claims["sub"], claims["role"], claims["tenant"], claims["profile"]) == \
        ("bob", "bob", "admin", "shop", {"name": "Bob"})
    response, body = get(nginx.port, "/", cookie=f"uitsmijter-sso={token}")
    assert response.status == 200
