"""The course's UDP client: each typed line plus "\\n" goes out as ONE
datagram; then one recv and the reply is printed. Ends at the end of the
input.

    python3 udp_client.py [HOST [PORT]]      default localhost 65431
"""
import socket
import sys

HOST = sys.argv[1] if len(sys.argv) > 1 else "localhost"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 65431

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
while True:
    try:
        line = input()
    except EOFError:
        break
    sock.sendto((line + "\n").encode(), (HOST, PORT))
    received = sock.recv(1024).decode()
    print("Sent:    ", line)
    print("Received:", received)
