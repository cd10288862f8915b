#!/usr/bin/env python3
"""Small raw-HTTP clients for scripts/bench.sh, talking to the sidecar's Unix socket
the way nginx's auth subrequest does.

  client.py checks SOCKET N TOKEN [BATCH]   N valid checks over ONE keep-alive
                                            connection, pipelined BATCH at a time;
                                            exits 1 unless every answer is 200
  client.py first SOCKET TOKEN              one check on a fresh connection; prints
                                            the ms from connect to the full answer
"""
import socket
import sys
import time

HOST = "shop.example.net"


def request(token):
    return ("GET /auth_request HTTP/1.1\r\n"
            "Host: localhost\r\n"
            "X-Forwarded-Proto: http\r\n"
            f"X-Forwarded-Host: {HOST}\r\n"
            "X-Forwarded-Uri: /bench.html\r\n"
            "X-Forwarded-Method: GET\r\n"
            "User-Agent: wrk\r\n"
            f"Cookie: uitsmijter-sso={token}\r\n"
            "\r\n").encode()


def read_answers(s, count, buffer=b""):
    """Reads `count` responses; returns their status codes and the leftover bytes."""
    statuses = []
    while len(statuses) < count:
        end = buffer.find(b"\r\n\r\n")
        if end < 0:
            chunk = s.recv(1 << 16)
            if not chunk:
                raise SystemExit(f"connection closed after {len(statuses)} of {count} answers")
            buffer += chunk
            continue
        head = buffer[:end].decode("latin-1")
        lines = head.split("\r\n")
        length = 0
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        while len(buffer) < end + 4 + length:
            chunk = s.recv(1 << 16)
            if not chunk:
                raise SystemExit("connection closed inside a body")
            buffer += chunk
        statuses.append(int(lines[0].split(" ")[1]))
        buffer = buffer[end + 4 + length:]
    return statuses, buffer


def checks(path, n, token, batch=50):
    one = request(token)
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(120)  # under valgrind
    s.connect(path)
    done, rest, bad = 0, b"", 0
    while done < n:
        k = min(batch, n - done)
        s.sendall(one * k)
        statuses, rest = read_answers(s, k, rest)
        bad += sum(1 for code in statuses if code != 200)
        done += k
    s.close()
    if bad:
        raise SystemExit(f"{bad} of {n} checks were not answered 200")


def first(path, token):
    one = request(token)
    start = time.perf_counter()
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(10)
    s.connect(path)
    s.sendall(one)
    statuses, _ = read_answers(s, 1)
    elapsed = (time.perf_counter() - start) * 1000
    s.close()
    if statuses != [200]:
        raise SystemExit(f"first answer was {statuses}, not 200")
    print(f"{elapsed:.2f}")


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "checks":
        checks(sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]) if len(sys.argv) > 5 else 50)
    elif mode == "first":
        first(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(__doc__)
