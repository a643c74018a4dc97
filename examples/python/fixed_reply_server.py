"""Fixed-reply server (port 8888): serves ONE client and answers every
chunk it receives with exactly the 22 bytes SERVER OK - STATUS 200, with
no newline; it exits when the client closes.

    python3 fixed_reply_server.py [HOST [PORT]]      default localhost 8888
"""
import socket
import sys

HOST = sys.argv[1] if len(sys.argv) > 1 else "localhost"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 8888

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind((HOST, PORT))
server.listen()
print(f"Servidor escutando em {HOST}:{PORT}", flush=True)
conn, addr = server.accept()
print(f"Conectado a {addr}", flush=True)
while True:
    data = conn.recv(1024)
    if not data:
        print("Cliente desconectado", flush=True)
        conn.close()
        break
    print("Recebido:", data.decode(), flush=True)
    conn.sendall(b"SERVER OK - STATUS 200")  # one reply per chunk
server.close()
