"""The course's UDP server: for each datagram, ONE datagram back to the
sender, from the same socket, with the data stripped and upper-cased
("hello\\n" -> "HELLO"; a bare "\\n" gets an empty datagram). Runs until
Ctrl-C.

    python3 udp_server.py [HOST [PORT]]      default localhost 65431
"""
import socketserver
import sys

HOST = sys.argv[1] if len(sys.argv) > 1 else "localhost"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 65431


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        data = self.request[0].strip()
        sock = self.request[1]
        print(f"{self.client_address} escreveu: {data!r}", flush=True)
        sock.sendto(data.upper(), self.client_address)


with socketserver.UDPServer((HOST, PORT), Handler) as server:
    server.serve_forever()
