"""Interactive client of the echo exercise (port 61840): each typed line is
sent as it is, WITHOUT a newline, then one recv and the reply is printed.
"sair" (any case) ends the session and is never sent; so does the end of
the input. Empty lines are skipped: they would send nothing and the recv
would wait for ever.

    python3 chat_client.py [HOST [PORT]]      default 127.0.0.1 61840
"""
import socket
import sys

HOST = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 61840

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
    s.connect((HOST, PORT))
    while True:
        try:
            line = input("Digite uma mensagem (sair para terminar): ")
        except EOFError:
            break
        if line.lower() == "sair":
            break
        if line == "":
            continue
        s.sendall(line.encode())
        data = s.recv(1024)
        print("Recebido:", data.decode())
