"""The number server: serves ONE client. One recv; ALL the bytes received
are one unsigned big-endian integer. Fewer than 10 decimal digits: PAR
(even) or ÍMPAR (odd, UTF-8); more than 10: the number in decimal ASCII;
exactly 10: nothing. Then the server closes the connection.

    python3 number_server.py [HOST [PORT]]      default 127.0.0.1 65432
"""
import socket
import sys

HOST = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 65432


def digits(n):
    count = 0
    while n > 0:
        n //= 10
        count += 1
    return count


with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
    s.bind((HOST, PORT))
    s.listen()
    conn, addr = s.accept()
    with conn:
        data = conn.recv(1024)
        n = int.from_bytes(data, "big")
        count = digits(n)
        print(f"{addr}: {n} ({count} dígitos)", flush=True)
        if count > 10:
            conn.sendall(str(n).encode())
        elif count < 10:
            conn.sendall("PAR".encode() if n % 2 == 0 else "ÍMPAR".encode())
        # exactly 10 digits: no reply
