"""The number client: draws n from 1 to 1000 (or takes N), prints it,
sends it as exactly 2 bytes, unsigned big-endian (7 -> 00 07), does one
recv, closes and prints the reply.

    python3 number_client.py [HOST [PORT [N]]]      default 127.0.0.1 65432
"""
import random
import socket
import sys

HOST = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 65432
n = int(sys.argv[3]) if len(sys.argv) > 3 else random.randint(1, 1000)

print(n)
with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
    s.connect((HOST, PORT))
    s.sendall(n.to_bytes(2, "big"))
    reply = s.recv(1024)

print(repr(reply) + " FIM")
