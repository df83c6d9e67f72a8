#!/usr/bin/env python3
"""Load test of the playground server, on loopback only.

load_test.py QAEXTRACT SAMPLE [SECONDS] [CLIENTS] [MEMORY_CHECK]

Starts `qaextract serve --port 0 SAMPLE`, then CLIENTS threads (default 32)
send a mix of requests for SECONDS (default 20; bounded in time and each
client stops after 100,000 requests): extract with good rules, extract with
broken rules (lint errors: still 200), discover, convert, an oversized body
(must be 413), a malformed body (must be 400), and slow clients that send
their request a byte at a time. Fails (exit 1) when a request that must
succeed fails, or one that must fail does not, or when the server's resident
memory after a second, equal round is more than 20% above the first
(growth; MEMORY_CHECK 0 turns this off, for sanitizer builds). Prints the
request count, p50/p99 latency and memory.
"""
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def server_pid(parent):
    # `qaextract serve` executes qaextract-serve in its own process.
    return parent.pid


def main():
    binary, sample = sys.argv[1], sys.argv[2]
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 20.0
    clients = int(sys.argv[4]) if len(sys.argv) > 4 else 32
    memory_check = (sys.argv[5] != "0") if len(sys.argv) > 5 else True
    article = open(sample, encoding="utf-8").read()
    server = subprocess.Popen([binary, "serve", "--port", "0", "--max-request-bytes", "1000000", sample],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = server.stdout.readline()
        port = int(line.rsplit(":", 1)[1].strip("/\n"))
        good_rules = "name: t\nspeakers:\n  - id: q\n    role: interviewer\n    markers: ['暗涌：']\n"
        bad_rules = "name: t\nspeakers:\n  - id: q\n    markers: ['(']\n    bogus: 1\n"
        requests = [
            ("POST", "/api/extract", json.dumps({"article": article, "rules": good_rules}), 200),
            ("POST", "/api/extract", json.dumps({"article": article, "rules": bad_rules}), 200),
            ("POST", "/api/extract", json.dumps({"article": article, "rules": ""}), 200),
            ("POST", "/api/discover", json.dumps({"article": article}), 200),
            ("POST", "/api/convert", json.dumps({"article": article, "rules": "", "format": "yaml"}), 200),
            ("POST", "/api/extract", "x" * 1_200_000, 413),
            ("POST", "/api/extract", "{not json", 400),
            ("GET", "/api/files", None, 200),
        ]

        def round_(duration):
            latencies, failures, lock = [], [], threading.Lock()
            stop_at = time.monotonic() + duration

            def send(conn, method, path, body):
                conn.request(method, path, body=body.encode() if body else None,
                             headers={"Content-Type": "application/json"})
                resp = conn.getresponse()
                resp.read()
                return resp.status

            def client(k):
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                n = 0
                reused = False  # the connection has served a request already
                while time.monotonic() < stop_at and n < 100_000:
                    method, path, body, want = requests[(k + n) % len(requests)]
                    n += 1
                    t = time.monotonic()
                    try:
                        try:
                            status = send(conn, method, path, body)
                        except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected):
                            # The server may close a kept-alive connection
                            # between requests (its keep-alive limits): as any
                            # HTTP client does, retry once on a new one. These
                            # requests change nothing on the server.
                            if not reused:
                                raise
                            conn.close()
                            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                            status = send(conn, method, path, body)
                        reused = True
                    except (OSError, http.client.HTTPException) as e:
                        status = repr(e)
                        conn.close()
                        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                        reused = False
                    with lock:
                        latencies.append(time.monotonic() - t)
                        if status != want:
                            failures.append(f"{method} {path} -> {status}, wanted {want}")
                    if want != 200:  # the server may close after an error
                        conn.close()
                        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                        reused = False
                conn.close()

            def slow_client():
                # A request a byte at a time for a few seconds; others go on.
                body = json.dumps({"article": "问：好吗？\n答：好。", "rules": ""}).encode()
                raw = (f"POST /api/extract HTTP/1.1\r\nHost: x\r\nContent-Length: {len(body)}\r\n"
                       "Content-Type: application/json\r\nConnection: close\r\n\r\n").encode() + body
                while time.monotonic() < stop_at - 1:
                    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
                        for i in range(0, len(raw), 8):
                            s.sendall(raw[i:i + 8])
                            time.sleep(0.01)
                        reply = s.recv(64)
                    with lock:
                        if not reply.startswith(b"HTTP/1.1 200"):
                            failures.append(f"slow client -> {reply[:20]!r}")

            threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
            threads += [threading.Thread(target=slow_client) for _ in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            return latencies, failures

        first_lat, failures = round_(seconds / 2)
        rss_first = rss_kb(server.pid)
        second_lat, more = round_(seconds / 2)
        failures += more
        rss_second = rss_kb(server.pid)
        lat = sorted(first_lat + second_lat)
        p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000
        print(f"{len(lat)} requests from {clients} clients in {seconds:.0f} s: p50 {p(0.5):.1f} ms, "
              f"p99 {p(0.99):.1f} ms, max {lat[-1] * 1000:.1f} ms; server memory {rss_first} kB after "
              f"the first half, {rss_second} kB after the second")
        for f in sorted(set(failures))[:10]:
            print("FAILED:", f)
        grew = memory_check and rss_second > rss_first * 1.2
        ok = not failures and not grew
        if grew:
            print("FAILED: the server's memory grew")
        print(f"{len(lat) - len(failures)} passed, {len(failures)} failed")
        return 0 if ok else 1
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
