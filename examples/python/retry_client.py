"""Retrying client (port 8888): tries to connect with a NEW socket every
2 seconds until the server is up, then sends "Testando conexão" (17 bytes
of UTF-8, no newline), does one recv, prints the reply and closes.

    python3 retry_client.py [HOST [PORT]]      default localhost 8888
"""
import socket
import sys
import time

HOST = sys.argv[1] if len(sys.argv) > 1 else "localhost"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 8888


def connect_to_server():
    while True:
        client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # a new socket each time
        try:
            client.connect((HOST, PORT))
            return client
        except OSError:
            print("Sem resposta do servidor, tentando de novo em 2 segundos...", flush=True)
            time.sleep(2)


client = connect_to_server()
client.sendall("Testando conexão".encode())
reply = client.recv(1024)
print("Resposta:", reply.decode())
client.close()
