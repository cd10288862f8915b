#!/usr/bin/env python3
"""Writes the seed corpora under Tests/Fuzz/corpus/<target>/ from the test fixtures.

Run from the repository root: python3 Tests/Fuzz/make_seeds.py. The output is committed;
rerun it when the fixtures change.
"""
import glob, hashlib, json, os, shutil

root = "Tests/Fuzz/corpus"
shutil.rmtree(root, ignore_errors=True)

def put(target, data, name=None):
    if isinstance(data, str):
        data = data.encode()
    os.makedirs(f"{root}/{target}", exist_ok=True)
    name = name or hashlib.sha1(data).hexdigest()[:16]
    with open(f"{root}/{target}/{name}", "wb") as f:
        f.write(data)

# (1) request: the captured requests (not the response fixture), and two of them back to back.
requests = []
for path in sorted(glob.glob("Tests/ProtocolTests/Fixtures/*.http")):
    data = open(path, "rb").read()
    if data.startswith(b"HTTP/"):
        continue
    requests.append(data)
    put("request", data, os.path.basename(path))
put("request", requests[0] + requests[-1], "pipelined.http")
put("request", b"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", "http10-keepalive.http")

# (2) token: every PyJWT vector (valid and invalid).
vectors = json.load(open("Tests/EngineTests/Fixtures/pyjwt_vectors.json"))
for case in vectors["cases"]:
    put("token", case["token"])

# (3) tenants: every tenant file of the fixtures.
for path in sorted(glob.glob("Tests/EngineTests/Fixtures/Tenants/*/*")):
    if path.endswith((".yaml", ".yml")):
        put("tenants", open(path, "rb").read(), path.split("/")[-2] + "-" + os.path.basename(path))

# (4) login: urlencoded and JSON bodies, and redirect URLs.
for body in [
    "username=alice%40example.net&password=p%26ss+w%3Drd&location=https%3A%2F%2Fshop.example.net%2F%3Fa%3D1%26b%3D2",
    "password=&username=",
    "username=a&password=b&mode=&scope=openid&csrf=t0k",
    '{"username":"al\\u00efce","password":"s\\"cret","location":"https://shop.example.net/","csrf":"t","extra":[1]}',
    '{"username":"a","password":"\\ud83d\\ude00","mode":"interceptor","scope":"","nested":{"x":[true,null,1.5e3]}}',
    "https://shop.example.net/path?q=1#frag",
    "http://x.apps.example.com:8080/",
    "https://127.0.0.1/",
    "https://SHOP.example.net./a%20b",
    "https://evil.example.org/",
]:
    put("login", body)

# (5) cookie: Cookie header values.
for value in [
    "uitsmijter-sso=eyJhbGciOiJIUzI1NiJ9.e30.sig",
    'a=1; uitsmijter-sso="quoted"; b=2',
    "uitsmijter-sso = spaced ;uitsmijter-sso=second;;=;novalue",
    "a=b",
]:
    put("cookie", value)
