#!/usr/bin/env python3
"""Verifies one HS256 token with PyJWT, for end-to-end tests: exit 0 if valid, 1 if not, 2 on usage.

usage: verify_with_pyjwt.py TOKEN SECRET [--tenant T]   (TOKEN or SECRET may be "-" to read a line of stdin)
Prints the claims as JSON on success and the reason on failure (stderr). Requires `exp`.
"""
import json, sys
try:
    import jwt
except ImportError:
    print("PyJWT is not installed: pip install pyjwt", file=sys.stderr)
    sys.exit(2)

args = sys.argv[1:]
tenant = None
if "--tenant" in args:
    i = args.index("--tenant")
    tenant = args[i + 1] if i + 1 < len(args) else None
    del args[i:i + 2]
if len(args) != 2:
    print(__doc__.strip().splitlines()[2], file=sys.stderr)
    sys.exit(2)
token, secret = (sys.stdin.readline().strip() if a == "-" else a for a in args)
try:
    header = jwt.get_unverified_header(token)
    if header != {"alg": "HS256", "typ": "JWT"}:
        raise jwt.InvalidTokenError(f"unexpected header {header}")
    claims = jwt.decode(token, secret, algorithms=["HS256"], options={"require": ["exp"], "verify_aud": False})
    if tenant is not None and claims.get("tenant") != tenant:
        raise jwt.InvalidTokenError("tenant does not match")
except jwt.InvalidTokenError as error:
    print(f"invalid: {error}", file=sys.stderr)
    sys.exit(1)
print(json.dumps(claims, ensure_ascii=False))
