"""Hold N verified idle connections on an echo server and report its memory.

    python3 hold.py HOST:PORT N SERVER_PID

Each connection sends 64 distinct bytes and checks that exactly they come
back; then all stay open, idle. It prints the server's VmRSS and VmHWM
(from /proc/SERVER_PID/status) before and after, and the cost per
connection. Run it with `ulimit -n` above N (luanet's README section).
"""
import os
import socket
import sys
import time


def status(pid):
    out = {}
    with open("/proc/%s/status" % pid) as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmHWM"):
                out[k] = int(v.split()[0])  # KiB
    return out


def main():
    host, port = sys.argv[1].rsplit(":", 1)
    n, pid = int(sys.argv[2]), sys.argv[3]
    before = status(pid)
    socks = []
    t0 = time.time()
    for i in range(n):
        s = socket.create_connection((host, int(port)))
        msg = (b"%08d" % i) * 8
        s.sendall(msg)
        got = b""
        while len(got) < len(msg):
            chunk = s.recv(64)
            if not chunk:
                sys.exit("connection %d closed early" % i)
            got += chunk
        if got != msg:
            sys.exit("connection %d: echo mismatch" % i)
        socks.append(s)
    time.sleep(1.0)
    after = status(pid)
    per = (after["VmRSS"] - before["VmRSS"]) * 1024 / n
    print("%d connections verified in %.1fs" % (n, time.time() - t0))
    print("server VmRSS %.1f MiB -> %.1f MiB, VmHWM %.1f MiB, %.0f B per idle connection"
          % (before["VmRSS"] / 1024, after["VmRSS"] / 1024, after["VmHWM"] / 1024, per))
    for s in socks:
        s.close()


main()
