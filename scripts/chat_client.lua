-- chat_client.lua: the interactive client of the 61840 exercise (cliente.py).
-- Each line you type is sent WITHOUT a newline; one recv; the reply is
-- printed. Typing "sair" (any case) ends the session and is not sent.
-- Empty lines are skipped: they would send nothing, and the recv would
-- then wait for ever.
--
--   socklab scripts/chat_client.lua [HOST:PORT]
--   default 127.0.0.1:61840; run scripts/echo.lua 127.0.0.1:61840 as server
local addr = arg[1] or "127.0.0.1:61840"

local c, err = net.connect(addr)
if not c then
  error(("cannot connect to %s: %s (is the server up? start it first: socklab scripts/echo.lua %s)"):format(addr, err, addr))
end
print("connected to " .. addr .. "; type lines, \"sair\" to leave")
while true do
  local line = input("> ")
  if not line or line:lower() == "sair" then break end
  if line == "" then
    print("(empty line skipped: it would send 0 bytes)")
  else
    c:send(line)                       -- no newline, as the original
    local reply, err = c:recv(1024)
    if not reply then print("server: " .. err) break end
    print(reply)
  end
end
c:close()
print("bye")
