"""The course's "multi-client" server: one client at a time, for ever.
Per connection: ONE recv, the data stripped and upper-cased (ASCII
letters, as bytes.upper does), one sendall, then the SERVER closes first.

    python3 multiclient_server.py [HOST [PORT]]      default localhost 65432
"""
import socket
import socketserver
import sys

HOST = sys.argv[1] if len(sys.argv) > 1 else "localhost"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 65432


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        print(f"Conexão de {self.client_address[0]}:{self.client_address[1]}", flush=True)
        data = self.request.recv(1024)
        self.request.sendall(data.strip().upper())
        self.request.shutdown(socket.SHUT_WR)  # FIN: the server closes first


with socketserver.TCPServer((HOST, PORT), Handler) as server:
    server.serve_forever()
