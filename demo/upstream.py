"""The demo's protected application: shows the claims of the token nginx passed in Authorization."""
import base64
import html
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def claims(authorization):
    if not authorization or not authorization.startswith("Bearer "):
        return None
    try:
        payload = authorization[7:].split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError):
        return None


class Page(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        seen = claims(self.headers.get("Authorization"))
        rows = "".join(f"<tr><th>{html.escape(str(k))}</th><td><code>{html.escape(json.dumps(v))}</code></td></tr>"
                       for k, v in (seen or {}).items())
        body = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Protected page</title>
<style>body{{font-family:system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;color:#1b1b1f}}
th{{text-align:left;padding:.3rem 1rem .3rem 0}}code{{background:#f3f3f6;padding:.1rem .3rem}}</style></head>
<body><main><h1>You are in</h1><p>nginx asked the sidecar, and passed this token's claims to the application
(<code>Remote-User: {html.escape(self.headers.get("Remote-User", ""))}</code>):</p>
<table>{rows}</table>
<form method="post" action="/logout?location=/"><button>Log out</button></form></main></body></html>""".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Page).serve_forever()
