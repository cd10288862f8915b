#!/usr/bin/env python3
"""Writes pyjwt_vectors.json: HS256 tokens made by PyJWT (an independent library) for EngineTests.

Run from this directory: python3 make_pyjwt_vectors.py  (needs `pip install pyjwt`).
Each case names the tenant and responsibility the check expects, and either the claims the
verifier must return or the TokenError.reason it must refuse with. Hostile headers PyJWT will not
write (RS256 without a key, crit, ...) are assembled here by hand and signed with hmac/hashlib.
"""
import base64, hashlib, hmac, json
import jwt

SECRET = "correct horse battery staple 0123456789"
PREVIOUS = "the secret before the rotation"
NOW = 1733300000
TENANT = "shop"
RESP = hashlib.sha1(TENANT.encode()).hexdigest()


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def by_hand(header: dict | bytes, payload: dict | bytes, secret: str = SECRET) -> str:
    h = header if isinstance(header, bytes) else json.dumps(header, separators=(",", ":")).encode()
    p = payload if isinstance(payload, bytes) else json.dumps(payload, separators=(",", ":")).encode()
    signing_input = f"{b64(h)}.{b64(p)}".encode()
    return f"{signing_input.decode()}.{b64(hmac.new(secret.encode(), signing_input, hashlib.sha256).digest())}"


def raw(payload: bytes, secret: str = SECRET) -> str:
    """PyJWT's JWS layer signs any bytes, so malformed JSON payloads still carry a good signature."""
    return jwt.api_jws.encode(payload, secret, algorithm="HS256")


def claims(**extra):
    base = {"iss": "https://login.example.net", "sub": "alice@example.net", "aud": "unknown",
            "exp": NOW + 3600, "iat": NOW - 60, "auth_time": NOW - 60, "tenant": TENANT,
            "role": "user", "user": "alice", "scope": "", "responsibility": RESP}
    base.update(extra)
    return {k: v for k, v in base.items() if v is not None}


cases = []


def valid(name, token, user="alice", sub="alice@example.net", exp=NOW + 3600, responsibility=RESP, tenant=TENANT):
    cases.append({"name": name, "token": token, "tenant": tenant, "responsibility": responsibility,
                  "valid": True, "user": user, "sub": sub, "exp": exp})


def invalid(name, token, reason, responsibility=RESP, tenant=TENANT):
    cases.append({"name": name, "token": token, "tenant": tenant, "responsibility": responsibility,
                  "valid": False, "reason": reason})


enc = lambda payload, **kw: jwt.encode(payload, kw.pop("key", SECRET), algorithm=kw.pop("algorithm", "HS256"), **kw)

valid("uitsmijter claim set", enc(claims(profile={"name": "Alice", "tags": ["a", "b"]}, roles=["admin", "user"])))
valid("fractional exp", enc(claims(exp=NOW + 3600.123)), exp=NOW + 3600.123)
valid("fractional exp just after now", enc(claims(exp=NOW + 0.5)), exp=NOW + 0.5)
valid("unicode user escaped by PyJWT", enc(claims(user="Jörg 😀 \"q\" \\ /")), user="Jörg 😀 \"q\" \\ /")
valid("unicode user as raw UTF-8", raw(json.dumps(claims(user="Zoë 日本 😀"), ensure_ascii=False).encode()),
      user="Zoë 日本 😀")
valid("escaped claim names", raw(b'{"\\u0065xp":%d,"t\\u0065nant":"shop","user":"bob","sub":"bob",'
                                 b'"responsibility":"%s"}' % (NOW + 3600, RESP.encode())), user="bob", sub="bob")
valid("aud as array", enc(claims(aud=["a", "b"])))
valid("no responsibility expected", enc(claims(responsibility=None)), responsibility=None)
valid("nbf in the past", enc(claims(nbf=NOW - 10)))
valid("nbf equal to now", enc(claims(nbf=NOW)))
valid("typ jwt lower case and kid", enc(claims(), headers={"typ": "jwt", "kid": "k1"}))
valid("no typ", by_hand({"alg": "HS256"}, claims()))
valid("header members reversed", by_hand({"typ": "JWT", "alg": "HS256"}, claims()))
valid("whitespace in JSON", raw(json.dumps(claims(), indent=2).encode() + b"\n"))
valid("signed with previous secret", enc(claims(), key=PREVIOUS))
valid("unknown claims", enc(claims(jti="abc", extra={"nested": [1, 2.50, None, True]})))
valid("no user or sub", enc({"exp": NOW + 3600, "tenant": TENANT, "responsibility": RESP}), user=None, sub=None)

