"""TCP echo server (the course's simple server): serves ONE client, sends
every chunk back unchanged, and exits when the client closes.

    python3 echo_server.py [HOST [PORT]]      default 127.0.0.1 65432
"""
import socket
import sys

HOST = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 65432

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
    s.bind((HOST, PORT))
    print("Bind", flush=True)
    s.listen()
    print("Listen", flush=True)
    conn, addr = s.accept()
    with conn:
        print(f"Connected by {addr}", flush=True)
        while True:
            data = conn.recv(1024)  # one chunk, not a line
            if not data:  # b'': the client closed
                break
            print(repr(data), flush=True)
            conn.sendall(data)  # the same bytes, one write