invalid("alg HS512", enc(claims(), algorithm="HS512"), "unsupported_algorithm")
invalid("alg none", enc(claims(), key=None, algorithm="none"), "malformed")  # empty signature segment
invalid("alg none with a signature", by_hand({"alg": "none", "typ": "JWT"}, claims()), "unsupported_algorithm")
invalid("alg None", by_hand({"alg": "None", "typ": "JWT"}, claims()), "unsupported_algorithm")
invalid("alg hs256 lower case", by_hand({"alg": "hs256", "typ": "JWT"}, claims()), "unsupported_algorithm")
invalid("alg RS256", by_hand({"alg": "RS256", "typ": "JWT"}, claims()), "unsupported_algorithm")
invalid("alg missing", by_hand({"typ": "JWT"}, claims()), "unsupported_algorithm")
invalid("alg twice", by_hand(b'{"alg":"HS256","alg":"none"}', claims()), "bad_header")
invalid("crit header", by_hand({"alg": "HS256", "typ": "JWT", "crit": ["exp"]}, claims()), "bad_header")
invalid("typ JOSE+JSON", by_hand({"alg": "HS256", "typ": "JOSE+JSON"}, claims()), "bad_header")
invalid("header JSON array", by_hand(b'["HS256"]', claims()), "bad_header")
invalid("header not JSON", by_hand(b"alg=HS256", claims()), "bad_header")
invalid("header trailing garbage", by_hand(b'{"alg":"HS256"}x', claims()), "bad_header")
invalid("wrong secret", enc(claims(), key="not the secret"), "bad_signature")
invalid("expired", enc(claims(exp=NOW - 1)), "expired")
invalid("exp equal to now", enc(claims(exp=NOW)), "expired")
invalid("fractional exp just before now", enc(claims(exp=NOW - 0.001)), "expired")
invalid("exp missing", enc(claims(exp=None)), "missing_expiry")
invalid("exp string", enc(claims(exp=str(NOW + 3600))), "invalid_claim")
invalid("exp null", raw(b'{"exp":null,"tenant":"shop","responsibility":"%s"}' % RESP.encode()), "invalid_claim")
invalid("exp twice", raw(b'{"exp":1,"exp":%d,"tenant":"shop","responsibility":"%s"}' % (NOW + 3600, RESP.encode())),
        "bad_payload")
invalid("exp twice, second escaped",
        raw(b'{"exp":%d,"\\u0065xp":1,"tenant":"shop","responsibility":"%s"}' % (NOW + 3600, RESP.encode())),
        "bad_payload")
invalid("tenant twice", raw(b'{"exp":%d,"tenant":"shop","tenant":"other","responsibility":"%s"}'
                            % (NOW + 3600, RESP.encode())), "bad_payload")
invalid("nbf in the future", enc(claims(nbf=NOW + 1)), "not_yet_valid")
invalid("wrong tenant", enc(claims(tenant="other")), "wrong_tenant")
invalid("tenant missing", enc(claims(tenant=None)), "wrong_tenant")
invalid("tenant differs in case", enc(claims(tenant="Shop")), "wrong_tenant")
invalid("wrong responsibility", enc(claims(responsibility=hashlib.sha1(b"other").hexdigest())), "wrong_responsibility")
invalid("responsibility missing", enc(claims(responsibility=None)), "wrong_responsibility")
invalid("payload JSON array", raw(b'[{"exp":%d}]' % (NOW + 3600)), "bad_payload")
invalid("payload not JSON", raw(b"exp=1"), "bad_payload")
invalid("payload trailing garbage", raw(json.dumps(claims()).encode() + b"garbage"), "bad_payload")
invalid("payload two objects", raw(json.dumps(claims()).encode() + b"{}"), "bad_payload")
invalid("payload lone surrogate", raw(json.dumps(claims(user="\ud800")).encode()), "bad_payload")
invalid("payload invalid UTF-8", raw(json.dumps(claims(), ensure_ascii=False).encode().replace(b"alice", b"al\xffce")),
        "bad_payload")
invalid("payload empty object", raw(b"{}"), "missing_expiry")

good = enc(claims())
h, p, s = good.split(".")
invalid("two segments", f"{h}.{p}", "malformed")
invalid("four segments", f"{good}.{s}", "malformed")
invalid("empty header", f".{p}.{s}", "malformed")
invalid("empty payload", f"{h}..{s}", "malformed")
invalid("empty signature", f"{h}.{p}.", "malformed")
invalid("padding", f"{h}.{p}.{s}=", "malformed")
invalid("standard base64 characters", f"{h}.{p}.{s[:-2]}+/", "malformed")
invalid("space in token", f"{h}.{p} .{s}", "malformed")
invalid("impossible length", f"{h}.{p}.{s}AA", "malformed")  # 45 characters: 45 % 4 == 1
invalid("signature one byte short", f"{h}.{p}.{s[:-3]}", "bad_signature")
invalid("9 KiB token", enc(claims(pad="x" * 9 * 1024)), "too_large")

with open("pyjwt_vectors.json", "w") as out:
    json.dump({"generator": f"PyJWT {jwt.__version__}", "secret": SECRET, "previous": [PREVIOUS], "now": NOW,
               "cases": cases}, out, indent=1, ensure_ascii=False)
    out.write("\n")
print(f"{len(cases)} cases")
